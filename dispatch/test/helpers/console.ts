import { LiveEvent, type AlarmView } from '@aware/protocol';
import WebSocket from 'ws';
import { waitFor } from './wait.js';

/** A control-room console on the live feed: every message is checked against the protocol's LiveEvent. */
export interface TestConsole {
  readonly socket: WebSocket;
  readonly events: LiveEvent[];
  readonly closed: Promise<number>;
  /** The board as a console would keep it: alarms by id from snapshots and alarm events. */
  board(): Map<string, AlarmView>;
  waitForEvent<T extends LiveEvent>(predicate: (e: LiveEvent) => e is T, timeoutMs?: number): Promise<T>;
  waitForAlarm(predicate: (a: AlarmView) => boolean, timeoutMs?: number): Promise<AlarmView>;
  lastSeq(): number | null;
  close(): Promise<void>;
}

export async function openConsole(wsBase: string, token: string, o: { sinceSeq?: number; headers?: Record<string, string> } = {}): Promise<TestConsole> {
  const url = `${wsBase}/api/live${o.sinceSeq !== undefined ? `?sinceSeq=${o.sinceSeq}` : ''}`;
  const socket = new WebSocket(url, { headers: { cookie: `aware_session=${encodeURIComponent(token)}`, ...o.headers } });
  const events: LiveEvent[] = [];
  const board = new Map<string, AlarmView>();
  socket.on('message', (data) => follow(socket, events, board, data));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`live feed refused: HTTP ${res.statusCode}`)));
  });
  return {
    socket,
    events,
    closed,
    board: () => board,
    waitForEvent: (predicate, timeoutMs) => waitFor(() => events.find(predicate), timeoutMs, 'live event'),
    waitForAlarm: (predicate, timeoutMs) => waitFor(() => [...board.values()].find(predicate), timeoutMs, 'alarm on the board'),
    lastSeq: () => {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i]!;
        if (e.type !== 'ping') return e.seq;
      }
      return null;
    },
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
}

/** One message of the feed, as a console takes it: checked, kept, applied to the board, pings answered. */
export function follow(socket: WebSocket, events: LiveEvent[], board: Map<string, AlarmView>, data: WebSocket.RawData): void {
  const event = LiveEvent.parse(JSON.parse(String(data)));
  events.push(event);
  if (event.type === 'snapshot') {
    board.clear();
    for (const a of event.alarms) board.set(a.id, a);
  } else if (event.type === 'alarm') {
    if (event.alarm.state === 'resolved') board.delete(event.alarm.id);
    else board.set(event.alarm.id, event.alarm);
  } else if (event.type === 'ping') {
    socket.send(JSON.stringify({ type: 'pong' }));
  }
}

export const isAlarmEvent = (e: LiveEvent): e is Extract<LiveEvent, { type: 'alarm' }> => e.type === 'alarm';
