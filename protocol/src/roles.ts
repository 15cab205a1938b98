import { z } from 'zod';
import type { Organisation } from './live.js';

/**
 * Roles of the people who use the platform. A user has one organisation and one or more roles;
 * every HTTP route and the live feed check both. Location and dossier access is need-to-know:
 * see `ROLES_SEEING_ALARM_LOCATION`.
 */
export const Role = z.enum([
  'police_operator',
  'vt_operator',
  'vt_caseworker',
  'commissie_member',
  'device_admin',
  'tester',
  'privacy_officer',
  'admin',
]);
export type Role = z.infer<typeof Role>;

/** Roles that see an active alarm's location and dossier card (control rooms). Need a second factor. */
export const ROLES_SEEING_ALARM_LOCATION: readonly Role[] = Object.freeze(['police_operator', 'vt_operator']);

/** Roles that may read a client's dossier at all (and therefore need a second factor). */
export const ROLES_READING_DOSSIERS: readonly Role[] = Object.freeze([
  'police_operator',
  'vt_operator',
  'vt_caseworker',
  'commissie_member',
  'privacy_officer',
]);

/**
 * Roles tied to one organisation: a police operator works for the police, a Veilig Thuis operator or case
 * worker for Veilig Thuis. An account holds such a role only in that organisation (the user administration
 * refuses other combinations), and a control-room role counts only there (dispatch's audience.ts): the one
 * place this rule is written.
 */
export const ROLE_ORGANISATION: Readonly<Partial<Record<Role, Organisation>>> = Object.freeze({
  police_operator: 'police',
  vt_operator: 'veilig_thuis',
  vt_caseworker: 'veilig_thuis',
});

/** The roles of `roles` that do not belong in `organisation`. */
export function rolesOutsideOrganisation(roles: readonly Role[], organisation: Organisation): Role[] {
  return roles.filter((r) => ROLE_ORGANISATION[r] !== undefined && ROLE_ORGANISATION[r] !== organisation);
}

/** The roles of `roles` that see an alarm's location and dossier card, for a user of `organisation`. */
export function controlRoomRolesOf(roles: readonly Role[], organisation: Organisation): Role[] {
  return roles.filter((r) => ROLES_SEEING_ALARM_LOCATION.includes(r) && ROLE_ORGANISATION[r] === organisation);
}
