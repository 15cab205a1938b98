import type { Pool } from '@aware/db';
import { copyTelemetry } from './telemetry-copy.js';

/** Streams one encoded batch into telemetry on a pooled connection (destroyed if the COPY failed). */
export async function writeTelemetry(pool: Pool, encoded: Buffer): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await copyTelemetry(client, encoded);
  } catch (err) {
    broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Connection-level failures worth retrying (the server restarting, a dropped socket, overload). */
export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err instanceof Error && /terminat|Connection|ECONN|timeout/i.test(err.message);
  return /^(08|53|57P|40001|40P01)/.test(code) || code.startsWith('ECONN') || code === 'EPIPE' || code === 'ETIMEDOUT';
}
