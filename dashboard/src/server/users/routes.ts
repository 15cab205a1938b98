import type { FastifyInstance } from 'fastify';
import { CreateUserBody, UpdateUserBody, UserAction, type IssuedCredentials, type UserList, type UserView } from '../../contract/users.js';
import type { AuthDeps } from '../auth/auth-deps.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { requireRole } from '../http/guard.js';
import { parseWith } from '../http/parse.js';
import { listUsers } from './find-users.js';
import { updateUser } from './update-user.js';
import { applyUserAction, createUser } from './user-actions.js';

const ADMIN = ['admin'] as const;

/**
 * User administration, role `admin` only:
 * - `GET /api/admin/users`
 * - `POST /api/admin/users` {username, displayName, email?, organisation, region, roles} -> the account with
 *   its activation code (shown once; the person sets their own password and second factor with it)
 * - `PUT /api/admin/users/:id` {displayName, email, region, roles} (a change of region or roles ends their sessions)
 * - `POST /api/admin/users/:id/{disable,enable,unlock,reset-credentials}` (reset: a new activation)
 */
export function userRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.get('/api/admin/users', async (request): Promise<UserList> => {
    await requireRole(deps.db, request, ADMIN);
    return { users: await listUsers(deps.db) };
  });

  app.post('/api/admin/users', async (request, reply): Promise<IssuedCredentials> => {
    const admin = await requireRole(deps.db, request, ADMIN);
    const body = parseWith(CreateUserBody, request.body, 'body');
    const issued = await createUser(deps.db, body, { by: admin.userId, activationTtlMs: deps.activationTtlMs });
    deps.log.info({ by: admin.username, username: body.username, roles: body.roles }, 'user created');
    return reply.code(201).send(issued);
  });

  app.put<{ Params: { id: string } }>('/api/admin/users/:id', async (request): Promise<UserView> => {
    const admin = await requireRole(deps.db, request, ADMIN);
    const body = parseWith(UpdateUserBody, request.body, 'body');
    const user = await updateUser(deps.db, { userId: request.params.id, body, by: admin.userId });
    deps.log.info({ by: admin.username, username: user.username, roles: user.roles, region: user.region }, 'user updated');
    return user;
  });

  app.post<{ Params: { id: string; action: string } }>('/api/admin/users/:id/:action', async (request): Promise<IssuedCredentials> => {
    const admin = await requireRole(deps.db, request, ADMIN);
    const action = UserAction.safeParse(request.params.action);
    if (!action.success) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such action');
    const result = await applyUserAction(deps.db, { userId: request.params.id, action: action.data, by: admin.userId, activationTtlMs: deps.activationTtlMs });
    deps.log.info({ by: admin.username, username: result.user.username, action: action.data }, 'user changed');
    return result;
  });
}
