import pg from 'pg';
import pino from 'pino';
import { from as copyFrom } from 'pg-copy-streams';
import { Registry } from 'prom-client';
import { createMetrics } from '../../ingest/src/metrics.js';
import { BoundedQueue } from '../../ingest/src/pipeline/bounded-queue.js';
import { DeviceStateWriter } from '../../ingest/src/pipeline/device-state-writer.js';
import { Flusher } from '../../ingest/src/pipeline/flusher.js';
import type { QueuedHeartbeat } from '../../ingest/src/pipeline/queued-heartbeat.js';
import { TELEMETRY_COPY_SQL, encodeTelemetry } from '../../ingest/src/pipeline/telemetry-copy.js';
import { benchDeviceId } from './bench-database.js';
import { cpuMs } from './cpu.js';

/** `n` validated heartbeats from `devices` pendants, device time advancing, half with a GPS fix. */
export function syntheticRows(n: number, devices: number): QueuedHeartbeat[] {
  const base = Date.now() - 60_000;
  const ids = Array.from({ length: devices }, (_, i) => benchDeviceId(i + 1));
  const rows = new Array<QueuedHeartbeat>(n);
  for (let i = 0; i < n; i++) {
    const ts = base + Math.floor(i / 10);
    rows[i] = {
      deviceId: ids[i % devices]!,
      receivedAt: ts + 3,
      latest: true,
      hb: {
        seq: Math.floor(i / devices),
        ts,
        battery: 30 + (i % 70),
        charging: i % 17 === 0,
        rssi: -60 - (i % 40),
        firmware: 'bench-1.0.0',
        ...(i % 2 === 0 ? { fix: { lat: 52.09 + (i % 100) / 10_000, lon: 5.12, acc: 12 } } : {}),
      },
    };
  }
  return rows;
}

export interface RateResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU time per row of the PostgreSQL server processes doing the work, and of this Node process. */
  serverCpuUsPerRow: number;
  clientCpuUsPerRow: number;
}

/** pg connections report their server process id; their CPU is read from /proc. */
function backendPid(client: pg.Client | pg.PoolClient): number {
  return (client as unknown as { processID: number }).processID;
}

export interface WriterResult extends RateResult {
  /** Until the device state of every row was written too (runs beside the COPYs). */
  withStateSeconds: number;
  withStateRowsPerSecond: number;
  /** Device-state rows written: fewer than rows, as each write carries one row per pendant. */
  stateRows: number;
}

/** The reference: the same rows, encoded beforehand, streamed in one COPY on one connection. */
export async function rawCopy(url: string, rows: readonly QueuedHeartbeat[]): Promise<RateResult> {
  const encoded = encodeTelemetry(rows);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pid = backendPid(client);
    const serverBefore = cpuMs(pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(TELEMETRY_COPY_SQL));
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      const chunk = 1 << 20;
      let offset = 0;
      const write = () => {
        while (offset < encoded.length) {
          const ok = stream.write(encoded.subarray(offset, offset + chunk));
          offset += chunk;
          if (!ok) return void stream.once('drain', write);
        }
        stream.end();
      };
      write();
    });
    const seconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(clientBefore);
    return {
      rows: rows.length,
      seconds,
      rowsPerSecond: rows.length / seconds,
      serverCpuUsPerRow: ((cpuMs(pid) - serverBefore) * 1000) / rows.length,
      clientCpuUsPerRow: (clientCpu.user + clientCpu.system) / rows.length,
    };
  } finally {
    await client.end();
  }
}

/**
 * The writer stage fed in-process: the rows are queued up front, then ingest's Flusher takes them in
 * batches, encodes them and writes telemetry (COPY), and, `withState`, device state beside it as it
 * does in production (without, the COPY path alone).
 */
export async function writerStage(url: string, rows: readonly QueuedHeartbeat[], batchMaxRows: number, withState: boolean): Promise<WriterResult> {
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 0 });
  const backends = new Set<number>();
  pool.on('connect', (client) => backends.add(backendPid(client)));
  // open the connections first, so their CPU can be read before the stage starts
  const warm = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
  warm.forEach((c) => c.release());
  const queue = new BoundedQueue<QueuedHeartbeat>(rows.length);
  const metrics = createMetrics({ queueDepth: () => queue.size, watched: () => 0, brokerConnected: () => true }, new Registry());
  const logger = pino({ level: 'warn' });
  const state = withState ? new DeviceStateWriter(pool, metrics, logger) : undefined;
  let telemetryDoneAt = 0;
  let committed = 0;
  const flusher = new Flusher(
    queue,
    pool,
    state,
    {
      batchMaxRows,
      flushIntervalMs: 1000,
      onCommitted: (batch) => {
        committed += batch.length;
        if (committed === rows.length) telemetryDoneAt = performance.now();
      },
    },
    metrics,
    logger,
  );
  for (const row of rows) queue.push(row);
  try {
    const serverBefore = new Map([...backends].map((pid) => [pid, cpuMs(pid)]));
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    await flusher.drain();
    const ended = performance.now();
    const clientCpu = process.cpuUsage(clientBefore);
    const serverCpu = [...backends].reduce((sum, pid) => sum + cpuMs(pid) - (serverBefore.get(pid) ?? 0), 0);
    if (committed !== rows.length) throw new Error(`writer stage wrote ${committed} of ${rows.length} rows`);
    const seconds = (telemetryDoneAt - started) / 1000;
    const withStateSeconds = (ended - started) / 1000;
    const stateRows = (await metrics.stateRows.get()).values[0]?.value ?? 0;
    return {
      rows: rows.length,
      seconds,
      rowsPerSecond: rows.length / seconds,
      withStateSeconds,
      withStateRowsPerSecond: rows.length / withStateSeconds,
      stateRows,
      serverCpuUsPerRow: (serverCpu * 1000) / rows.length,
      clientCpuUsPerRow: (clientCpu.user + clientCpu.system) / rows.length,
    };
  } finally {
    await pool.end();
  }
}
