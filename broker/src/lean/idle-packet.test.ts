import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import type { ParserInternals } from '../aedes-internals.js';
import { ByteQueue } from './byte-queue.js';
import { parkIdlePacket } from './idle-packet.js';

type TestParser = ParserInternals & { on: (e: string, f: (p: unknown) => void) => void; parse: (b: Buffer) => number };

function parser(): { parser: TestParser; seen: Array<{ cmd: string; topic?: string; payload?: Buffer }> } {
  const p = mqttPacket.parser({ protocolVersion: 4 }) as unknown as TestParser;
  p._list = new ByteQueue();
  parkIdlePacket(p);
  const seen: Array<{ cmd: string }> = [];
  p.on('packet', (packet) => seen.push(packet as { cmd: string }));
  return { parser: p, seen };
}

const publish = (n: number) =>
  mqttPacket.generate({ cmd: 'publish', topic: `aware/v1/d/p-${n}/hb`, payload: Buffer.from(`{"n":${n}}`), qos: 1, messageId: n, retain: false, dup: false });

describe('a connection between two messages', () => {
  it('holds no packet of its own, only the shared idle one, once everything it received is parsed', () => {
    const a = parser();
    const b = parser();
    a.parser.parse(publish(1));
    b.parser.parse(publish(2));
    expect(a.seen.map((p) => p.topic)).toEqual(['aware/v1/d/p-1/hb']);
    expect(a.parser.packet).toBe(b.parser.packet);
    expect(Object.isFrozen(a.parser.packet)).toBe(true);
  });

  it('keeps a packet that is still incomplete at the end of a read, and finishes it with the next', () => {
    const { parser: p, seen } = parser();
    const bytes = publish(3);
    p.parse(bytes.subarray(0, 10));
    expect(Object.isFrozen(p.packet)).toBe(false);
    expect(seen).toEqual([]);
    p.parse(bytes.subarray(10));
    expect(seen.map((x) => x.payload!.toString())).toEqual(['{"n":3}']);
    expect(Object.isFrozen(p.packet)).toBe(true);
  });

  it('still parses packets split at every byte, and several in one read, each into its own object', () => {
    const { parser: p, seen } = parser();
    const bytes = Buffer.concat([publish(4), mqttPacket.generate({ cmd: 'pingreq' }), publish(5)]);
    for (let i = 0; i < bytes.length; i++) p.parse(bytes.subarray(i, i + 1));
    p.parse(Buffer.concat([publish(6), publish(7)]));
    expect(seen.map((x) => x.cmd)).toEqual(['publish', 'pingreq', 'publish', 'publish', 'publish']);
    expect(seen.map((x) => x.topic ?? null)).toEqual(['aware/v1/d/p-4/hb', null, 'aware/v1/d/p-5/hb', 'aware/v1/d/p-6/hb', 'aware/v1/d/p-7/hb']);
    expect(new Set(seen).size).toBe(5);
    expect(seen.every((x) => !Object.isFrozen(x))).toBe(true);
  });

  it('recovers from a malformed packet with a fresh packet for the next one', () => {
    const { parser: p, seen } = parser();
    const errors: Error[] = [];
    p.on('error', (e) => errors.push(e as Error));
    p.parse(Buffer.from([0x00, 0x00])); // packet type 0 is reserved
    expect(errors.length).toBe(1);
    p.parse(publish(8));
    expect(seen.map((x) => x.topic)).toEqual(['aware/v1/d/p-8/hb']);
  });
});
