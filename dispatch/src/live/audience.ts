import { controlRoomRolesOf, type Organisation, type Role } from '@aware/protocol';
import type { Principal } from '../auth/principal.js';

/**
 * Who may see what on the live feed and the alarm routes (need-to-know):
 * - alarms (with location, trail and dossier card): control-room roles (`ROLES_SEEING_ALARM_LOCATION`), each
 *   only within its own organisation (a police operator of the police, a VT operator of Veilig Thuis), and
 *   only for alarms of their region. A user without a region works nationally. An alarm without a region
 *   (pendant unassigned and not registered to a region) goes to every control room: a press is never
 *   left unseen.
 * - technical alarms (silent pendant, low battery): Veilig Thuis operators of the region and device
 *   administrators; never the police board.
 */
export type Audience =
  | { readonly kind: 'alarm'; readonly region: string | null; readonly policeHidden?: boolean }
  | { readonly kind: 'technical'; readonly region: string | null };

/**
 * The audience of an alarm: its region; a test alarm (flags.test) is not for the police unless
 * DISPATCH_TEST_ALARMS_TO_POLICE (a test proves Veilig Thuis' chain; the police board shows emergencies).
 */
export function alarmAudience(alarm: { readonly region: string | null; readonly flags: { readonly test?: boolean } }, testsToPolice: boolean): Audience {
  return { kind: 'alarm', region: alarm.region, policeHidden: alarm.flags.test === true && !testsToPolice };
}

const TECHNICAL_ROLES: Readonly<Partial<Record<Role, Organisation | null>>> = Object.freeze({
  vt_operator: 'veilig_thuis',
  device_admin: null,
});

/** Control-room roles this principal holds in the organisation that role belongs to. */
export function controlRoomRoles(p: Principal): Role[] {
  return controlRoomRolesOf(p.roles, p.organisation);
}

export function seesAlarms(p: Principal): boolean {
  return controlRoomRoles(p).length > 0;
}

export function seesTechnical(p: Principal): boolean {
  return p.roles.some((r) => r in TECHNICAL_ROLES && (TECHNICAL_ROLES[r] === null || TECHNICAL_ROLES[r] === p.organisation));
}

/** May this principal open the live feed at all. */
export function mayWatchLive(p: Principal): boolean {
  return seesAlarms(p) || seesTechnical(p);
}

function regionMatches(p: Principal, region: string | null): boolean {
  return p.region === null || region === null || p.region === region;
}

export function sees(p: Principal, audience: Audience): boolean {
  if (audience.kind === 'alarm') {
    if (audience.policeHidden && !controlRoomRoles(p).includes('vt_operator')) return false;
    return seesAlarms(p) && regionMatches(p, audience.region);
  }
  const technicalRegionFree = p.roles.includes('device_admin');
  return seesTechnical(p) && (technicalRegionFree || regionMatches(p, audience.region));
}

/**
 * Whether `p` may take or resolve a technical alarm of `region`, or read whom to call about it: Veilig
 * Thuis operators of the region. Device administrators see technical alarms but do not handle them.
 */
export function mayHandleTechnical(p: Principal, region: string | null): boolean {
  return controlRoomRoles(p).includes('vt_operator') && regionMatches(p, region);
}

/** Whether `p` may take `action` on an alarm of `region`: its control-room roles, in its region. */
export function mayAct(p: Principal, action: 'acknowledge' | 'dispatch' | 'resolve', region: string | null): boolean {
  const roles = controlRoomRoles(p);
  const allowed = action === 'dispatch' ? roles.includes('police_operator') : roles.length > 0;
  return allowed && regionMatches(p, region);
}
