import type pg from 'pg';

/** The lease row as a node reads it (db/migrations/0015_dispatch_lease.sql). */
export interface LeaseRow {
  readonly epoch: number;
  readonly holder: string | null;
  readonly holderToken: string | null;
  readonly holderUrl: string | null;
  /** Database time of the last renewal, as text (compared back exactly, never parsed). */
  readonly renewedAt: string | null;
  /** Expired by the database's clock. */
  readonly expired: boolean;
}

export async function readLease(client: pg.ClientBase): Promise<LeaseRow> {
  const { rows } = await client.query<{ epoch: string; holder: string | null; holder_token: string | null; holder_url: string | null; renewed_at: string | null; expired: boolean }>(
    `SELECT epoch, holder, holder_token, holder_url, renewed_at::text AS renewed_at, expires_at < now() AS expired FROM dispatch_lease`,
  );
  const row = rows[0];
  if (!row) throw new Error('dispatch_lease has no row (migration 0015 not applied?)');
  return { epoch: Number(row.epoch), holder: row.holder, holderToken: row.holder_token, holderUrl: row.holder_url, renewedAt: row.renewed_at, expired: row.expired };
}

export interface TakeRequest {
  readonly holder: string;
  readonly token: string;
  readonly url: string;
  readonly ttlMs: number;
  /** The row as the caller saw it: taken only if it is still that row (and released, or expired). */
  readonly seen: Pick<LeaseRow, 'epoch' | 'renewedAt'>;
}

/** Takes the lease; the new epoch, or null when someone renewed or took it first. */
export async function takeLease(client: pg.ClientBase, r: TakeRequest): Promise<number | null> {
  const { rows } = await client.query<{ epoch: string }>(`SELECT epoch FROM dispatch_lease_take($1, $2, $3, $4, $5, $6::timestamptz)`, [
    r.holder,
    r.token,
    r.url,
    r.ttlMs,
    r.seen.epoch,
    r.seen.renewedAt,
  ]);
  return rows[0] ? Number(rows[0].epoch) : null;
}

/** Extends the lease by `ttlMs` from now (database time); false when this holder no longer has it. */
export async function renewLease(client: pg.ClientBase, epoch: number, token: string, ttlMs: number): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE dispatch_lease SET renewed_at = now(), expires_at = now() + $3 * interval '1 millisecond'
      WHERE epoch = $1 AND holder_token = $2`,
    [epoch, token, ttlMs],
  );
  return rowCount === 1;
}

/** Gives the lease up (a clean stop, or a holder that cannot serve): the next node may take it at once. */
export async function releaseLease(client: pg.ClientBase, epoch: number, token: string): Promise<void> {
  await client.query(
    `UPDATE dispatch_lease SET holder = NULL, holder_token = NULL, holder_url = NULL, expires_at = now()
      WHERE epoch = $1 AND holder_token = $2`,
    [epoch, token],
  );
}

/** SQLSTATE raised by `dispatch_fence(epoch)` when that epoch is no longer the lease's. */
export const FENCED_SQLSTATE = 'AWF01';

export function isFenced(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === FENCED_SQLSTATE;
}
