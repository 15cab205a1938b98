import { LiveEvent } from '@aware/protocol';
import type { Store } from '../stores/create-store.js';
import type { AlarmStore } from './alarm-store.js';
import type { ConnectionState } from './connection-store.js';
import type { TechnicalStore } from './technical-store.js';

/** No message (the server pings every 10 s) for this long: the connection is dead even if the socket says otherwise. */
const SILENCE_MS = 25_000;
const BACKOFF_MS = [250, 500, 1000, 2000, 3000, 5000];

export interface SocketControllerDeps {
  readonly alarms: AlarmStore;
  readonly technical: TechnicalStore;
  readonly connection: Store<ConnectionState>;
  /** Called when the feed refused us before opening: resolves false when the session has ended (stop trying). */
  readonly sessionStillValid: () => Promise<boolean>;
}

/**
 * The one connection of this page to dispatch's live feed (`/api/live`). It resumes after a drop with
 * `sinceSeq` (the server replays what was missed, or sends a snapshot when it cannot, e.g. after a
 * restart), applies every event to the per-entity stores, answers pings, and drives the connection
 * indicator: `down` (red) the moment the socket closes or goes silent, `live` (green) again once it is
 * back. Reconnects by itself with a short backoff, forever, while the session is valid.
 */
export class SocketController {
  private ws: WebSocket | null = null;
  private lastSeq: number | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly deps: SocketControllerDeps) {}

  start(): void {
    this.stopped = false;
    this.deps.connection.set({ state: 'connecting' });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.ws?.close(1000, 'page closed');
    this.ws = null;
    this.deps.connection.set({ state: 'off' });
  }

  private connect(): void {
    const url = new URL('/api/live', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.lastSeq !== null) url.searchParams.set('sinceSeq', String(this.lastSeq));
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.deps.connection.set({ state: 'live', since: Date.now() });
      this.heard();
    };
    ws.onmessage = (message) => {
      this.heard();
      this.onMessage(String(message.data));
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.silenceTimer) clearTimeout(this.silenceTimer);
      if (this.stopped) return;
      const current = this.deps.connection.get();
      if (current.state !== 'down') this.deps.connection.set({ state: 'down', since: Date.now() });
      void this.retry(opened);
    };
  }

  private async retry(wasOpen: boolean): Promise<void> {
    // refused at the handshake (not a drop): maybe the session ended
    if (!wasOpen && !(await this.deps.sessionStillValid().catch(() => true))) return this.stop();
    if (this.stopped) return;
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private heard(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.ws?.close(4000, 'silent'), SILENCE_MS);
  }

  private onMessage(text: string): void {
    let parsed;
    try {
      parsed = LiveEvent.safeParse(JSON.parse(text));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const event = parsed.data;
    if (event.type === 'ping') {
      this.ws?.send(JSON.stringify({ type: 'pong' }));
      return;
    }
    this.lastSeq = event.seq;
    switch (event.type) {
      case 'snapshot':
        this.deps.alarms.replaceOpen(event.alarms);
        this.deps.technical.replaceOpen(event.technical);
        break;
      case 'alarm':
        this.deps.alarms.upsert(event.alarm);
        break;
      case 'trail':
        this.deps.alarms.addTrail(event.alarmId, event.point);
        break;
      case 'technical':
        this.deps.technical.update(event.technical);
        break;
      case 'notification':
        break;
    }
  }
}
