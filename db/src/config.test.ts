import { describe, expect, it } from 'vitest';
import { describeConnection, loadDbConfig } from './config.js';
import { DbErrorCode } from './errors.js';

describe('loadDbConfig', () => {
  it('prefers DATABASE_URL over the PG* variables', () => {
    const config = loadDbConfig({ DATABASE_URL: 'postgres://u:p@db:5432/aware', PGHOST: 'other' });
    expect(config.connection).toEqual({ connectionString: 'postgres://u:p@db:5432/aware' });
    expect(config.serverConfigured).toBe(true);
  });

  it('uses the PG* variables when there is no DATABASE_URL', () => {
    const config = loadDbConfig({ PGHOST: 'db', PGPORT: '6543', PGUSER: 'aware' });
    expect(config.connection).toEqual({ host: 'db', port: 6543, user: 'aware' });
    expect(config.serverConfigured).toBe(true);
  });

  it('reports nothing configured when neither is set (the embedded default applies)', () => {
    const config = loadDbConfig({ PGPORT: '' });
    expect(config.serverConfigured).toBe(false);
    expect(config.poolMax).toBe(10);
    expect(config.role).toBeUndefined();
  });

  it('is frozen', () => {
    const config = loadDbConfig({ PGHOST: 'db' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.connection)).toBe(true);
  });

  it('refuses invalid values with DB_ERR_CONFIG_INVALID naming each one', () => {
    expect(() => loadDbConfig({ DATABASE_URL: 'mysql://x', DB_POOL_MAX: '0', DB_ROLE: 'Robert; DROP' })).toThrow(
      expect.objectContaining({
        code: DbErrorCode.CONFIG_INVALID,
        message: expect.stringMatching(/DATABASE_URL.*DB_POOL_MAX.*DB_ROLE/),
      }),
    );
  });

  it('never puts the password in a connection description', () => {
    expect(describeConnection({ connectionString: 'postgres://u:s3cret@db:5432/aware' })).not.toContain('s3cret');
    expect(describeConnection({ host: 'db', user: 'u', password: 's3cret' })).not.toContain('s3cret');
  });
});
