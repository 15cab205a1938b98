import { describe, expect, it } from 'vitest';
import { DB_ERROR_MESSAGES, DbError, DbErrorCode, isDbError } from './errors.js';

describe('db error codes', () => {
  it('are unique, prefixed DB_ERR_ and each has a message', () => {
    const codes = Object.values(DbErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^DB_ERR_[A-Z_]+$/);
      expect(DB_ERROR_MESSAGES[code]).toBeTruthy();
    }
    expect(Object.keys(DB_ERROR_MESSAGES).sort()).toEqual([...codes].sort());
  });

  it('carry their code, the message template and the detail', () => {
    const error = new DbError(DbErrorCode.DEVICE_NOT_FOUND, 'p-1');
    expect(error.code).toBe('DB_ERR_DEVICE_NOT_FOUND');
    expect(error.message).toBe('no device with this id: p-1');
    expect(isDbError(error, DbErrorCode.DEVICE_NOT_FOUND)).toBe(true);
    expect(isDbError(error, DbErrorCode.DEVICE_EXISTS)).toBe(false);
    expect(isDbError(new Error('x'))).toBe(false);
  });
});
