import type { Queryable } from '../pool.js';

/**
 * Replaces a pendant's stored secret hash by another form of the same secret (argon2id -> keyed, or an
 * older key -> the current one; see device-secrets.ts), only if `from` is still the current hash: a
 * rotation in the meantime wins. The device row and its current credential change together. This is not
 * a rotation: `secret_rotated_at` stays, so brokers do not take it for one. Returns whether it changed.
 */
export async function upgradeDeviceSecretHash(db: Queryable, id: string, from: string, to: string): Promise<boolean> {
  const { rows } = await db.query<{ changed: number }>(
    `WITH device AS (
       UPDATE devices SET secret_hash = $3 WHERE id = $1 AND secret_hash = $2 RETURNING id
     ), credential AS (
       UPDATE device_credentials SET secret_hash = $3
       WHERE device_id IN (SELECT id FROM device) AND revoked_at IS NULL AND secret_hash = $2
     )
     SELECT count(*)::int AS changed FROM device`,
    [id, from, to],
  );
  return rows[0]!.changed === 1;
}
