import type { AlarmDetail } from '@aware/protocol';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { alarmStore } from '../../live/live.js';
import { alarmApi } from './alarm-api.js';

export type DetailState = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; message: string } | { status: 'ready'; detail: AlarmDetail };

/**
 * The alarm detail from dispatch (alarm, trail, history), fetched again shortly after the live feed
 * reports a change to this alarm (the history grows; the live store carries the rest in between).
 */
export function useAlarmDetail(id: string): DetailState {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      alarmApi.detail(id).then(
        (detail) => !cancelled && setState({ status: 'ready', detail }),
        (e: unknown) => {
          if (cancelled) return;
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setState({ status: 'missing' });
          else setState((s) => (s.status === 'ready' ? s : { status: 'failed', message: e instanceof Error ? e.message : String(e) }));
        },
      );
    void load();
    let seen = alarmStore.store.get().alarms.get(id);
    const unsubscribe = alarmStore.store.subscribe(() => {
      const now = alarmStore.store.get().alarms.get(id);
      if (now === seen) return;
      const stateChanged = now?.state !== seen?.state || now?.pressCount !== seen?.pressCount || now?.escalatedAt !== seen?.escalatedAt;
      seen = now;
      if (stateChanged && !timer) timer = setTimeout(() => ((timer = null), void load()), 300);
    });
    return () => {
      cancelled = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [id]);
  return state;
}
