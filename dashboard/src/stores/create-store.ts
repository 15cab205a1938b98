/**
 * A minimal external store for `useSyncExternalStore`: an immutable state object replaced on every
 * change, and listeners called synchronously. Stores that take high-rate updates coalesce them before
 * calling `set` (see live/alarm-store.ts).
 */
export interface Store<S> {
  get(): S;
  set(next: S): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
