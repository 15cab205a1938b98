import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from '@aware/db';
import type { QueuedHeartbeat } from './queued-heartbeat.js';

/** Column order of the COPY text lines below (db/migrations/0006_telemetry.sql). */
export const TELEMETRY_COLUMNS = [
  'time',
  'device_id',
  'seq',
  'battery',
  'charging',
  'rssi',
  'firmware',
  'lat',
  'lon',
  'acc',
  'received_at',
] as const;

export const TELEMETRY_COPY_SQL = `COPY telemetry (${TELEMETRY_COLUMNS.join(', ')}) FROM STDIN`;

const NULL = '\\N';

/** COPY text format escaping: backslash, tab, newline and carriage return. */
function escapeText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/**
 * ISO 8601 UTC with milliseconds, like Date#toISOString, but the `YYYY-MM-DDTHH:MM:SS` part is kept
 * per second: heartbeats of one batch share seconds, and formatting dates was the encoder's main cost.
 */
class IsoFormatter {
  private second = Number.NaN;
  private prefix = '';

  format(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    const frac = ms - second * 1000;
    return `${this.prefix}${frac < 10 ? '.00' : frac < 100 ? '.0' : '.'}${frac}Z`;
  }
}

const deviceTime = new IsoFormatter();
const receiveTime = new IsoFormatter();

/**
 * A pendant clock this far ahead of ours is wrong: the heartbeat is stored at our receipt time instead.
 * (Partitions and chunks are by `time`; a row dated years ahead would outlive the retention. Behind is
 * kept as it is: a heartbeat sent late is dated right and leaves with its day.) Migration 0024.
 */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000;

/** One COPY text line per heartbeat (`time` is the device's clock unless it is ahead of ours, `received_at` ours). */
export function telemetryLine(row: QueuedHeartbeat): string {
  const { hb } = row;
  const fix = hb.fix;
  const time = hb.ts > row.receivedAt + MAX_CLOCK_AHEAD_MS ? row.receivedAt : hb.ts;
  return (
    `${deviceTime.format(time)}\t${row.deviceId}\t${hb.seq}\t${hb.battery}\t${hb.charging ? 't' : 'f'}\t` +
    `${hb.rssi}\t${escapeText(hb.firmware)}\t` +
    (fix ? `${fix.lat}\t${fix.lon}\t${fix.acc}\t` : `${NULL}\t${NULL}\t${NULL}\t`) +
    `${receiveTime.format(row.receivedAt)}\n`
  );
}

/**
 * A batch as one buffer, each line written straight into it (building one long string first cost
 * 2-5x more, growing with the batch, in bench/ingest measurements).
 */
export function encodeTelemetry(rows: readonly QueuedHeartbeat[]): Buffer {
  let buffer = Buffer.allocUnsafe(Math.max(1024, rows.length * 192));
  let offset = 0;
  for (const row of rows) {
    const line = telemetryLine(row);
    // a line is ASCII, except an escaped firmware string that is still ASCII: length in bytes = length
    if (offset + line.length > buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2 + line.length);
      buffer.copy(bigger, 0, 0, offset);
      buffer = bigger;
    }
    offset += buffer.write(line, offset, 'latin1');
  }
  return buffer.subarray(0, offset);
}

/** Streams already-encoded COPY text into telemetry; resolves with the row count once the server has it. */
export function copyTelemetry(client: PoolClient, encoded: Buffer): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const stream = client.query(copyFrom(TELEMETRY_COPY_SQL));
    stream.on('error', reject);
    stream.on('finish', () => resolve(stream.rowCount));
    stream.end(encoded);
  });
}
