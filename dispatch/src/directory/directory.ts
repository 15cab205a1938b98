import type pg from 'pg';
import type { Logger } from 'pino';
import { messageOf } from '../errors.js';
import type { DeviceEntry } from './device-entry.js';
import { loadEntries } from './load-entries.js';

/** The channel the triggers of migration `dispatch_directory` notify on: `device:<id>` or `client:<uuid>`. */
export const DIRECTORY_CHANNEL = 'aware_directory';

/**
 * Every pendant's assignment, region and dossier card in memory, so a press is routed without asking the
 * database. Warmed at start; kept current by LISTEN/NOTIFY (`DbListener`; triggers on devices,
 * assignments, clients, perpetrators), a full reload after the listener (re)connects (notifications sent
 * meanwhile are gone) and a periodic full reload.
 */
export class Directory {
  private entries = new Map<string, DeviceEntry>();
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  /** Reads are applied one after another: a slow earlier read must not overwrite a newer one. */
  private chain: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    private readonly pool: pg.Pool,
    logger: Logger,
    private readonly refreshMs: number,
    /** Told about every entry that was (re)loaded, so open alarms can take a changed dossier card. */
    private readonly onEntry: (entry: DeviceEntry) => void = () => undefined,
  ) {
    this.log = logger.child({ component: 'directory' });
  }

  get size(): number {
    return this.entries.size;
  }

  get(deviceId: string): DeviceEntry | undefined {
    return this.entries.get(deviceId);
  }

  /** Loads everything. Throws when the database is unreachable (the caller decides whether to go on). */
  reload(): Promise<void> {
    const next = this.chain.then(() => this.reloadNow());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async reloadNow(): Promise<void> {
    const all = await loadEntries(this.pool);
    this.entries = new Map(all.map((e) => [e.deviceId, e]));
    for (const e of all) this.onEntry(e);
    this.log.debug({ devices: all.length }, 'directory loaded');
  }

  /**
   * Reads one pendant's entry now, waiting at most `timeoutMs` (the read goes on and is applied when it
   * arrives later). For a press of a pendant held as unassigned: a hand-over moments ago may not have come
   * through LISTEN/NOTIFY yet. Never throws; resolves with whether a fresh entry was applied in time.
   */
  async refreshDevice(deviceId: string, timeoutMs: number): Promise<boolean> {
    const read = loadEntries(this.pool, { deviceIds: [deviceId] }).then(
      ([entry]) => {
        if (entry) this.put(entry);
        return true;
      },
      (error: unknown) => {
        this.log.warn({ deviceId, err: messageOf(error) }, 'directory read for a press failed');
        return false;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
    try {
      return await Promise.race([read, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private put(entry: DeviceEntry): void {
    this.entries.set(entry.deviceId, entry);
    this.onEntry(entry);
  }

  startPeriodicReload(): void {
    this.timer = setInterval(() => void this.reload().catch((e) => this.log.warn({ err: messageOf(e) }, 'directory reload failed')), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  /** A NOTIFY on DIRECTORY_CHANNEL. Coalesced for a moment: a bulk registration of thousands of pendants is one reload. */
  changed(payload: string): void {
    this.pending.add(payload);
    this.flushTimer ??= setTimeout(() => {
      this.chain = this.chain.then(() => this.applyChanges());
    }, 20);
  }
  private async applyChanges(): Promise<void> {
    const payloads = [...this.pending];
    this.pending.clear();
    this.flushTimer = null;
    try {
      const deviceIds = payloads.filter((p) => p.startsWith('device:')).map((p) => p.slice(7));
      const clientIds = payloads.filter((p) => p.startsWith('client:')).map((p) => p.slice(7));
      if (payloads.length > 100 || deviceIds.length + clientIds.length < payloads.length) return await this.reloadNow();
      const found = [
        ...(deviceIds.length ? await loadEntries(this.pool, { deviceIds }) : []),
        ...(clientIds.length ? await loadEntries(this.pool, { clientIds }) : []),
      ];
      for (const id of deviceIds) if (!found.some((e) => e.deviceId === id)) this.entries.delete(id);
      for (const entry of found) this.put(entry);
    } catch (error) {
      this.log.warn({ err: messageOf(error) }, 'directory update failed; the next full reload catches up');
    }
  }
}
