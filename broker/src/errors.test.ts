import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKER_ERRORS, BrokerError } from './errors.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'errors.ts' ? [path] : [];
  });
}

describe('broker errors', () => {
  it('have unique BRK_ERR_ codes, each with a message', () => {
    const codes = Object.keys(BROKER_ERRORS);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, message] of Object.entries(BROKER_ERRORS)) {
      expect(code).toMatch(/^BRK_ERR_[A-Z_]+$/);
      expect(message.length).toBeGreaterThan(10);
    }
  });

  it('are each raised somewhere in the broker', () => {
    const text = sources(new URL('.', import.meta.url).pathname).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const code of Object.keys(BROKER_ERRORS)) expect(text, code).toContain(`'${code}'`);
  });

  it('carry the code, the message and the CONNACK return code', () => {
    const err = new BrokerError('BRK_ERR_AUTH_BUSY', '12 waiting', 3);
    expect(err.code).toBe('BRK_ERR_AUTH_BUSY');
    expect(err.message).toBe(`${BROKER_ERRORS.BRK_ERR_AUTH_BUSY}: 12 waiting`);
    expect(err.returnCode).toBe(3);
  });
});
