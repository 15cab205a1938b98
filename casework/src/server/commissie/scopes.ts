import type { Principal } from '@aware/db';
import type { Organisation, Role } from '@aware/protocol';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';

/** The member organisations of the indicatiecommissie; each casts one vote per application. */
export const MEMBER_ORGANISATIONS: readonly Organisation[] = Object.freeze(['police', 'moviera', 'veilig_thuis']);

/**
 * What a caller may do in the commissie workflow, by role and organisation, and in which region
 * (`region` null: every region, for people who work nationally). Each scope names the role it was granted
 * by: that role is what the access log records.
 */
export interface Scope {
  readonly principal: Principal;
  readonly role: Role;
  readonly region: string | null;
}

function scope(p: Principal, role: Role, organisations: readonly Organisation[] | null, what: string): Scope {
  if (!p.roles.includes(role) || (organisations !== null && !organisations.includes(p.organisation))) {
    throw new DashboardError(DashboardErrorCode.FORBIDDEN, what);
  }
  return { principal: p, role, region: p.region };
}

/** Veilig Thuis case workers file applications and follow their clients up. */
export const caseWorker = (p: Principal): Scope => scope(p, 'vt_caseworker', ['veilig_thuis'], 'applications are filed by Veilig Thuis case workers');

/** Commissie members of a member organisation review applications and vote for it. */
export const commissieMember = (p: Principal): Scope => scope(p, 'commissie_member', MEMBER_ORGANISATIONS, 'for members of the indicatiecommissie');

/** Device administrators keep the stock of every region: they issue and take back pendants, never see a dossier. */
export const deviceAdmin = (p: Principal): Scope => ({ ...scope(p, 'device_admin', null, 'for device administrators'), region: null });

export const privacyOfficer = (p: Principal): Scope => scope(p, 'privacy_officer', null, 'for privacy officers');

/** The first of `scopes` the caller has; DSH_ERR_FORBIDDEN when none. */
export function anyScope(p: Principal, ...scopes: ((p: Principal) => Scope)[]): Scope {
  for (const s of scopes) {
    try {
      return s(p);
    } catch {
      /* next */
    }
  }
  throw new DashboardError(DashboardErrorCode.FORBIDDEN);
}

/** Whether `region` lies in the scope; a record of another region is answered as not found. */
export function inRegion(s: Scope, region: string): boolean {
  return s.region === null || s.region === region;
}
