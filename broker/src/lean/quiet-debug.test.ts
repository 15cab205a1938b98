import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { quietMqttPacketDebug } from './quiet-debug.js';

const fromMqttPacket = createRequire(createRequire(import.meta.url).resolve('mqtt-packet/parser.js'));
const fromHere = createRequire(import.meta.url);

describe("mqtt-packet's debug logging", () => {
  it('is left alone when DEBUG is set, so it can still be switched on for diagnosis', () => {
    expect(quietMqttPacketDebug({ DEBUG: 'mqtt-packet:*' })).toBe(false);
  });

  it('is a no-op for mqtt-packet only, when DEBUG is unset', () => {
    expect(quietMqttPacketDebug({})).toBe(true);
    const quiet = (fromMqttPacket('debug') as (ns: string) => ((...args: unknown[]) => unknown) & { enabled: boolean })('mqtt-packet:parser');
    expect(quiet.enabled).toBe(false);
    expect(quiet('parse', { cmd: 'publish' })).toBeUndefined();
    const real = fromHere('debug') as { enable: unknown; formatters: unknown };
    expect(typeof real.enable).toBe('function');
    expect(fromHere('debug')).not.toBe(fromMqttPacket('debug'));
  });
});
