import { useSyncExternalStore } from 'react';
import type { Store } from './create-store.js';

/** The current state of `store`; the component re-renders when it is replaced. */
export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
