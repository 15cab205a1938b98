import type { FastifyRequest } from 'fastify';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../metrics.js';
import { LeaderRelay, RELAY_HEADER } from './relay.js';

const relay = (secret: string) =>
  new LeaderRelay({
    leader: () => ({ instance: 'a', url: 'http://a:8082', epoch: 1 }),
    self: () => 'http://b:8082',
    secret,
    maxBufferedBytes: 1024,
    timeoutMs: 1000,
    metrics: createMetrics(),
    log: pino({ level: 'silent' }),
  });
const request = (header: string | undefined) => ({ headers: header === undefined ? {} : { [RELAY_HEADER]: header } }) as unknown as FastifyRequest;

/** The header a relaying node sets, taken from the request it sends (as the active node receives it). */
function headerFrom(sender: LeaderRelay, ip: string): string {
  return (sender as unknown as { header(ip: string): string }).header(ip);
}

describe('the operator address a standby passes along when it relays', () => {
  it('is believed when signed with the shared dispatch secret', () => {
    const node = relay('s'.repeat(32));
    expect(node.relayedFor(request(headerFrom(node, '203.0.113.9')))).toBe('203.0.113.9');
  });

  it('is ignored when absent, forged, signed with another secret, or stale', () => {
    const node = relay('s'.repeat(32));
    expect(node.relayedFor(request(undefined))).toBeNull();
    expect(node.relayedFor(request(`${Date.now()}.${Buffer.from('10.0.0.1').toString('base64url')}.${'0'.repeat(64)}`))).toBeNull();
    expect(node.relayedFor(request(headerFrom(relay('t'.repeat(32)), '10.0.0.1')))).toBeNull();
    vi.useFakeTimers({ now: Date.now() - 60_000 });
    const stale = headerFrom(node, '10.0.0.1');
    vi.useRealTimers();
    expect(node.relayedFor(request(stale))).toBeNull();
    expect(node.relayedFor(request('garbage'))).toBeNull();
  });
});
