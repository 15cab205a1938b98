import type { Logger } from 'pino';
import type { Pool, PoolClient } from '@aware/db';
import { messageOf } from '../errors.js';
import { loadDeviceConfigs, type DeviceConfig } from './device-config.js';

/**
 * Channel of db/migrations/0009_ingest_device_changes.sql: the id of a pendant whose heartbeat
 * interval, status or assignment changed, or that was registered.
 */
export const DEVICE_CHANGED_CHANNEL = 'aware_device_changed';

/** Coalesces lookups that arrive together (a bulk assignment) into one query. */
const LOOKUP_DELAY_MS = 20;

/**
 * Keeps the watchdog's view of each pendant's interval and assignment current: LISTENs on a
 * dedicated connection, and looks up each pendant named. After the listening connection was lost
 * (notifications missed), every pendant's configuration is reloaded.
 */
export class DeviceConfigSync {
  private client: PoolClient | undefined;
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private lookups: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly log: Logger;

  constructor(
    private readonly pool: Pool,
    private readonly apply: (config: DeviceConfig) => void,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'device-config' });
  }

  async start(): Promise<void> {
    await this.listen();
  }

  /** Looks up a pendant's configuration soon. */
  request(id: string): void {
    this.pending.add(id);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const ids = [...this.pending];
      this.pending.clear();
      this.lookups = this.lookups.then(() => this.load(ids));
    }, LOOKUP_DELAY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.lookups;
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${DEVICE_CHANGED_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }

  private async load(ids?: string[]): Promise<void> {
    if (this.stopped) return;
    try {
      for (const config of await loadDeviceConfigs(this.pool, ids)) this.apply(config);
    } catch (err) {
      this.log.error({ err: messageOf(err), devices: ids?.length ?? 'all' }, 'ING_ERR_DEVICE_CONFIG');
    }
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', (msg) => {
      if (msg.channel === DEVICE_CHANGED_CHANNEL && msg.payload) this.request(msg.payload);
    });
    client.on('error', (err) => {
      if (this.client !== client) return;
      this.log.warn({ err: messageOf(err) }, 'device change listener lost its connection');
      this.client = undefined;
      client.release(err);
      void this.relisten();
    });
    await client.query(`LISTEN ${DEVICE_CHANGED_CHANNEL}`);
    this.client = client;
  }

  private async relisten(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.listen();
        this.lookups = this.lookups.then(() => this.load());
        return;
      } catch (err) {
        this.log.warn({ err: messageOf(err), attempt }, 'device change listener cannot reconnect yet');
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * attempt)).unref());
      }
    }
  }
}
