import { z } from 'zod';

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
