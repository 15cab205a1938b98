import { describe, expect, it } from 'vitest';
import { CredentialCache } from './credential-cache.js';

describe('credential cache', () => {
  it('matches only the secret it remembered, for the same secret hash', () => {
    const cache = new CredentialCache(10);
    cache.remember('p-1', '$argon2id$hash-a', 'secret-a');
    expect(cache.matches('p-1', '$argon2id$hash-a', 'secret-a')).toBe(true);
    expect(cache.matches('p-1', '$argon2id$hash-a', 'secret-b')).toBe(false);
    expect(cache.matches('p-2', '$argon2id$hash-a', 'secret-a')).toBe(false);
  });

  it('misses after a rotation, because the stored secret hash changed', () => {
    const cache = new CredentialCache(10);
    cache.remember('p-1', '$argon2id$old', 'secret-a');
    expect(cache.matches('p-1', '$argon2id$new', 'secret-a')).toBe(false);
  });

  it('forgets a device on request', () => {
    const cache = new CredentialCache(10);
    cache.remember('p-1', 'h', 's');
    cache.forget('p-1');
    expect(cache.matches('p-1', 'h', 's')).toBe(false);
  });

  it('evicts the least recently used device beyond its size', () => {
    const cache = new CredentialCache(2);
    cache.remember('p-1', 'h', 's');
    cache.remember('p-2', 'h', 's');
    expect(cache.matches('p-1', 'h', 's')).toBe(true); // p-1 is now the most recent
    cache.remember('p-3', 'h', 's');
    expect(cache.size).toBe(2);
    expect(cache.matches('p-2', 'h', 's')).toBe(false);
    expect(cache.matches('p-1', 'h', 's')).toBe(true);
  });
});

describe('credential cache while the database is unavailable', () => {
  it('matches the secret against the last hash it saw, and nothing once forgotten', () => {
    const cache = new CredentialCache(10);
    cache.remember('p-1', '$argon2id$h', 'secret-a');
    expect(cache.matchesLastKnown('p-1', 'secret-a')).toBe(true);
    expect(cache.matchesLastKnown('p-1', 'secret-b')).toBe(false);
    expect(cache.matchesLastKnown('p-2', 'secret-a')).toBe(false);
    cache.forget('p-1');
    expect(cache.matchesLastKnown('p-1', 'secret-a')).toBe(false);
  });
});
