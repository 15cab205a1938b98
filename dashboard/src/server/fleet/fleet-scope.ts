import type { Principal } from '@aware/db';
import { DashboardError, DashboardErrorCode } from '../errors.js';

/**
 * Who sees fleet health, and of which pendants: device administrators all of them (they keep the stock
 * of every region, like dispatch's technical audience); Veilig Thuis operators and case workers those of
 * their region (all regions when they work nationally). Nobody sees a location here.
 * Returns the region to filter on (null: all); DSH_ERR_FORBIDDEN for anyone else.
 */
export function fleetScope(p: Principal): { region: string | null } {
  if (p.roles.includes('device_admin')) return { region: null };
  const veiligThuis = p.organisation === 'veilig_thuis' && p.roles.some((r) => r === 'vt_operator' || r === 'vt_caseworker');
  if (veiligThuis) return { region: p.region };
  throw new DashboardError(DashboardErrorCode.FORBIDDEN, 'fleet health is for device administrators and Veilig Thuis');
}
