import type { Organisation, Role } from '@aware/protocol';
import type { IssuedCredentials } from '../../src/contract/users.js';
import { TotpCipher } from '../../src/server/auth/totp-cipher.js';
import { createUser } from '../../src/server/users/create-user.js';
import { Client } from './client.js';
import { secretOfUri, type Stack } from './stack.js';

let counter = 0;

export interface Person {
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly issued: IssuedCredentials;
  readonly client: Client;
}

/**
 * A real account (as the administrator API makes one: argon2id password, encrypted TOTP secret) and a
 * client signed in with it (password and code), unless `signIn` is false.
 */
export async function person(
  stack: Pick<Stack, 'pool' | 'baseUrl' | 'totpKey'>,
  o: { organisation: Organisation; region: string | null; roles: Role[]; displayName?: string; signIn?: boolean },
): Promise<Person> {
  const username = `${o.roles[0] ?? 'user'}.${process.pid}.${++counter}`.replace(/_/g, '-');
  const cipher = new TotpCipher(Buffer.from(stack.totpKey, 'base64'));
  const issued = await createUser(stack.pool, cipher, 'AWARE', { username, displayName: o.displayName ?? username, organisation: o.organisation, region: o.region, roles: o.roles }, null);
  const client = new Client(stack.baseUrl);
  const totpSecret = secretOfUri(issued.totpUri!);
  if (o.signIn !== false) await client.signIn(username, issued.initialPassword!, totpSecret);
  return { username, password: issued.initialPassword!, totpSecret, issued, client };
}
