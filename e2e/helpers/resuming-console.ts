import type { AlarmView, LiveEvent } from '@aware/protocol';
import WebSocket from 'ws';
import { follow, type TestConsole } from '../../dispatch/test/helpers/console.js';
import { waitFor } from '../../dispatch/test/helpers/wait.js';

/** Close codes after which a console reconnects and resumes (dashboard/src/live: feed moved, behind, node gone). */
const RESUME_AFTER = new Set([4008, 1001, 1006, 1011, 1012, 1013]);

/**
 * A console as the dashboard keeps it through a takeover: when its feed ends (4008: the active node
 * changed; or the connection drops) it reconnects, to whichever node, with the last sequence it saw,
 * and carries on with the same board, retrying every 250 ms while no node is active. Only a close it
 * asked for, or a refusal (4001: session ended), ends it.
 */
export async function openResumingConsole(wsBase: string, token: string): Promise<TestConsole> {
  const events: LiveEvent[] = [];
  const board = new Map<string, AlarmView>();
  let socket!: WebSocket;
  let closing = false;
  let endWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (endWith = resolve));
  const lastSeq = (): number | null => {
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i]!;
      if (e.type !== 'ping') return e.seq;
    }
    return null;
  };

  const connect = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const since = lastSeq();
      const ws = new WebSocket(`${wsBase}/api/live${since === null ? '' : `?sinceSeq=${since}`}`, { headers: { cookie: `aware_session=${token}` } });
      socket = ws;
      ws.on('message', (data) => follow(ws, events, board, data));
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`live feed refused: HTTP ${res.statusCode}`)));
      ws.on('close', (code) => {
        if (closing || !RESUME_AFTER.has(code)) return endWith(code);
        void reconnect();
      });
    });

  const reconnect = async (): Promise<void> => {
    for (;;) {
      if (closing) return;
      await new Promise((r) => setTimeout(r, 250));
      try {
        return await connect();
      } catch {
        // no active node yet (503), or the node is restarting: try again
      }
    }
  };

  await connect();
  return {
    get socket() {
      return socket;
    },
    events,
    closed,
    board: () => board,
    waitForEvent: (predicate, timeoutMs) => waitFor(() => events.find(predicate), timeoutMs, 'live event'),
    waitForAlarm: (predicate, timeoutMs) => waitFor(() => [...board.values()].find(predicate), timeoutMs, 'alarm on the board'),
    lastSeq,
    close: async () => {
      closing = true;
      if (socket.readyState === WebSocket.CLOSED) return endWith(1000);
      socket.close();
      await closed;
    },
  };
}
