import { withTransaction, type Pool } from '@aware/db';
import { rolesOutsideOrganisation } from '@aware/protocol';
import type { UpdateUserBody, UserView } from '../../contract/users.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { getUser } from './find-users.js';

/**
 * An administrator changes an account's name, e-mail, region and roles, in one transaction. A change of
 * region or roles ends the person's sessions (she signs in again with what she may now see; the live
 * feed closes too). Refused: roles her organisation cannot hold, and taking away one's own `admin`.
 */
export async function updateUser(db: Pool, o: { userId: string; body: UpdateUserBody; by: string }): Promise<UserView> {
  const user = await getUser(db, o.userId);
  if (!user) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such user');
  const misfits = rolesOutsideOrganisation(o.body.roles, user.organisation);
  if (misfits.length) {
    const message = `${misfits.join(', ')} not possible in ${user.organisation}`;
    throw new DashboardError(DashboardErrorCode.BODY_INVALID, `roles: ${message}`, { problems: [{ path: 'roles', issue: 'custom', message }] });
  }
  if (o.userId === o.by && user.roles.includes('admin') && !o.body.roles.includes('admin')) {
    throw new DashboardError(DashboardErrorCode.FORBIDDEN, 'not on your own account: another administrator can take away your admin role');
  }
  const roles = [...new Set(o.body.roles)].sort();
  const rightsChanged = user.region !== o.body.region || roles.join() !== [...user.roles].sort().join();
  await withTransaction(db, async (tx) => {
    try {
      await tx.query('UPDATE users SET display_name = $2, email = $3, region = $4 WHERE id = $1', [o.userId, o.body.displayName, o.body.email, o.body.region]);
    } catch (error) {
      if ((error as { code?: string }).code === '23503') {
        throw new DashboardError(DashboardErrorCode.BODY_INVALID, 'region: unknown region', { problems: [{ path: 'region', issue: 'custom', message: 'unknown region' }] });
      }
      throw error;
    }
    await tx.query('DELETE FROM user_roles WHERE user_id = $1 AND NOT (role = ANY($2::text[]))', [o.userId, roles]);
    await tx.query(
      'INSERT INTO user_roles (user_id, role, granted_by) SELECT $1, r, $3 FROM unnest($2::text[]) AS r ON CONFLICT DO NOTHING',
      [o.userId, roles, o.by],
    );
    if (rightsChanged && o.userId !== o.by) await revokeUserSessions(tx, o.userId);
  });
  return (await getUser(db, o.userId))!;
}
