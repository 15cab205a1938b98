import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { createDevice, getDevice, rotateDeviceSecret, type Queryable } from '@aware/db';

/**
 * Test pendants for the simulator of the all-in-one process: `sim-0001` .. `sim-NNNN`, marked as test
 * devices, in stock. Their secrets are stored only as hashes, so each start issues fresh ones (which
 * revokes the previous ones) and writes them to the simulator's credentials file, mode 0600:
 * `npm run sim -- pendant --credentials <file>` then connects without further setup.
 */
export async function provisionSimDevices(
  db: Queryable,
  options: { count: number; region: string; file: string; logger: Logger },
): Promise<{ file: string; ids: string[] } | null> {
  if (options.count === 0) return null;
  const credentials: { id: string; secret: string }[] = [];
  for (let i = 1; i <= options.count; i++) {
    const id = `sim-${String(i).padStart(4, '0')}`;
    const existing = await getDevice(db, id);
    if (existing && !existing.isTest) {
      options.logger.warn({ deviceId: id }, 'a real device has a simulator id; left alone');
      continue;
    }
    const secret = existing
      ? await rotateDeviceSecret(db, id, { reason: 'simulator credentials reissued at platform start' })
      : (await createDevice(db, { id, isTest: true, region: options.region })).secret;
    credentials.push({ id, secret });
  }
  await mkdir(path.dirname(options.file), { recursive: true, mode: 0o700 });
  await writeFile(options.file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(options.file, 0o600);
  return { file: options.file, ids: credentials.map((c) => c.id) };
}
