import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('the dashboard configuration', () => {
  it('has safe defaults: 30 min idle, 12 h sessions, lock-out after 5 failures for 15 min, OSM tiles, Secure cookies unless local HTTP', () => {
    const c = loadConfig({});
    expect(c.session).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, mfaWindowMs: 5 * 60_000 });
    expect(c.signInThrottle).toEqual({ pairFree: 5, addressFree: 20, accountFree: 10, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 });
    expect(c.tiles.url).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(c.secureCookies).toBe('auto');
    expect(Object.isFrozen(c.session)).toBe(true);
  });

  it('reads tiles off, forced cookies, proxy addresses and extra origins', () => {
    const c = loadConfig({ DASHBOARD_TILE_URL: 'none', DASHBOARD_SECURE_COOKIES: 'true', DASHBOARD_TRUST_PROXY: '10.0.0.1, 10.0.0.2', DASHBOARD_ALLOWED_ORIGINS: 'http://localhost:5173' });
    expect(c.tiles.url).toBeNull();
    expect(c.secureCookies).toBe(true);
    expect(c.trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(c.allowedOrigins).toEqual(['http://localhost:5173']);
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ DASHBOARD_HTTP_PORT: 'x', DASHBOARD_SIGNIN_FREE_ATTEMPTS: '0' })).toThrow(/DASHBOARD_HTTP_PORT.*DASHBOARD_SIGNIN_FREE_ATTEMPTS/);
  });
});
