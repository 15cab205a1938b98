import type { DossierCard } from '@aware/protocol';
import type { AlarmRecord } from './alarm-record.js';

/** A press dispatch has seen: which alarm it belongs to and when it became durable. */
export interface PressMemo {
  readonly alarmId: string;
  /** Resolves when the write that recorded the press is durable (a redelivery is acknowledged after it). */
  readonly durable: Promise<void>;
  /** When the first copy of the press arrived (ms). */
  readonly at: number;
  /** `ReadPress.identity` of that first copy. */
  readonly identity: string;
}

/**
 * Open alarms (at most one per pendant) and the presses seen, in memory: the routing and de-duplication
 * state of the alarm path. Warmed from the database (and the journal) at start.
 */
export class AlarmStore {
  private readonly byId = new Map<string, AlarmRecord>();
  private readonly openByDevice = new Map<string, AlarmRecord>();
  private readonly presses = new Map<string, PressMemo>();

  get(alarmId: string): AlarmRecord | undefined {
    return this.byId.get(alarmId);
  }

  openFor(deviceId: string): AlarmRecord | undefined {
    return this.openByDevice.get(deviceId);
  }

  /** The open alarms of a client (one per pendant she holds; usually one). */
  openForClient(clientId: string): AlarmRecord[] {
    return [...this.openByDevice.values()].filter((a) => a.clientId === clientId);
  }

  /** Open alarms, newest first. */
  open(): AlarmRecord[] {
    return [...this.byId.values()].sort((a, b) => b.receivedAt - a.receivedAt);
  }

  get openCount(): number {
    return this.byId.size;
  }

  add(alarm: AlarmRecord): void {
    this.byId.set(alarm.id, alarm);
    this.openByDevice.set(alarm.deviceId, alarm);
  }

  /** A resolved alarm leaves memory; the next press of that pendant opens a new one. */
  remove(alarm: AlarmRecord): void {
    this.byId.delete(alarm.id);
    if (this.openByDevice.get(alarm.deviceId) === alarm) this.openByDevice.delete(alarm.deviceId);
  }

  press(deviceId: string, key: string): PressMemo | undefined {
    return this.presses.get(`${deviceId}/${key}`);
  }

  /** The newest press with this key wins (a reused key points at its newest alarm); kept in arrival order. */
  rememberPress(deviceId: string, key: string, memo: PressMemo): void {
    const k = `${deviceId}/${key}`;
    this.presses.delete(k);
    this.presses.set(k, memo);
  }

  get pressCount(): number {
    return this.presses.size;
  }

  /** Forgets presses older than `before` (ms); insertion order is arrival order. */
  prunePresses(before: number): void {
    for (const [key, memo] of this.presses) {
      if (memo.at >= before) break;
      this.presses.delete(key);
    }
  }

  /** A dossier card changed in the directory: open alarms of that client show the new one. Returns those whose card changed. */
  updateDossier(clientId: string, dossier: DossierCard): AlarmRecord[] {
    const changed: AlarmRecord[] = [];
    for (const alarm of this.byId.values()) {
      if (alarm.clientId !== clientId || JSON.stringify(alarm.dossier) === JSON.stringify(dossier)) continue;
      alarm.dossier = dossier;
      changed.push(alarm);
    }
    return changed;
  }
}
