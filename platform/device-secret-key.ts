import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { DeviceSecretKeys } from '@aware/db';

/**
 * The key pendant secrets are hashed with (db/src/device-secrets.ts) for the all-in-one process: when
 * neither DEVICE_SECRET_KEYS nor DEVICE_SECRET_KEY_FILE is set, `<dataDir>/device-secret.key`, created
 * with a fresh random key (mode 0600) the first time and kept beside the database whose hashes need it,
 * never in the repository. Returns the file to name in DEVICE_SECRET_KEY_FILE, or null when the
 * environment names the keys itself. Losing the file means re-issuing every pendant's secret.
 */
export async function ensureDeviceSecretKeyFile(env: Readonly<Record<string, string | undefined>>, dataDir: string, logger: Logger): Promise<string | null> {
  if (env['DEVICE_SECRET_KEYS'] || env['DEVICE_SECRET_KEY_FILE']) return null;
  const file = path.join(dataDir, 'device-secret.key');
  // the folder keeps its permissions (the embedded PostgreSQL's user must be able to enter it); the file is 0600
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, `${DeviceSecretKeys.generate()}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    logger.info({ file }, 'created the key pendant secrets are hashed with');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return file;
}
