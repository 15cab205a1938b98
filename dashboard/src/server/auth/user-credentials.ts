import type { Queryable } from '@aware/db';
import { Role } from '@aware/protocol';

/** What sign-in needs to know about a user. */
export interface UserCredentials {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly totpSecret: string | null;
  readonly totpLastStep: number | null;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
}

interface Row {
  id: string;
  username: string;
  password_hash: string;
  totp_secret: string | null;
  totp_last_step: string | null;
  roles: string[];
  disabled: boolean;
}

const SQL = `
SELECT u.id, u.username, u.password_hash, u.totp_secret, u.totp_last_step, u.disabled_at IS NOT NULL AS disabled,
       coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
WHERE `;

export async function userByName(db: Queryable, username: string): Promise<UserCredentials | null> {
  return one(await db.query<Row>(`${SQL} u.username = $1 GROUP BY u.id`, [username]));
}

export async function userById(db: Queryable, id: string): Promise<UserCredentials | null> {
  return one(await db.query<Row>(`${SQL} u.id = $1 GROUP BY u.id`, [id]));
}

function one({ rows }: { rows: Row[] }): UserCredentials | null {
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    roles: r.roles.flatMap((x) => (Role.safeParse(x).success ? [x as Role] : [])),
    disabled: r.disabled,
  };
}
