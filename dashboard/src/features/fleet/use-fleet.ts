import type { FleetSummary } from '@aware/protocol';
import { useEffect, useState } from 'react';
import type { PendantHealth, PendantList, TechnicalList } from '../../contract/fleet.js';
import { technicalStore } from '../../live/live.js';
import { fleetApi } from './fleet-api.js';

export interface Fleet {
  readonly summary: FleetSummary | null;
  readonly pendants: PendantList | null;
  readonly technical: TechnicalList | null;
  readonly error: string | null;
}

const REFRESH_MS = 15_000;

/** Fleet health, fetched now, every 15 s, and when the live feed reports a technical alarm. */
export function useFleet(includeTest: boolean, health: PendantHealth | null): Fleet {
  const [fleet, setFleet] = useState<Fleet>({ summary: null, pendants: null, technical: null, error: null });
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      Promise.all([fleetApi.summary(includeTest), fleetApi.pendants(includeTest, health), fleetApi.technical(includeTest)]).then(
        ([summary, pendants, technical]) => !cancelled && setFleet({ summary, pendants, technical, error: null }),
        (e: unknown) => !cancelled && setFleet((f) => ({ ...f, error: e instanceof Error ? e.message : String(e) })),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    const unsubscribe = technicalStore.store.subscribe(() => void load());
    return () => {
      cancelled = true;
      clearInterval(timer);
      unsubscribe();
    };
  }, [includeTest, health]);
  return fleet;
}
