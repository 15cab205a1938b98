import type { Organisation, Role } from '@aware/protocol';
import type { ActivationInfo, LoginResult } from '../../src/contract/auth.js';
import type { IssuedCredentials } from '../../src/contract/users.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { createUser } from '../../src/server/users/user-actions.js';
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
 * A real account, made as the administrator makes one (no credentials, an activation code) and activated
 * as its owner does over HTTP (own password, own authenticator app), and a client signed in with it,
 * unless `signIn` is false (then the client has no session).
 */
export async function person(
  stack: Pick<Stack, 'pool' | 'baseUrl' | 'totpKey'>,
  o: { organisation: Organisation; region: string | null; roles: Role[]; displayName?: string; signIn?: boolean },
): Promise<Person> {
  const username = `${o.roles[0] ?? 'user'}.${process.pid}.${++counter}`.replace(/_/g, '-');
  const issued = await createUser(stack.pool, { username, displayName: o.displayName ?? username, organisation: o.organisation, region: o.region, roles: o.roles }, { by: null, activationTtlMs: 3_600_000 });
  const activator = new Client(stack.baseUrl);
  const password = `wachtwoord van ${username}`;
  const totpSecret = await activate(activator, issued.activation!.code, password);
  return { username, password, totpSecret, issued, client: o.signIn === false ? new Client(stack.baseUrl) : activator };
}

/**
 * What the person does with the activation link: opens it (the authenticator secret appears), chooses a
 * password and confirms with a code from the app. The code is the previous time step's (the app's clock
 * may run behind), so a sign-in right after, with the current code, is not a replay. Returns the secret.
 */
export async function activate(c: Client, code: string, password: string): Promise<string> {
  const info = await c.post<ActivationInfo>('/api/auth/activation', { code });
  if (info.status !== 200) throw new Error(`activation ${info.status}: ${JSON.stringify(info.body)}`);
  const secret = secretOfUri(info.body.totpUri);
  const done = await c.post<LoginResult>('/api/auth/activation/complete', { code, password, totpCode: totpCode(secret, Date.now() - 30_000) });
  if (done.status !== 200 || done.body.status !== 'signed_in') throw new Error(`activation ${done.status}: ${JSON.stringify(done.body)}`);
  c.csrf = done.body.session.csrfToken;
  return secret;
}
