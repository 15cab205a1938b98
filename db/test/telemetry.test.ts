import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintainTelemetry } from '../src/telemetry-maintain.js';
import { createTestDatabase, telemetryPath, type TestDatabase } from '../src/testing/index.js';

const path = telemetryPath();

/** Partition name of the UTC day `offset` days from today. */
const dayPartition = `'telemetry_p' || to_char((now() AT TIME ZONE 'UTC')::date + $1::int, 'YYYYMMDD')`;

describe.runIf(path === 'partitioned')('telemetry on plain PostgreSQL', () => {
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

});

describe.runIf(path !== 'partitioned')('telemetry on TimescaleDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('is a hypertable with daily chunks and only the project’s own index (no default time index to maintain on every COPY)', async () => {
    const { rows } = await db.pool.query<{ interval: string }>(
      `SELECT time_interval::text AS interval FROM timescaledb_information.dimensions WHERE hypertable_name = 'telemetry'`,
    );
    expect(rows).toEqual([{ interval: '1 day' }]);
    const indexes = await db.pool.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'telemetry' ORDER BY 1`);
    expect(indexes.rows.map((r) => r.name)).toEqual(['telemetry_device_time']);
  });

  it.runIf(path === 'hypertable')('compresses chunks after two days, segmented by pendant, and has no retention policy of its own', async () => {
    const settings = await db.pool.query<{ segmentby: string | null }>(
      `SELECT segmentby FROM timescaledb_information.compression_settings WHERE hypertable_name = 'telemetry' AND segmentby IS NOT NULL`,
    ).catch(() => db.pool.query<{ segmentby: string | null }>(`SELECT attname AS segmentby FROM timescaledb_information.compression_settings WHERE hypertable_name = 'telemetry' AND segmentby_column_index IS NOT NULL`));
    expect(settings.rows.map((r) => r.segmentby)).toEqual(['device_id']);
    const jobs = await db.pool.query<{ proc: string }>(`SELECT proc_name AS proc FROM timescaledb_information.jobs WHERE hypertable_name = 'telemetry' ORDER BY 1`);
    // retention is telemetry_maintain's, with the deployment's setting (INGEST_LOCATION_RETENTION_DAYS)
    expect(jobs.rows.map((r) => r.proc)).toEqual(['policy_compression']);
  });

  it('drops chunks past the retention when maintained', async () => {
    await db.pool.query(
      `INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware, received_at)
       VALUES (now() - interval '40 days', 'pendant-c', 1, 80, false, -70, '1.0.0', now() - interval '40 days')`,
    );
    const actions = await maintainTelemetry(db.pool, { retentionDays: 30 });
    expect(actions.filter((a) => a.action === 'dropped')).toHaveLength(1);
    expect(actions[0]?.partition).toMatch(/^_timescaledb_internal\._hyper_\d+_\d+_chunk$/);
  });
});

/** What both paths promise, asserted on whichever this server has. */
describe(`telemetry retention (${path})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const insert = (device: string, timeSql: string, receivedSql = timeSql) =>
    db.pool.query(
      `INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware, lat, lon, acc, received_at)
       VALUES (${timeSql}, $1, 1, 80, false, -70, '1.0.0', 52.09, 5.12, 10, ${receivedSql})`,
      [device],
    );
  const count = async (device: string) => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry WHERE device_id = $1', [device])).rows[0]?.n;

  it('keeps a heartbeat with a location no longer than the retention: gone at the next maintenance after it, kept within it', async () => {
    await insert('ret-old', `now() - interval '40 days'`);
    await insert('ret-recent', `now() - interval '10 days'`);
    await maintainTelemetry(db.pool, { retentionDays: 30 });
    expect(await count('ret-old')).toBe(0);
    expect(await count('ret-recent')).toBe(1);
  });

  it('purges a row from a pendant with a wrong clock (dated 2099) once it was received longer ago than the retention', async () => {
    await insert('ret-clock', `'2099-01-01T00:00:00Z'`, `now() - interval '40 days'`);
    await insert('ret-clock-new', `'2099-01-01T00:00:00Z'`, `now()`);
    await maintainTelemetry(db.pool, { retentionDays: 30 });
    expect(await count('ret-clock')).toBe(0);
    expect(await count('ret-clock-new')).toBe(1);
  });

  it('follows the one retention setting: a 40-day-old row is kept with 60 days, and nothing else deletes it', async () => {
    await insert('ret-60', `now() - interval '40 days'`);
    await maintainTelemetry(db.pool, { retentionDays: 60 });
    if (path === 'hypertable') {
      // whatever the background jobs of this database do, none is a retention policy on telemetry
      const jobs = await db.pool.query(`SELECT 1 FROM timescaledb_information.jobs WHERE hypertable_name = 'telemetry' AND proc_name = 'policy_retention'`);
      expect(jobs.rowCount).toBe(0);
    }
    expect(await count('ret-60')).toBe(1);
    await maintainTelemetry(db.pool, { retentionDays: 30 });
    expect(await count('ret-60')).toBe(0);
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

describe(`the hourly health timeline (${path})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const DEVICE = 'pendant-health';
  type Hour = { bucket: string; heartbeats: number; battery_min: number };
  const timeline = async (): Promise<Hour[]> =>
    (
      await db.pool.query<Hour>(
        `SELECT bucket::text, heartbeats::int, battery_min FROM telemetry_health_timeline($1, now() - interval '20 days', now() + interval '1 hour')`,
        [DEVICE],
      )
    ).rows;
  const raw = async (): Promise<Hour[]> =>
    (
      await db.pool.query<Hour>(
        `SELECT date_trunc('hour', time)::text AS bucket, count(*)::int AS heartbeats, min(battery) AS battery_min
         FROM telemetry WHERE device_id = $1 GROUP BY 1 ORDER BY 1`,
        [DEVICE],
      )
    ).rows;
  /** Materialises the aggregate as its policy would (TimescaleDB); nothing to do on the plain path. */
  const refresh = async () => {
    if (path !== 'hypertable') return;
    const { rows } = await db.pool.query<{ id: number }>(`SELECT job_id AS id FROM timescaledb_information.jobs WHERE proc_name = 'policy_refresh_continuous_aggregate'`);
    expect(rows).toHaveLength(1);
    // the database's own scheduler may be running the same job (telemetry_maintain just re-added it): then wait and run it again
    for (let attempt = 1; ; attempt++) {
      try {
        await db.pool.query('CALL run_job($1)', [rows[0]!.id]);
        return;
      } catch (error) {
        if (attempt >= 20 || !/concurrent refresh/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  const heartbeatsAt = (hoursAgo: number[], battery = 80) =>
    db.pool.query(
      `INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware, received_at)
       SELECT date_trunc('hour', now()) - make_interval(hours => h) + make_interval(mins => m), $1, 1, $3, false, -70, '1.0.0', now()
       FROM unnest($2::int[]) AS h, generate_series(1, 50, 7) AS m`,
      [DEVICE, hoursAgo, battery],
    );

  it('shows every hour that had heartbeats, older hours included, the same as the raw telemetry', async () => {
    // ten days of hours, written before the first refresh (data older than any 3-day window)
    await heartbeatsAt(Array.from({ length: 120 }, (_, i) => 2 + i * 2));
    await maintainTelemetry(db.pool, { retentionDays: 30 });
    const before = await timeline();
    await refresh();
    const after = await timeline();
    expect(after).toEqual(await raw());
    expect(after).toHaveLength(120);
    expect(after).toEqual(before);
  });

  it('takes in a late heartbeat for an hour days ago, and a refresh outage longer than three days loses nothing', async () => {
    await heartbeatsAt([24 * 5 + 1], 12);
    await heartbeatsAt([24 * 9 + 3]);
    await refresh();
    const hours = await timeline();
    expect(hours).toEqual(await raw());
    expect(hours).toHaveLength(122);
    expect(hours.find((h) => h.battery_min === 12)).toBeDefined();
  });
});
