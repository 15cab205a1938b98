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
});
