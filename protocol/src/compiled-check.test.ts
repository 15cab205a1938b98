import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compiledCheck, exactlyRepresentable, isPrepared } from './compiled-check.js';
import { PresenceEvent } from './presence.js';
import { UPLINK_SCHEMAS } from './uplink.js';
import { Command } from './downlink.js';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const fix = { lat: 52.0907, lon: 5.1214, acc: 12, ts: now - 1000 };
const VALID: Record<string, [z.ZodType, Record<string, unknown>]> = {
  heartbeat: [UPLINK_SCHEMAS.hb, { seq: 41, ts: now, battery: 87, charging: false, rssi: -71, firmware: '1.4.2', fix }],
  press: [UPLINK_SCHEMAS.alarm, { alarmId: '01JD5Q3K7M9X2B4C', ts: now, fix, battery: 80, attempt: 1 }],
  location: [UPLINK_SCHEMAS.loc, { alarmId: '01JD5Q3K7M9X2B4C', ts: now, fix, battery: 80 }],
  status: [UPLINK_SCHEMAS.status, { state: 'offline', ts: now, reason: 'keepalive_timeout' }],
  presence: [PresenceEvent, { deviceId: 'pendant-0001', state: 'online', reason: 'connect', ts: now, node: 'broker-1' }],
};

/** Values JSON can carry that sit on or just past the edges of the wire contract's limits. */
const ODD_VALUES: unknown[] = [
  0, -0, 1, -1, 0.5, 99.999, 100, 101, -90, -90.0001, 90, 180.0001, -150, -151, 4294967295, 4294967296,
  1704067199999, 1704067200000, 4102444800000, 4102444800001, 2 ** 53, -(2 ** 53), 1e308, 1e400, -1e400,
  '', 'a', '1.4.2', 'online', 'offline', 'connect', ' x', 'x y', 'é', '\u{1F600}', '\u{1F600}'.repeat(40), '\u{1F600}'.repeat(65), '\ud800'.repeat(65), '\ud800x', 'x\udc00', 'x'.repeat(32), 'x'.repeat(33),
  'x'.repeat(64), 'x'.repeat(65), 'pendant-0001', 'Pendant-1', '01JD5Q3K7M9X2B4C', '01JD5Q3K', '01JD5Q3', 'a\nb', '\u0000',
  true, false, null, [], [1], {}, { lat: 1, lon: 2, acc: 3 }, { lat: 1, lon: 2 }, { lat: 1, lon: 2, acc: 3, x: 1 },
];

/** A deterministic pseudo-random sequence (the same cases on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

function mutate(value: Record<string, unknown>, next: () => number): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(value));
  const keys = Object.keys(copy);
  const times = 1 + Math.floor(next() * 3);
  for (let i = 0; i < times; i++) {
    const roll = next();
    const key = keys[Math.floor(next() * keys.length)]!;
    if (roll < 0.15) delete copy[key];
    else if (roll < 0.25) {
      // defined, not assigned: `__proto__` becomes an own key, as JSON.parse makes it
      const extra = ['extra', '__proto__', 'constructor', 'Seq'][Math.floor(next() * 4)]!;
      Object.defineProperty(copy, extra, { value: ODD_VALUES[Math.floor(next() * ODD_VALUES.length)], enumerable: true, writable: true, configurable: true });
    }
    else if (roll < 0.4 && typeof copy[key] === 'object' && copy[key] !== null) copy[key] = mutate(copy[key] as Record<string, unknown>, next);
    else copy[key] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  }
  // what arrives on the wire has been through JSON: the same here (1e400 becomes Infinity, -0 stays)
  return JSON.parse(JSON.stringify(copy));
}

describe('compiled checks of wire payloads', () => {
  it('exist for the payloads of every heartbeat, press, location, status and presence event, made when protocol/ loads', () => {
    // made on first use instead, the first press after a start would wait tens of milliseconds for code generation
    for (const [name, [schema]] of Object.entries(VALID)) expect(isPrepared(schema), name).toBe(true);
    for (const [name, [schema]] of Object.entries(VALID)) expect(compiledCheck(schema), name).toBeTypeOf('function');
  });

  it.each(Object.entries(VALID))('agree with zod on 20,000 mutated %s payloads, both ways', (_name, [schema, valid]) => {
    const check = compiledCheck(schema)!;
    expect(check(valid)).toBe(true);
    const next = random(0x5eed);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const candidate = mutate(valid, next);
      const zod = schema.safeParse(candidate).success;
      if (check(candidate) !== zod) throw new Error(`disagree (zod ${zod}) on ${JSON.stringify(candidate)}`);
      if (zod) accepted++;
    }
    // the mutations reach both verdicts, or the agreement would prove little
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(19_500);
  });

  it('are not made where zod would change or add to the value, or check what JSON Schema cannot say', () => {
    const unrepresentable: [string, z.ZodType][] = [
      ['a default', z.object({ a: z.string().default('x') }).strict()],
      ['a transform', z.object({ a: z.string().transform((s) => s.trim()) }).strict()],
      ['a refinement', z.object({ a: z.number().min(0).max(9).refine((n) => n !== 3) }).strict()],
      ['coercion', z.object({ a: z.coerce.number().min(0).max(9) }).strict()],
      ['unknown keys stripped', z.object({ a: z.string() })],
      ['an unbounded number (JSON overflows to Infinity)', z.object({ a: z.number() }).strict()],
      ['an unbounded integer (zod: safe integers only)', z.object({ a: z.number().int().min(0) }).strict()],
      ['a RegExp with flags', z.object({ a: z.string().regex(/^a$/i) }).strict()],
      ['a string format', z.object({ a: z.string().email() }).strict()],
      ['a union (commands)', Command],
    ];
    for (const [name, schema] of unrepresentable) {
      expect(exactlyRepresentable(schema), name).toBe(false);
      expect(compiledCheck(schema), name).toBeUndefined();
    }
  });
});
