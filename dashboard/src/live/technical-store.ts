import type { TechnicalAlarmView } from '@aware/protocol';
import { createStore } from '../stores/create-store.js';

/** Open technical alarms (silent pendant, low battery) the live feed told this console about. */
export class TechnicalStore {
  readonly store = createStore<ReadonlyMap<string, TechnicalAlarmView>>(new Map());

  replaceOpen(open: readonly TechnicalAlarmView[]): void {
    this.store.set(new Map(open.map((t) => [t.id, t])));
  }

  change(change: 'opened' | 'cleared', technical: TechnicalAlarmView): void {
    const next = new Map(this.store.get());
    if (change === 'opened') next.set(technical.id, technical);
    else next.delete(technical.id);
    this.store.set(next);
  }
}
