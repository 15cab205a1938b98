import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIM_API_ERRORS, SIM_ERRORS, SimError } from './errors.js';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('simulator error codes', () => {
  it('are prefixed, documented, and map to the documented exit codes', () => {
    for (const [code, { exitCode, doc }] of Object.entries(SIM_ERRORS)) {
      expect(code).toMatch(/^SIM_ERR_[A-Z_]+$/);
      expect(doc.length).toBeGreaterThan(10);
      expect([1, 2, 3]).toContain(exitCode);
    }
    expect(new SimError('SIM_ERR_USAGE', 'x').exitCode).toBe(2);
    for (const [code, { statusCode, doc }] of Object.entries(SIM_API_ERRORS)) {
      expect(code).toMatch(/^SIM_API_[A-Z_]+$/);
      expect(doc.length).toBeGreaterThan(10);
      expect(statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('are each used somewhere, and no code is used that is not defined', () => {
    const text = sources(SRC).join('\n').replace(/export const SIM_(API_)?ERRORS[\s\S]*?\n\}/g, '');
    const defined = { ...SIM_ERRORS, ...SIM_API_ERRORS };
    const used = new Set(text.match(/SIM_(ERR|API)_[A-Z_]+/g));
    used.delete('SIM_API_ERRORS');
    expect([...used].filter((code) => !(code in defined))).toEqual([]);
    expect(Object.keys(defined).filter((code) => !used.has(code))).toEqual([]);
  });
});
