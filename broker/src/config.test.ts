import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { isBrokerError } from './errors.js';

describe('broker config', () => {
  it('has defaults for one node with every listener but TLS', () => {
    const config = loadConfig({});
    expect(config.tcpPort).toBe(1883);
    expect(config.ws).toEqual({ port: 8083, path: '/mqtt' });
    expect(config.tls).toBeNull();
    expect(config.redis).toBeNull();
    expect(config.serviceSecrets).toEqual({});
  });

  it('is frozen all the way down', () => {
    const config = loadConfig({ BROKER_WS_PORT: '0' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ws)).toBe(true);
    expect(Object.isFrozen(config.deviceRate)).toBe(true);
  });

  it('turns a listener off with "off" and accepts port 0', () => {
    const config = loadConfig({ BROKER_TCP_PORT: 'off', BROKER_WS_PORT: '0', BROKER_METRICS_PORT: 'off' });
    expect(config.tcpPort).toBeNull();
    expect(config.ws?.port).toBe(0);
    expect(config.metrics).toBeNull();
  });

  it('enables TLS only with both certificate and key, and cluster mode with a Redis URL', () => {
    const config = loadConfig({ BROKER_TLS_CERT_FILE: '/c.pem', BROKER_TLS_KEY_FILE: '/k.pem', BROKER_REDIS_URL: 'redis://r:6379/2' });
    expect(config.tls).toMatchObject({ port: 8883, certFile: '/c.pem', keyFile: '/k.pem', requireClientCert: false });
    expect(config.redis).toEqual({ url: 'redis://r:6379/2', prefix: 'aware:broker:' });
    expect(() => loadConfig({ BROKER_TLS_CERT_FILE: '/c.pem' })).toThrow(/go together/);
    expect(() => loadConfig({ BROKER_TLS_REQUIRE_CLIENT_CERT: 'true', BROKER_TLS_CERT_FILE: '/c.pem', BROKER_TLS_KEY_FILE: '/k.pem' })).toThrow(/CA_FILE/);
  });

  it('refuses invalid values with BRK_ERR_CONFIG naming the variable', () => {
    try {
      loadConfig({ BROKER_TCP_PORT: '70000' });
      expect.unreachable();
    } catch (err) {
      expect(isBrokerError(err, 'BRK_ERR_CONFIG')).toBe(true);
      expect((err as Error).message).toContain('BROKER_TCP_PORT');
    }
  });

  it('refuses short service secrets and never puts a secret in the error', () => {
    expect(() => loadConfig({ BROKER_DISPATCH_SECRET: 'short' })).toThrow(/BROKER_DISPATCH_SECRET/);
    try {
      loadConfig({ BROKER_DISPATCH_SECRET: 'tiny-secret' });
    } catch (err) {
      expect((err as Error).message).not.toContain('tiny-secret');
    }
    expect(loadConfig({ BROKER_DISPATCH_SECRET: 'a-long-enough-secret' }).serviceSecrets).toEqual({ dispatch: 'a-long-enough-secret' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ BROKER_REDIS_URL: '', BROKER_TCP_PORT: '' }).redis).toBeNull();
  });
});
