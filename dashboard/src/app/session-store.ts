import type { SessionView } from '../contract/auth.js';
import { createStore } from '../stores/create-store.js';

export type SessionState =
  | { readonly status: 'loading'; readonly pendingCsrf: null }
  /** `pendingCsrf`: the CSRF token of a sign-in waiting for its code. */
  | { readonly status: 'signed_out'; readonly reason: 'none' | 'expired' | 'logged_out'; readonly pendingCsrf: string | null }
  | { readonly status: 'signed_in'; readonly session: SessionView; readonly pendingCsrf: null };

export const sessionStore = createStore<SessionState>({ status: 'loading', pendingCsrf: null });

export function signedInAs(session: SessionView): void {
  sessionStore.set({ status: 'signed_in', session, pendingCsrf: null });
}
