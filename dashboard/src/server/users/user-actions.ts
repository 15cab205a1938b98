import { withTransaction, type Pool } from '@aware/db';
import type { Activation } from '../../contract/auth.js';
import type { CreateUserBody, IssuedCredentials, UserAction } from '../../contract/users.js';
import { issueActivation } from '../auth/activation.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { forgiveAccount } from '../auth/sign-in-throttle.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { insertUser } from './create-user.js';
import { getUser } from './find-users.js';

/** A new account and its activation (shown once); the person sets their own password and second factor. */
export async function createUser(db: Pool, body: CreateUserBody, o: { by: string | null; activationTtlMs: number }): Promise<IssuedCredentials> {
  const { id, activation } = await withTransaction(db, async (tx) => {
    const userId = await insertUser(tx, body, o.by);
    return { id: userId, activation: await issueActivation(tx, { userId, createdBy: o.by, ttlMs: o.activationTtlMs }) };
  });
  return { user: (await getUser(db, id))!, activation };
}

/**
 * What an administrator does to an account: disable (every session ends at once) and enable, release it
 * from sign-in throttling (`unlock`), or reset the credentials: the password and second factor stop
 * working, every session ends, and a new activation is issued (shown once) for the person to set their own.
 */
export async function applyUserAction(db: Pool, o: { userId: string; action: UserAction; by: string; activationTtlMs: number }): Promise<IssuedCredentials> {
  const user = await getUser(db, o.userId);
  if (!user) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such user');
  if (o.userId === o.by && (o.action === 'disable' || o.action === 'reset-credentials')) {
    throw new DashboardError(DashboardErrorCode.FORBIDDEN, 'not on your own account');
  }
  const activation = await withTransaction(db, async (tx): Promise<Activation | null> => {
    switch (o.action) {
      case 'disable':
        await tx.query('UPDATE users SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL', [o.userId]);
        await revokeUserSessions(tx, o.userId);
        return null;
      case 'enable':
        await tx.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [o.userId]);
        return null;
      case 'unlock':
        // releases the user name from sign-in throttling (every address), e.g. after an attack is dealt with
        await forgiveAccount(tx, user.username);
        return null;
      case 'reset-credentials':
        return issueActivation(tx, { userId: o.userId, createdBy: o.by, ttlMs: o.activationTtlMs });
    }
  });
  return { user: (await getUser(db, o.userId))!, activation };
}
