import { technicalOnBoard, type TechnicalAlarmView } from '@aware/protocol';
import { createStore } from '../stores/create-store.js';

/** The technical alarms (silent pendant, low battery) on the Veilig Thuis board, as the live feed tells them. */
export class TechnicalStore {
  readonly store = createStore<ReadonlyMap<string, TechnicalAlarmView>>(new Map());

  replaceOpen(open: readonly TechnicalAlarmView[]): void {
    this.store.set(new Map(open.map((t) => [t.id, t])));
  }

  /** Any change (opened, cleared, taken, resolved): kept while it belongs on the board. */
  update(technical: TechnicalAlarmView): void {
    const next = new Map(this.store.get());
    if (technicalOnBoard(technical)) next.set(technical.id, technical);
    else next.delete(technical.id);
    this.store.set(next);
  }
}
