import { csrfTokenFor, findSession, hashPassword, hashSessionToken, verifyPassword, withTransaction } from '@aware/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ActivationBody, CompleteActivationBody, LoginBody, PasswordChangeBody, TotpBody, type ActivationInfo, type LoginResult, type SessionView } from '../../contract/auth.js';
import type { DashboardConfig } from '../config.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { signedIn } from '../http/guard.js';
import { parseWith } from '../http/parse.js';
import { clearSessionCookie, cookieSecure, sessionTokenOf, setSessionCookie } from '../http/session-cookie.js';
import { beginActivation, completeActivation } from './activation.js';
import type { AuthDeps, RequestMeta } from './auth-deps.js';
import { passwordStep } from './password-step.js';
import { sessionView } from './session-view.js';
import { revokeSession, revokeUserSessions, touchSession } from './sessions.js';
import { assertMayAttempt, recordFailure, type Attempt } from './sign-in-throttle.js';
import { totpStep } from './totp-step.js';
import { deviceValueOf, isTrusted, trustDevice } from './trusted-device.js';
import { userById } from './user-credentials.js';

/**
 * Sign-in and the session:
 * - `POST /api/auth/login` {username, password} -> `mfa_required` (cookie holds a session waiting for the code) or `signed_in`
 * - `POST /api/auth/totp` {code} -> `signed_in` (new cookie)
 * - `GET /api/auth/session` -> the signed-in session (user, CSRF token, end); 401 when there is none
 * - `POST /api/auth/activity` -> the idle timeout starts again (the SPA sends it while someone uses it)
 * - `POST /api/auth/password` {current, next} -> 204; every other session of the user ends
 * A completed sign-in makes the browser trusted for that user (device cookie, trusted-device.ts), which
 * sign-in throttling respects (sign-in-throttle.ts).
 * - `POST /api/auth/logout` -> 204, session revoked, cookie cleared
 * - `POST /api/auth/activation` {code} -> the account and the authenticator secret to enrol (first sign-in)
 * - `POST /api/auth/activation/complete` {code, password, totpCode} -> `signed_in` (activation.ts)
 */
export function authRoutes(app: FastifyInstance, config: DashboardConfig, deps: AuthDeps): void {
  const meta = (request: FastifyRequest): RequestMeta => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  const trusted = (request: FastifyRequest) => (username: string) => isTrusted(deps.db, deviceValueOf(request), username);
  const view = async (token: string): Promise<SessionView> => {
    const found = await findSession(deps.db, hashSessionToken(token));
    if (!found || found.mfaPending) throw new DashboardError(DashboardErrorCode.UNAUTHENTICATED);
    return sessionView(found.principal, token, found.expiresAt, config.session.idleMs);
  };

  app.post('/api/auth/login', async (request, reply): Promise<LoginResult> => {
    const body = parseWith(LoginBody, request.body, 'body');
    if (cookieSecure(config, request) && request.protocol !== 'https') throw new DashboardError(DashboardErrorCode.HTTPS_REQUIRED);
    const previous = sessionTokenOf(request);
    if (previous) await revokeSession(deps.db, hashSessionToken(previous));
    const { session, mfaPending, userId } = await passwordStep(deps, body, meta(request), await trusted(request)(body.username));
    setSessionCookie(config, request, reply, session.token);
    if (!mfaPending) await trustDevice(deps.db, config, request, reply, userId);
    if (mfaPending) return { status: 'mfa_required', csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt.toISOString() };
    return { status: 'signed_in', session: await view(session.token) };
  });

  app.post('/api/auth/totp', async (request, reply): Promise<LoginResult> => {
    const body = parseWith(TotpBody, request.body, 'body');
    const session = await totpStep(deps, sessionTokenOf(request), body, meta(request), trusted(request));
    setSessionCookie(config, request, reply, session.token);
    await trustDevice(deps.db, config, request, reply, session.userId);
    return { status: 'signed_in', session: await view(session.token) };
  });

  app.get('/api/auth/session', async (request): Promise<SessionView> => {
    const { principal, token, expiresAt } = await signedIn(deps.db, request);
    return sessionView(principal, token, expiresAt, config.session.idleMs);
  });

  app.post('/api/auth/activity', async (request): Promise<SessionView> => {
    const { principal, token, tokenHash } = await signedIn(deps.db, request);
    const expiresAt = await touchSession(deps.db, tokenHash, deps.times);
    if (!expiresAt) throw new DashboardError(DashboardErrorCode.UNAUTHENTICATED);
    return sessionView(principal, token, expiresAt, config.session.idleMs);
  });

  app.post('/api/auth/password', async (request, reply) => {
    const { principal, tokenHash } = await signedIn(deps.db, request);
    const body = parseWith(PasswordChangeBody, request.body, 'body');
    const user = await userById(deps.db, principal.userId);
    if (!user) throw new DashboardError(DashboardErrorCode.UNAUTHENTICATED);
    // a session left open is no licence to guess the password: it is throttled like a sign-in
    const attempt: Attempt = { username: user.username, address: request.ip, trusted: await trusted(request)(user.username) };
    await assertMayAttempt(deps.db, deps.throttle, attempt, 'password_change', deps.now(), deps.log.child({ username: user.username, ip: request.ip }));
    if (!(await verifyPassword(user.passwordHash, body.current))) {
      await recordFailure(deps.db, attempt, 'password_change');
      throw new DashboardError(DashboardErrorCode.CREDENTIALS_INVALID);
    }
    const hash = await hashPassword(body.next);
    await withTransaction(deps.db, async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [user.id, hash]);
      // whoever knew the old password is signed out everywhere; this browser stays signed in
      await revokeUserSessions(tx, user.id, tokenHash);
    });
    deps.log.info({ username: user.username }, 'password changed; other sessions ended');
    return reply.code(204).send();
  });

  app.post('/api/auth/activation', async (request): Promise<ActivationInfo> => {
    const body = parseWith(ActivationBody, request.body, 'body');
    return beginActivation(deps, body.code);
  });

  app.post('/api/auth/activation/complete', async (request, reply): Promise<LoginResult> => {
    const body = parseWith(CompleteActivationBody, request.body, 'body');
    if (cookieSecure(config, request) && request.protocol !== 'https') throw new DashboardError(DashboardErrorCode.HTTPS_REQUIRED);
    const previous = sessionTokenOf(request);
    if (previous) await revokeSession(deps.db, hashSessionToken(previous));
    const session = await completeActivation(deps, body, meta(request));
    setSessionCookie(config, request, reply, session.token);
    await trustDevice(deps.db, config, request, reply, session.userId);
    return { status: 'signed_in', session: await view(session.token) };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await revokeSession(deps.db, hashSessionToken(token));
    clearSessionCookie(config, request, reply);
    return reply.code(204).send();
  });
}
