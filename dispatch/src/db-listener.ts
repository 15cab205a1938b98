import type pg from 'pg';
import type { Logger } from 'pino';
import { messageOf } from './errors.js';

export type NotificationHandler = (payload: string) => void;

/**
 * One dedicated connection LISTENing on the channels dispatch follows (directory changes, technical
 * alarms). When the connection is lost it reconnects every second; `onConnected` runs after each
 * (re)connect, so followers re-read what they may have missed while nobody was listening.
 */
export class DbListener {
  private client: pg.PoolClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly log: Logger;

  constructor(
    private readonly pool: pg.Pool,
    private readonly handlers: Readonly<Record<string, NotificationHandler>>,
    private readonly onConnected: () => Promise<void>,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'db-listener' });
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** Connects (or keeps retrying in the background). Resolves after the first attempt. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query('UNLISTEN *').catch(() => undefined);
      client.release();
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const lost = (error?: Error) => {
        if (this.client !== client) return;
        this.client = null;
        client.release(error ?? new Error('listener connection ended'));
        this.log.warn({ err: error?.message }, 'listener connection lost; reconnecting');
        this.retry();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (n) => this.handlers[n.channel]?.(n.payload ?? ''));
      for (const channel of Object.keys(this.handlers)) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      this.client = client;
      if (this.stopped) return void (await this.stop());
      await this.onConnected().catch((error) => this.log.warn({ err: messageOf(error) }, 're-read after connecting failed'));
    } catch (error) {
      client?.release(error as Error);
      this.log.warn({ err: messageOf(error) }, 'listener could not connect; retrying');
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, 1_000);
    this.timer.unref();
  }
}
