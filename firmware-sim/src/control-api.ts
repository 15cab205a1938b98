import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatteryPercent, type ErrorBody } from '@aware/protocol';
import { z } from 'zod';
import { SIM_API_ERRORS, type SimApiErrorCode } from './errors.js';
import type { Pendant } from './pendant.js';
import type { PendantEvents } from './pendant-events.js';

/**
 * A small HTTP API to drive running pendants, for a tester's control panel. Test tool only: it
 * listens on 127.0.0.1 unless told otherwise and has no authentication.
 *
 *   GET  /pendants                   snapshots of every pendant
 *   GET  /pendants/:id               one snapshot
 *   POST /pendants/:id/press         the button; 201 { alarmId }
 *   POST /pendants/:id/network       { up: boolean }: lose or regain the network
 *   POST /pendants/:id/battery       { percent, charging? }
 *   POST /pendants/:id/walk          { meters, speed? }; { durationMs }
 *   GET  /events                     server-sent events: { deviceId, event, data } per pendant event
 *
 * Errors have the platform's error body: { code, message, statusCode }.
 */
export interface ControlApi {
  port: number;
  close(): Promise<void>;
}

const NetworkBody = z.object({ up: z.boolean() }).strict();
const BatteryBody = z.object({ percent: BatteryPercent, charging: z.boolean().optional() }).strict();
const WalkBody = z.object({ meters: z.number().positive().max(100_000), speed: z.number().positive().max(100).optional() }).strict();

/** Pendant events streamed on /events. */
const STREAMED: (keyof PendantEvents)[] = ['connected', 'disconnected', 'refused', 'sent', 'command', 'pressed', 'confirmed', 'acknowledged', 'trailEnded', 'selfTest', 'configChanged'];

class HttpError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: SimApiErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = SIM_API_ERRORS[code].statusCode;
  }
}

export async function startControlApi(pendants: ReadonlyMap<string, Pendant>, options: { port?: number; host?: string } = {}): Promise<ControlApi> {
  const server = createServer((req, res) => {
    route(pendants, req, res).catch((err: unknown) => {
      const error = err instanceof HttpError ? err : new HttpError('SIM_API_INTERNAL', String((err as Error)?.message ?? err));
      sendJson(res, error.statusCode, { code: error.code, message: error.message, statusCode: error.statusCode } satisfies ErrorBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(pendants: ReadonlyMap<string, Pendant>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean);
  const method = req.method ?? 'GET';
  if (method === 'GET' && parts.length === 1 && parts[0] === 'events') return streamEvents(pendants, req, res);
  if (parts[0] !== 'pendants') throw new HttpError('SIM_API_NOT_FOUND', `no route ${method} ${req.url}`);
  if (parts.length === 1 && method === 'GET') return sendJson(res, 200, [...pendants.values()].map((p) => p.snapshot()));
  const pendant = pendants.get(parts[1] ?? '');
  if (!pendant) throw new HttpError('SIM_API_UNKNOWN_PENDANT', `no pendant ${parts[1] ?? ''}`);
  const action = `${method} ${parts[2] ?? ''}`;
  switch (action) {
    case 'GET ':
      return sendJson(res, 200, pendant.snapshot());
    case 'POST press':
      return sendJson(res, 201, { alarmId: pendant.press() });
    case 'POST network': {
      pendant.setNetwork((await body(req, NetworkBody)).up);
      return sendJson(res, 200, pendant.snapshot());
    }
    case 'POST battery': {
      const { percent, charging } = await body(req, BatteryBody);
      pendant.setBattery(percent, charging);
      return sendJson(res, 200, pendant.snapshot());
    }
    case 'POST walk': {
      const { meters, speed } = await body(req, WalkBody);
      return sendJson(res, 200, { durationMs: Math.round(pendant.walk(meters, speed)) });
    }
    default:
      throw new HttpError('SIM_API_NOT_FOUND', `no route ${method} ${req.url}`);
  }
}

function streamEvents(pendants: ReadonlyMap<string, Pendant>, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(': aware pendant events\n\n');
  const detach: (() => void)[] = [];
  for (const pendant of pendants.values()) {
    for (const event of STREAMED) {
      const listener = (data?: unknown) => res.write(`data: ${JSON.stringify({ deviceId: pendant.id, event, data: data ?? null })}\n\n`);
      pendant.on(event, listener as never);
      detach.push(() => pendant.off(event, listener as never));
    }
  }
  req.on('close', () => detach.forEach((off) => off()));
}

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) throw new HttpError('SIM_API_BODY_TOO_LARGE', 'body over 4 KiB');
  }
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
  } catch {
    throw new HttpError('SIM_API_BODY_INVALID', 'body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError('SIM_API_BODY_INVALID', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
