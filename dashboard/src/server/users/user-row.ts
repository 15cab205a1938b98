import { Organisation, Role } from '@aware/protocol';
import type { UserView } from '../../contract/users.js';
import { PENDING_ACTIVATION_SQL } from '../auth/activation.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  organisation: string;
  region: string | null;
  roles: string[];
  mfa_enrolled: boolean;
  failed_sign_ins: number;
  activation_pending_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

/** Columns of `UserRow`, for `SELECT ${USER_COLUMNS} FROM users u ... GROUP BY u.id`. Never the secrets. */
export const USER_COLUMNS = `u.id, u.username, u.display_name, u.email, u.organisation, u.region,
  u.totp_secret IS NOT NULL AS mfa_enrolled,
  ${PENDING_ACTIVATION_SQL} AS activation_pending_until,
  (SELECT count(*)::int FROM sign_in_failures f WHERE f.username = u.username AND f.at > now() - interval '1 hour') AS failed_sign_ins,
  u.disabled_at, u.last_login_at, u.created_at,
  coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toUserView(r: UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    organisation: Organisation.parse(r.organisation),
    region: r.region,
    roles: r.roles.flatMap((x) => (Role.safeParse(x).success ? [x as Role] : [])),
    mfaEnrolled: r.mfa_enrolled,
    activationPendingUntil: iso(r.activation_pending_until),
    failedSignInsLastHour: r.failed_sign_ins,
    disabledAt: iso(r.disabled_at),
    lastLoginAt: iso(r.last_login_at),
    createdAt: r.created_at.toISOString(),
  };
}
