import type { ErrorBody } from '@aware/protocol';
import { CSRF_HEADER, CSRF_NO_SESSION } from '../contract/auth.js';
import { sessionStore } from '../app/session-store.js';
import { ApiError } from './api-error.js';

/**
 * Every request of the SPA to its own origin: JSON, the session cookie (same origin, sent by the browser),
 * the CSRF token of the session on state-changing requests. A 401 from anything but the sign-in routes
 * means the session ended: the app shows the sign-in page.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const state = sessionStore.get();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers[CSRF_HEADER] = state.status === 'signed_in' ? state.session.csrfToken : (state.pendingCsrf ?? CSRF_NO_SESSION);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: method === 'GET' ? null : JSON.stringify(body ?? {}), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('network', 'the server cannot be reached', 0);
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = json as Partial<ErrorBody> | null;
    if (res.status === 401 && !path.startsWith('/api/auth/') && state.status === 'signed_in') sessionStore.set({ status: 'signed_out', reason: 'expired', pendingCsrf: null });
    throw new ApiError(err?.code ?? `http_${res.status}`, err?.message ?? res.statusText, res.status, err?.retryAfterS ?? null, Array.isArray(err?.problems) ? err.problems : []);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
