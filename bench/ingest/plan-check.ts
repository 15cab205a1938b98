/**
 * `npx tsx bench/ingest/plan-check.ts [pendants=1000000] [sorted]`: the device-state UPDATE's plan and
 * timing (EXPLAIN ANALYZE) against a table of a million pendants, for 5,000 rows in random or key order.
 * Shows that it stays an index nested loop at fleet scale and what key order saves.
 */
import pino from 'pino';
import pg from 'pg';
import { createBenchDatabase } from './bench-database.js';
import { DEVICE_STATE_UPDATE_SQL } from '../../ingest/src/pipeline/device-state-upsert.js';
import { booleanArray, numberArray, textArray } from '../../ingest/src/pipeline/pg-array.js';
const N = Number(process.argv[2] ?? 1_000_000);
const db = await createBenchDatabase(0, 0, pino({ level: 'warn' }));
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
let t = Date.now();
await pool.query(`INSERT INTO devices (id, secret_hash, status) SELECT 'bench-' || lpad(i::text, 7, '0'), '$argon2id$x', 'active' FROM generate_series(1, $1) i`, [N]);
await pool.query(`INSERT INTO device_state (device_id, last_seen_at, hb_time, hb_seq, battery) SELECT id, now(), now() - interval '1 hour', 0, 50 FROM devices`);
await pool.query('VACUUM ANALYZE device_state');
console.log('seeded', N, 'in', Date.now() - t, 'ms');
const n = 5000;
const ids = Array.from({ length: n }, (_, i) => `bench-${String(1 + ((i * 7919) % N)).padStart(7, '0')}`); if (process.argv[3] === "sorted") ids.sort();
const mk = (now: number) => [textArray(ids), numberArray(ids.map(() => now)), numberArray(ids.map(() => now)), numberArray(ids.map(() => 1)), numberArray(ids.map(() => 60)), booleanArray(ids.map(() => false)), numberArray(ids.map(() => -70)), textArray(ids.map(() => 'fw'))];
for (let i = 0; i < 3; i++) {
  const res = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${DEVICE_STATE_UPDATE_SQL}`, mk(Date.now() + i));
  if (i === 2) console.log(res.rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await pool.end();
await db.drop();
