import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintainTelemetry } from '../src/telemetry-maintain.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

/** Partition name of the UTC day `offset` days from today. */
const dayPartition = `'telemetry_p' || to_char((now() AT TIME ZONE 'UTC')::date + $1::int, 'YYYYMMDD')`;

describe('telemetry on plain PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const partitions = async (): Promise<string[]> =>
    (
      await db.pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'telemetry'::regclass ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
  const partitionFor = async (offset: number): Promise<string> =>
    (await db.pool.query<{ name: string }>(`SELECT ${dayPartition} AS name`, [offset])).rows[0]?.name ?? '';
  const insert = (timeSql: string, receivedSql = 'now()') =>
    db.pool.query<{ part: string }>(
      `INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware, received_at)
       VALUES (${timeSql}, 'pendant-t', 1, 80, false, -70, '1.0.0', ${receivedSql}) RETURNING tableoid::regclass::text AS part`,
    );

  it('is range-partitioned by day, with partitions from today ahead and a default partition', async () => {
    const kind = await db.pool.query<{ relkind: string }>(`SELECT relkind FROM pg_class WHERE oid = 'telemetry'::regclass`);
    expect(kind.rows[0]?.relkind).toBe('p');
    const existing = await partitions();
    expect(existing).toContain('telemetry_default');
    for (const offset of [0, 1, 2, 3]) expect(existing).toContain(await partitionFor(offset));
  });

  it('puts a heartbeat of today into today’s partition', async () => {
    const { rows } = await insert('now()');
    expect(rows[0]?.part).toBe(await partitionFor(0));
  });

  it('takes a row outside every partition into the default partition instead of failing the insert', async () => {
    const { rows } = await insert(`now() + interval '200 days'`);
    expect(rows[0]?.part).toBe('telemetry_default');
  });

  it('creates upcoming partitions and drops the ones past retention when maintained', async () => {
    const old = await partitionFor(-40);
    await db.pool.query(
      `CREATE TABLE ${old} PARTITION OF telemetry FOR VALUES
       FROM (((now() AT TIME ZONE 'UTC')::date - 40)::timestamp AT TIME ZONE 'UTC')
       TO (((now() AT TIME ZONE 'UTC')::date - 39)::timestamp AT TIME ZONE 'UTC')`,
    );
    const { rows } = await insert(`((now() AT TIME ZONE 'UTC')::date - 40)::timestamp AT TIME ZONE 'UTC' + interval '1 hour'`);
    expect(rows[0]?.part).toBe(old);

    const actions = await maintainTelemetry(db.pool, { retentionDays: 30, aheadDays: 6 });
    expect(actions).toContainEqual({ action: 'dropped', partition: old });
    expect(actions).toContainEqual({ action: 'created', partition: await partitionFor(6) });
    const existing = await partitions();
    expect(existing).not.toContain(old);
    for (const offset of [0, 1, 2, 3, 4, 5, 6]) expect(existing).toContain(await partitionFor(offset));

    const again = await maintainTelemetry(db.pool, { retentionDays: 30, aheadDays: 6 });
    expect(again.filter((a) => a.action !== 'purged')).toEqual([]);
  });

  it('moves rows waiting in the default partition into the partition created for their day', async () => {
    const { rows } = await insert(`now() + interval '12 days'`);
    expect(rows[0]?.part).toBe('telemetry_default');
    await maintainTelemetry(db.pool, { retentionDays: 30, aheadDays: 12 });
    const moved = await db.pool.query<{ part: string }>(
      `SELECT tableoid::regclass::text AS part FROM telemetry WHERE time > now() + interval '11 days' AND time < now() + interval '13 days'`,
    );
    expect(moved.rows).toEqual([{ part: await partitionFor(12) }]);
    const farFuture = await db.pool.query(`SELECT 1 FROM telemetry_default WHERE time > now() + interval '199 days'`);
    expect(farFuture.rowCount).toBe(1);
  });

  it('purges expired rows from the default partition, also a wrong-clock row received long ago', async () => {
    await insert(`now() - interval '40 days'`);
    await insert(`'2099-01-01T00:00:00Z'`, `now() - interval '40 days'`);
    const actions = await maintainTelemetry(db.pool, { retentionDays: 30, aheadDays: 3 });
    expect(actions).toContainEqual({ action: 'purged', partition: 'telemetry_default (2 rows)' });
    const left = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_default');
    expect(left.rows[0]?.n).toBe(1);
  });

  it('can be maintained and written by the application role, which does not own the table', async () => {
    const app = db.newPool({ role: 'aware_app', max: 1 });
    const { rows } = await app.query<{ u: string }>('SELECT current_user AS u');
    expect(rows[0]?.u).toBe('aware_app');
    await expect(maintainTelemetry(app)).resolves.toBeInstanceOf(Array);
    await expect(
      app.query(`INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware) VALUES (now(), 'p-app', 1, 50, true, -80, 'x')`),
    ).resolves.toMatchObject({ rowCount: 1 });
  });

  it('refuses a retention shorter than a day', async () => {
    await expect(db.pool.query(`SELECT * FROM telemetry_maintain(interval '1 hour', 3)`)).rejects.toThrow(/at least 1 day/);
  });
});
