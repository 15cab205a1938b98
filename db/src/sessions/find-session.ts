import { Organisation, Role } from '@aware/protocol';
import type { Queryable } from '../pool.js';

/** The signed-in user behind a session, as every HTTP route and the live feed see them. */
export interface SessionUser {
  readonly userId: string;
  /** Login name, recorded in the access log. */
  readonly username: string;
  /** Shown as the actor of alarm events ("acknowledged by ..."). */
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly organisation: Organisation;
  /** NULL: works nationally (every region of their organisation). */
  readonly region: string | null;
}

/** Who is calling: the signed-in user behind a session token (the name dispatch and the dashboard use). */
export type Principal = SessionUser;

export interface SessionRecord {
  readonly principal: SessionUser;
  readonly tokenHash: string;
  /** Password checked, second factor still outstanding: only the second-factor step may accept it. */
  readonly mfaPending: boolean;
  readonly expiresAt: Date;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  organisation: string;
  region: string | null;
  roles: string[];
  mfa_pending: boolean;
  expires_at: Date;
}

/**
 * The session of a token hash (`sessions.token_hash`, SHA-256 hex of the cookie's token) with its user,
 * when current: not revoked, not expired, the user enabled. Sign-in throttling never touches sessions
 * already signed in: guessing at someone's password must not take a control room's board down. Roles the
 * wire contract does not know are ignored. The one session
 * lookup of the platform: dispatch refuses `mfaPending` sessions, the dashboard's second-factor step
 * is the only place that accepts one.
 */
const SQL = `
SELECT u.id, u.username, u.display_name, u.organisation, u.region, s.mfa_pending, s.expires_at,
       coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
FROM sessions s
JOIN users u ON u.id = s.user_id
LEFT JOIN user_roles r ON r.user_id = u.id
WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
  AND u.disabled_at IS NULL
GROUP BY u.id, s.token_hash`;

export async function findSession(db: Queryable, tokenHash: string): Promise<SessionRecord | null> {
  const { rows } = await db.query<Row>(SQL, [tokenHash]);
  const row = rows[0];
  const organisation = Organisation.safeParse(row?.organisation);
  if (!row || !organisation.success) return null;
  const principal: SessionUser = Object.freeze({
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: Object.freeze(row.roles.flatMap((r) => (Role.safeParse(r).success ? [r as Role] : []))),
    organisation: organisation.data,
    region: row.region,
  });
  return Object.freeze({ principal, tokenHash, mfaPending: row.mfa_pending, expiresAt: row.expires_at });
}
