import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('dispatch configuration', () => {
  it('has safe defaults, a fixed persistent broker identity, and is frozen', () => {
    const config = loadConfig({});
    expect(config.mqtt).toMatchObject({ clientId: 'svc:dispatch', username: 'svc:dispatch' });
    expect(config.escalationMs).toBe(30_000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.live)).toBe(true);
  });

  it('reads webhooks from JSON and refuses bad ones with DSP_ERR_CONFIG_INVALID', () => {
    const hooks = [{ name: 'cad', url: 'https://cad.example/aware', secret: 'x'.repeat(32), format: 'cap' }];
    expect(loadConfig({ DISPATCH_WEBHOOKS: JSON.stringify(hooks) }).webhooks[0]).toMatchObject({ name: 'cad', format: 'cap', events: ['opened', 'escalated'] });
    expect(() => loadConfig({ DISPATCH_WEBHOOKS: '[{' })).toThrow(/DSP_ERR_CONFIG_INVALID|configuration is invalid/);
    expect(() => loadConfig({ DISPATCH_WEBHOOKS: JSON.stringify([...hooks, ...hooks]) })).toThrow(/unique/);
    expect(() => loadConfig({ DISPATCH_ESCALATION_MS: '5' })).toThrow(/DISPATCH_ESCALATION_MS/);
  });

  it('takes several brokers (a cluster) and refuses a lease that would expire between two renewals', () => {
    const config = loadConfig({ DISPATCH_MQTT_URL: 'mqtt://broker-1:1883,mqtt://broker-2:1883' });
    expect(config.mqtt.servers.map((s) => s.host)).toEqual(['broker-1', 'broker-2']);
    expect(() => loadConfig({ DISPATCH_MQTT_URL: 'http://broker-1' })).toThrow(/DISPATCH_MQTT_URL/);
    expect(() => loadConfig({ DISPATCH_LEASE_TTL_MS: '800', DISPATCH_LEASE_RENEW_MS: '500' })).toThrow(/DISPATCH_LEASE_TTL_MS/);
    expect(loadConfig({}).lease).toEqual({ ttlMs: 2_000, renewMs: 500, graceMs: 1_000, pollMs: 250 });
  });
});
