import type { SessionUser } from '../contract/auth.js';

/**
 * What the signed-in user's roles open in the console. The server decides (every route checks); these
 * only choose which pages and buttons to offer, with the same rules (dispatch's live/audience.ts,
 * server/fleet/fleet-scope.ts).
 */
export function seesAlarms(u: SessionUser): boolean {
  return (u.roles.includes('police_operator') && u.organisation === 'police') || (u.roles.includes('vt_operator') && u.organisation === 'veilig_thuis');
}

export function maySendUnit(u: SessionUser): boolean {
  return u.roles.includes('police_operator') && u.organisation === 'police';
}

export function seesFleet(u: SessionUser): boolean {
  return u.roles.includes('device_admin') || (u.organisation === 'veilig_thuis' && u.roles.some((r) => r === 'vt_operator' || r === 'vt_caseworker'));
}

/** Takes and resolves technical alarms (silent pendant, low battery) on the board: Veilig Thuis operators. */
export function handlesTechnical(u: SessionUser): boolean {
  return u.roles.includes('vt_operator') && u.organisation === 'veilig_thuis';
}

/** The technical alarm history: Veilig Thuis operators and device administrators (dispatch's seesTechnical). */
export function seesTechnicalHistory(u: SessionUser): boolean {
  return handlesTechnical(u) || u.roles.includes('device_admin');
}

/** May open the live feed: alarms, or technical alarms (Veilig Thuis operators, device administrators). */
export function watchesLive(u: SessionUser): boolean {
  return seesAlarms(u) || u.roles.includes('device_admin') || (u.roles.includes('vt_operator') && u.organisation === 'veilig_thuis');
}

/** Answer times: control rooms (their region) and administrators (all), as dispatch's report route. */
export function seesReports(u: SessionUser): boolean {
  return seesAlarms(u) || u.roles.includes('admin');
}

export function administersUsers(u: SessionUser): boolean {
  return u.roles.includes('admin');
}
