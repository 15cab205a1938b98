import { describe, expect, it } from 'vitest';
import { IngestError, IngestErrors } from './errors.js';

describe('ingest error codes', () => {
  it('every code is prefixed ING_ERR_ and has a message', () => {
    for (const [code, message] of Object.entries(IngestErrors)) {
      expect(code).toMatch(/^ING_ERR_[A-Z_]+$/);
      expect(message.length).toBeGreaterThan(5);
    }
  });

  it('every message template is used by exactly one code', () => {
    const messages = Object.values(IngestErrors);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('an error fills its template in order and carries its code', () => {
    const err = new IngestError('ING_ERR_FLUSH', 12, 'connection reset');
    expect(err.code).toBe('ING_ERR_FLUSH');
    expect(err.message).toBe('writing a batch of 12 heartbeats failed: connection reset');
  });
});
