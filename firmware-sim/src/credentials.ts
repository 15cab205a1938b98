import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeviceId } from '@aware/protocol';
import { z } from 'zod';
import { SimError } from './errors.js';

/** Where `provision` writes and the other commands read device credentials, relative to the working directory. */
export const DEFAULT_CREDENTIALS_PATH = '.data/sim-credentials.json';

/** The simulator's own credentials file: `[{ "id": ..., "secret": ... }]`, mode 0600. */
const CredentialsFile = z.array(z.object({ id: DeviceId, secret: z.string().min(1) }).strict()).min(1);
export type Credential = z.infer<typeof CredentialsFile>[number];

export async function readCredentials(path: string): Promise<Credential[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SimError('SIM_ERR_CREDENTIALS_UNREADABLE', `cannot read credentials file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SimError('SIM_ERR_CREDENTIALS_UNREADABLE', `credentials file ${path} is not JSON`);
  }
  const parsed = CredentialsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `[${issue.path.join('.')}] ` : '';
    throw new SimError('SIM_ERR_CREDENTIALS_INVALID', `credentials file ${path} is not a list of {id, secret}: ${where}${issue?.message ?? ''}`);
  }
  return parsed.data;
}

/** Writes the file readable by its owner only (it holds device secrets). */
export async function writeCredentials(path: string, credentials: Credential[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

/** The first `count` credentials of a file, or an error saying how many it has. */
export function takeCredentials(credentials: Credential[], count: number, path: string): Credential[] {
  if (credentials.length < count) {
    throw new SimError('SIM_ERR_CREDENTIALS_TOO_FEW', `credentials file ${path} has ${credentials.length} devices, ${count} needed (run: npm run sim -- provision --count ${count})`);
  }
  return credentials.slice(0, count);
}

/**
 * Credentials for a command: the `--credentials` file when given (it must be readable and valid),
 * else none, and device ids are made up, which only an anonymous broker accepts. Never read
 * implicitly: a stale file from another database would only produce refusals.
 */
export async function credentialsFor(flag: string | undefined): Promise<{ path: string; credentials: Credential[] } | null> {
  return flag === undefined ? null : { path: flag, credentials: await readCredentials(flag) };
}
