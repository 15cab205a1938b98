import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import { DispatchError, DispatchErrorCode, messageOf } from '../errors.js';
import type { LeaderView } from '../lease/lease.js';
import { CLOSE_RESYNC } from '../live/feed.js';
import type { DispatchMetrics } from '../metrics.js';

/** Set by a relaying node: `{unix ms}.{client ip, base64url}.{HMAC-SHA256 hex}`. */
export const RELAY_HEADER = 'x-aware-relay';
const RELAY_MAX_AGE_MS = 30_000;
const FORWARDED_REQUEST_HEADERS = ['cookie', 'authorization', 'content-type', 'accept', 'origin', 'user-agent'] as const;
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'content-disposition'] as const;

export interface RelayOptions {
  /** The active node as this node last read the lease. */
  readonly leader: () => LeaderView;
  /** This node's own advertised URL (never relay to yourself). */
  readonly self: () => string;
  /** The dispatch service secret all nodes share (BROKER_DISPATCH_SECRET): the relay header's key. */
  readonly secret: string;
  readonly maxBufferedBytes: number;
  readonly timeoutMs: number;
  readonly metrics: DispatchMetrics;
  readonly log: Logger;
}

/**
 * A standby serves the console by relaying to the active node: the alarm routes as HTTP requests, the
 * live feed as a WebSocket piped both ways. The operator's own credentials (session cookie or bearer
 * token) and Origin go along, so the active node authenticates, authorises and access-logs the request
 * exactly as if it came straight to it; its answer comes back unchanged. There is one live feed (the
 * active node's), so a console that moves between nodes resumes from its sequence number without a gap.
 *
 * The operator's address goes along in a header signed with the shared dispatch secret: the access log
 * names the operator's address, never the relay's, and no one else can set it. A relayed request never
 * relays again: a node that is not active (the lease moved meanwhile) answers 503.
 */
export class LeaderRelay {
  private readonly key: Buffer;

  constructor(private readonly o: RelayOptions) {
    this.key = createHash('sha256').update(`aware-dispatch-relay:${o.secret}`).digest();
  }

  /** The operator's address a valid relay header carries, or null (no header, forged, stale). */
  relayedFor(request: FastifyRequest): string | null {
    const header = request.headers[RELAY_HEADER];
    if (typeof header !== 'string') return null;
    const [ts, ip64, mac] = header.split('.');
    if (!ts || ip64 === undefined || !mac || !/^\d{1,15}$/.test(ts) || Math.abs(Date.now() - Number(ts)) > RELAY_MAX_AGE_MS) return null;
    const expected = this.sign(`${ts}.${ip64}`);
    const given = Buffer.from(mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Buffer.from(ip64, 'base64url').toString('utf8');
  }

  /** Relays an HTTP request of a dispatch route to the active node and sends its answer. */
  async http(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const target = this.target(request);
    const headers: Record<string, string> = { [RELAY_HEADER]: this.header(request.ip) };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let response: Response;
    try {
      response = await fetch(target, {
        method: request.method,
        headers,
        ...(request.body !== undefined && request.method !== 'GET' ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(this.o.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      this.o.metrics.relayed.inc({ kind: 'http', result: 'failed' });
      this.o.log.warn({ err: messageOf(error), target }, 'relay to the active dispatch node failed');
      throw new DispatchError(DispatchErrorCode.NO_ACTIVE_NODE, 'the active node did not answer');
    }
    this.o.metrics.relayed.inc({ kind: 'http', result: 'ok' });
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) void reply.header(name, value);
    }
    await reply.status(response.status).send(Buffer.from(await response.arrayBuffer()));
  }

  /** Pipes a console's live feed to the active node's; closes both ends together. */
  live(client: WebSocket, request: FastifyRequest): void {
    let target: string;
    try {
      target = this.target(request).replace(/^http/, 'ws');
    } catch {
      this.o.metrics.relayed.inc({ kind: 'live', result: 'failed' });
      return client.close(CLOSE_RESYNC, 'no active dispatch node: resume');
    }
    const headers: Record<string, string> = { [RELAY_HEADER]: this.header(request.ip) };
    for (const name of ['cookie', 'authorization', 'origin'] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = new WebSocket(target, { headers, perMessageDeflate: false, handshakeTimeout: this.o.timeoutMs });
    const early: RawData[] = [];
    const closeBoth = (code: number, reason: string) => {
      if (client.readyState === WebSocket.OPEN || client.readyState === WebSocket.CONNECTING) client.close(sendable(code), reason);
      if (upstream.readyState === WebSocket.OPEN) upstream.close(1000, 'console left');
      else upstream.terminate();
    };
    upstream.on('open', () => {
      this.o.metrics.relayed.inc({ kind: 'live', result: 'ok' });
      for (const data of early.splice(0)) upstream.send(data);
    });
    upstream.on('message', (data, isBinary) => {
      if (client.readyState !== WebSocket.OPEN) return;
      if (client.bufferedAmount > this.o.maxBufferedBytes) return closeBoth(CLOSE_RESYNC, 'behind: resume from your last seq');
      client.send(data, { binary: isBinary });
    });
    upstream.on('close', (code, reason) => closeBoth(code, reason.toString() || 'active node closed the feed'));
    upstream.on('unexpected-response', (_req, res) => {
      this.o.metrics.relayed.inc({ kind: 'live', result: 'refused' });
      // the active node refused the handshake: ended session (401/403) or no longer active (503)
      closeBoth(res.statusCode === 401 || res.statusCode === 403 ? 4001 : CLOSE_RESYNC, `active node answered ${res.statusCode}`);
    });
    upstream.on('error', (error) => {
      this.o.log.warn({ err: error.message, target }, 'live relay to the active dispatch node failed');
      closeBoth(CLOSE_RESYNC, 'active node unreachable: resume');
    });
    client.on('message', (data) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data);
      else if (upstream.readyState === WebSocket.CONNECTING && early.length < 16) early.push(data);
    });
    client.on('close', () => closeBoth(1000, 'console left'));
    client.on('error', () => closeBoth(1000, 'console left'));
  }

  /** The active node's URL for this request; NO_ACTIVE_NODE when there is none (or it is this node). */
  private target(request: FastifyRequest): string {
    const leader = this.o.leader().url;
    if (!leader || leader === this.o.self()) throw new DispatchError(DispatchErrorCode.NO_ACTIVE_NODE);
    return new URL(request.url, leader).toString();
  }

  private header(ip: string): string {
    const ts = String(Date.now());
    const ip64 = Buffer.from(ip, 'utf8').toString('base64url');
    return `${ts}.${ip64}.${this.sign(`${ts}.${ip64}`).toString('hex')}`;
  }

  private sign(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }
}

/** Close codes a server may send: the application range and normal closure; anything else means "resume". */
function sendable(code: number): number {
  return (code >= 4000 && code <= 4999) || code === 1000 || code === 1001 ? code : CLOSE_RESYNC;
}
