import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { findOrStartTestServer } from './test-server.js';

function capturingLogger(): { logger: pino.Logger; lines: () => string[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => out.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

describe('findOrStartTestServer', () => {
  it('uses a configured server that answers, as it is', async () => {
    const url = inject('awareDbAdminUrl');
    const { logger } = capturingLogger();
    const server = await findOrStartTestServer({ DATABASE_URL: url }, logger);
    expect(server).toMatchObject({ url, source: 'configured' });
    await server.stop();
  });

  it('with nothing configured, uses the local server on the default port', async () => {
    const { logger } = capturingLogger();
    const local = await findOrStartTestServer({}, logger, { host: '127.0.0.1', port: 5432 });
    await local.stop();
    if (local.source === 'local') expect(local.url).toMatch(/^postgres:\/\/[^:@]+@127\.0\.0\.1:5432\/postgres$/);
    else expect(local.source).toBe('embedded'); // a machine without a local server
  });

  it('with nothing configured and nothing listening, starts an embedded PostgreSQL', async () => {
    const { logger, lines } = capturingLogger();
    const server = await findOrStartTestServer({}, logger, { host: '127.0.0.1', port: 1 });
    try {
      expect(server.source).toBe('embedded');
      expect(lines()).toContain('no PostgreSQL configured and none usable on 127.0.0.1:1: starting an embedded PostgreSQL for the tests');
    } finally {
      await server.stop();
    }
  });

  it('falls back to an embedded PostgreSQL, saying so in one line, when PGHOST points nowhere', async () => {
    const { logger, lines } = capturingLogger();
    const server = await findOrStartTestServer({ PGHOST: '127.0.0.2', PGPORT: '1' }, logger);
    try {
      expect(server.source).toBe('embedded');
      expect(lines().filter((l) => l.includes('127.0.0.2'))).toEqual([
        expect.stringMatching(/configured PostgreSQL postgres:\/\/.*127\.0\.0\.2:1\/postgres is not usable \(.*\); starting an embedded PostgreSQL instead/),
      ]);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ ok: boolean }>('SELECT rolsuper AS ok FROM pg_roles WHERE rolname = current_user');
      await client.end();
      expect(rows[0]?.ok).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
