import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alarmIdFor } from '../src/alarms/ids.js';
import { applyBatch } from '../src/durable/db-batch.js';
import type { DurableWrite } from '../src/durable/writes.js';
import { Lease } from '../src/lease/lease.js';
import { isFenced } from '../src/lease/lease-sql.js';
import { createPendant } from './helpers/dossiers.js';
import { collectingLogger } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const TIMINGS = { ttlMs: 400, renewMs: 100, graceMs: 300, pollMs: 50 };

let db: TestDatabase;
let pool: pg.Pool;
const leases: Lease[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // as the services run: the application role's grants must be enough
  pool = db.newPool({ role: 'aware_app', max: 4 });
});
afterEach(async () => {
  await Promise.all(leases.splice(0).map((l) => l.stop()));
  // every test starts with the lease released (a "dead holder" of a test would otherwise linger)
  await db.pool.query(`UPDATE dispatch_lease SET holder = NULL, holder_token = NULL, holder_url = NULL, expires_at = '-infinity'`);
});
afterAll(() => db.close());

function node(instance: string, eligible = () => true, pollMs = TIMINGS.pollMs): Lease {
  const lease = new Lease({ pool, instance, url: `http://${instance}:8082`, ...TIMINGS, pollMs, log: collectingLogger('error').logger, eligible });
  leases.push(lease);
  return lease;
}

/** A holder that took the lease and then died: it never renews. */
async function deadHolder(): Promise<void> {
  await db.pool.query(
    `UPDATE dispatch_lease SET epoch = epoch + 1, holder = 'dead', holder_token = $1, holder_url = 'http://dead:8082',
            renewed_at = now(), expires_at = now() + interval '400 milliseconds'`,
    [randomUUID()],
  );
}

describe('the dispatch lease', () => {
  it('goes to the first node that asks for it; the second waits as a standby and knows who is active', async () => {
    const a = node('a');
    const b = node('b');
    expect(await a.start()).toBe(true);
    expect(await b.start()).toBe(false);
    await waitFor(() => b.leaderView.url === 'http://a:8082', 2_000, 'the standby to read the holder');
    expect(a.validNow()).toBe(true);
  });

  it('passes at once to a standby when the holder releases it (a clean stop)', async () => {
    const a = node('a');
    const b = node('b');
    await a.start();
    await b.start();
    const taken = new Promise<number>((resolve) => b.once('acquired', resolve));
    const before = a.epoch!;
    await a.release();
    expect(await taken).toBe(before + 1);
  });

  it('is not taken back by the node that released it while a standby that polls more slowly is about to take it', async () => {
    const a = node('a');
    const b = node('b', () => true, TIMINGS.ttlMs / 2);
    await a.start();
    await b.start();
    const taken = new Promise<number>((resolve) => b.once('acquired', resolve));
    const retaken = new Promise<string>((resolve) => a.once('acquired', () => resolve('a took it back')));
    await a.release();
    expect(await Promise.race([taken.then(() => 'b took it'), retaken])).toBe('b took it');
    expect(a.isHolder).toBe(false);
  });

  it('is taken from a holder that stopped renewing only after it expired and stayed unrenewed for the grace', async () => {
    await deadHolder();
    const { rows: before } = await db.pool.query<{ expires_at: Date }>(`SELECT expires_at FROM dispatch_lease`);
    const b = node('b');
    expect(await b.start()).toBe(false);
    await waitFor(() => b.isHolder, 5_000, 'the standby to take the expired lease');
    // both times are the database's own clock
    const { rows: after } = await db.pool.query<{ acquired_at: Date; holder: string }>(`SELECT acquired_at, holder FROM dispatch_lease`);
    expect(after[0]!.holder).toBe('b');
    expect(after[0]!.acquired_at.getTime() - before[0]!.expires_at.getTime()).toBeGreaterThanOrEqual(TIMINGS.graceMs);
  });

  it('stays with a holder that renews again within the grace (after a database outage nobody else takes it)', async () => {
    const a = node('a');
    const b = node('b');
    await a.start();
    await b.start();
    // as after an outage: the lease expired in the database while the holder could not renew
    await db.pool.query(`UPDATE dispatch_lease SET expires_at = now() - interval '5 seconds'`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(a.isHolder).toBe(true);
    expect(b.isHolder).toBe(false);
  });

  it('is not taken by a node that may not be active (no broker, or a journal still to replay)', async () => {
    await deadHolder();
    let eligible = false;
    const b = node('b', () => eligible);
    await b.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(b.isHolder).toBe(false);
    eligible = true;
    await waitFor(() => b.isHolder, 5_000, 'the lease once eligible');
  });

  it('tells a holder whose lease was taken that it lost it', async () => {
    const a = node('a');
    await a.start();
    const lost = new Promise<number>((resolve) => a.once('lost', resolve));
    await deadHolder();
    expect(await lost).toBeGreaterThan(0);
    expect(a.isHolder).toBe(false);
  });
});

describe('the lease fence', () => {
  const seen = (deviceId: string): DurableWrite => ({ kind: 'alarm_seen', alarmId: alarmIdFor(deviceId, 'k-1'), deviceId, at: Date.now() });

  it('lets the holder write, and makes every write of a former holder fail with AWF01, nothing committed', async () => {
    await createPendant(db.pool, 'fence-pendant-1');
    const a = node('a');
    expect(await a.start()).toBe(true);
    const epoch = a.epoch!;
    await applyBatch(pool, [seen('fence-pendant-1')], 2_000, epoch);
    await deadHolder();
    const refused = await applyBatch(pool, [seen('fence-pendant-1'), seen('fence-pendant-1')], 2_000, epoch).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused, String(refused)).toMatchObject({ code: "AWF01" });
    expect(isFenced(refused)).toBe(true);
  });

  it('leaves unfenced writes (journal replays: confirmed under the lease of their time) alone', async () => {
    await deadHolder();
    await expect(applyBatch(pool, [seen('fence-pendant-1')], 2_000, null)).resolves.toBeUndefined();
  });

  it('does not let a holder that stalls in the middle of a write keep the others from taking over', async () => {
    await createPendant(db.pool, 'fence-pendant-2');
    await deadHolder();
    const { rows } = await db.pool.query<{ epoch: string }>(`SELECT epoch FROM dispatch_lease`);
    // the holder's process freezes after the fence (SIGSTOP, swapped out): its connection stays open,
    // its transaction holds the fence's shared lock, and it never sends another statement
    const frozen = frozenAfterFirstStatement(pool);
    const stalled = applyBatch(frozen.pool, [seen('fence-pendant-2'), seen('fence-pendant-2')], 300, Number(rows[0]!.epoch)).catch(() => undefined);
    await frozen.fenced;
    const b = node('b');
    void b.start();
    await waitFor(() => b.isHolder, 5_000, 'a standby to take the lease past the stalled transaction');
    await stalled;
    frozen.thaw();
  });
});

/**
 * A pool whose clients stop after their first statement as a frozen process would: nothing more is
 * sent, and nothing is closed (a frozen process cannot destroy its connection on a timeout either).
 */
function frozenAfterFirstStatement(real: pg.Pool): { pool: pg.Pool; fenced: Promise<void>; thaw(): void } {
  const held: pg.PoolClient[] = [];
  let fenced!: () => void;
  const done = new Promise<void>((resolve) => (fenced = resolve));
  const pool = {
    async connect() {
      const client = await real.connect();
      held.push(client);
      let statements = 0;
      return {
        on: () => undefined,
        removeListener: () => undefined,
        release: () => undefined,
        async query(...args: unknown[]) {
          statements++;
          if (statements <= 2) {
            const result = await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
            if (statements === 2) fenced();
            return result;
          }
          return new Promise(() => undefined);
        },
      };
    },
  } as unknown as pg.Pool;
  return { pool, fenced: done, thaw: () => held.forEach((c) => c.release(new Error('thawed'))) };
}
