import type { Principal } from '@aware/db';
import type { SessionView } from '../../contract/auth.js';
import { csrfTokenFor } from '@aware/db';

export function sessionView(principal: Principal, token: string, expiresAt: Date, idleMs: number): SessionView {
  return {
    user: {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      organisation: principal.organisation,
      region: principal.region,
      roles: [...principal.roles],
    },
    csrfToken: csrfTokenFor(token),
    expiresAt: expiresAt.toISOString(),
    idleTimeoutS: Math.round(idleMs / 1000),
  };
}
