import type { ActivationInfo, LoginResult, SessionView } from '../contract/auth.js';
import { sessionStore, signedInAs } from '../app/session-store.js';
import { ApiError } from './api-error.js';
import { api } from './http.js';

/** Asks the server whether this browser holds a session (at start, and every minute). */
export async function refreshSession(): Promise<void> {
  try {
    signedInAs(await api<SessionView>('GET', '/api/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const was = sessionStore.get();
      sessionStore.set({ status: 'signed_out', reason: was.status === 'signed_in' ? 'expired' : 'none', pendingCsrf: null });
    } else if (sessionStore.get().status === 'loading') {
      throw error;
    }
  }
}

export async function login(username: string, password: string): Promise<LoginResult> {
  const result = await api<LoginResult>('POST', '/api/auth/login', { username, password });
  if (result.status === 'signed_in') signedInAs(result.session);
  else sessionStore.set({ status: 'signed_out', reason: 'none', pendingCsrf: result.csrfToken });
  return result;
}

export async function submitCode(code: string): Promise<void> {
  const result = await api<LoginResult>('POST', '/api/auth/totp', { code });
  if (result.status === 'signed_in') signedInAs(result.session);
}

export async function logout(): Promise<void> {
  await api('POST', '/api/auth/logout').catch(() => undefined);
  sessionStore.set({ status: 'signed_out', reason: 'logged_out', pendingCsrf: null });
}

/** Someone is using the console: the idle timeout starts again. */
export async function reportActivity(): Promise<void> {
  signedInAs(await api<SessionView>('POST', '/api/auth/activity'));
}

/** Opening an activation link: the account, and the authenticator secret to enrol. */
export function openActivation(code: string): Promise<ActivationInfo> {
  return api<ActivationInfo>('POST', '/api/auth/activation', { code });
}

/** The first sign-in: own password and a code from the newly linked app; signed in afterwards. */
export async function completeActivation(code: string, password: string, totpCode: string): Promise<void> {
  const result = await api<LoginResult>('POST', '/api/auth/activation/complete', { code, password, totpCode });
  if (result.status === 'signed_in') signedInAs(result.session);
}
