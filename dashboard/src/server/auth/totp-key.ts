import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DashboardError, DashboardErrorCode } from '../errors.js';

const KEY_BYTES = 32;

/**
 * The key that encrypts TOTP secrets at rest: AWARE_TOTP_KEY (base64) when set, else the file
 * AWARE_TOTP_KEY_FILE, created with a fresh random key (mode 0600) the first time. The embedded default
 * keeps it in `.data/` beside the database it protects, never in the repository; a deployment sets
 * AWARE_TOTP_KEY from its secret store. Losing the key means re-issuing every second factor.
 */
export async function loadTotpKey(options: { key: string | null; keyFile: string }): Promise<Buffer> {
  if (options.key !== null) return decode(options.key, 'AWARE_TOTP_KEY');
  try {
    return decode((await readFile(options.keyFile, 'utf8')).trim(), options.keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(path.dirname(options.keyFile), { recursive: true, mode: 0o700 });
  try {
    await writeFile(options.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process created it first: use theirs
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadTotpKey(options);
    throw error;
  }
  await chmod(options.keyFile, 0o600);
  return key;
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) throw new DashboardError(DashboardErrorCode.TOTP_KEY, `${where} must hold ${KEY_BYTES} bytes, base64`);
  return key;
}
