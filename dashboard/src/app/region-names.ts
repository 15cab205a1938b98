import { useEffect } from 'react';
import { api } from '../api/http.js';
import type { RegionList } from '../contract/client-config.js';
import { createStore } from '../stores/create-store.js';
import { useStore } from '../stores/use-store.js';

const names = createStore<ReadonlyMap<string, string>>(new Map());
let requested = false;

/** The regions' names by code ("utrecht" -> "Utrecht"), loaded once per page; codes until then. */
export function useRegionNames(): ReadonlyMap<string, string> {
  const current = useStore(names);
  useEffect(() => {
    if (requested) return;
    requested = true;
    api<RegionList>('GET', '/api/regions').then(
      (r) => names.set(new Map(r.regions.map((x) => [x.code, x.name]))),
      () => (requested = false),
    );
  }, []);
  return current;
}

/** A region's name, its code while names are unknown, '—' for none. */
export function regionName(names: ReadonlyMap<string, string>, code: string | null): string {
  return code === null ? '—' : (names.get(code) ?? code);
}
