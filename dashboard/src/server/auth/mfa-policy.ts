import { ROLES_READING_DOSSIERS, ROLES_SEEING_ALARM_LOCATION, type Role } from '@aware/protocol';

/**
 * Roles that need a second factor: whoever sees a location or reads a dossier, and the administrator
 * (who can grant those roles). A user who has a second factor enrolled always uses it.
 */
export const ROLES_NEEDING_MFA: readonly Role[] = Object.freeze([...new Set<Role>([...ROLES_SEEING_ALARM_LOCATION, ...ROLES_READING_DOSSIERS, 'admin'])]);

export function needsMfa(roles: readonly Role[], enrolled: boolean): boolean {
  return enrolled || roles.some((r) => ROLES_NEEDING_MFA.includes(r));
}
