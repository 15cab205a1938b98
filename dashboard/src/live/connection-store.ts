import { createStore } from '../stores/create-store.js';

export type ConnectionState =
  /** First connection of this page, not yet open. */
  | { readonly state: 'connecting' }
  | { readonly state: 'live'; readonly since: number }
  /** Lost (or never made after being live): reconnecting; `since` when it went down. */
  | { readonly state: 'down'; readonly since: number }
  /** No feed for this user (no live role) or the session ended. */
  | { readonly state: 'off' };

export const connectionStore = createStore<ConnectionState>({ state: 'off' });
