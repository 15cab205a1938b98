import { type SessionUser } from '@aware/dashboard/kit';

/**
 * Which commissie, pendant and privacy pages the user's roles open. The server decides (every route
 * checks role, organisation and region: server/commissie/scopes.ts); these only choose what to offer.
 */
export const filesApplications = (u: SessionUser): boolean => u.roles.includes('vt_caseworker') && u.organisation === 'veilig_thuis';
export const reviewsApplications = (u: SessionUser): boolean => u.roles.includes('commissie_member');
export const issuesPendants = (u: SessionUser): boolean => u.roles.includes('device_admin');
export const handlesPrivacy = (u: SessionUser): boolean => u.roles.includes('privacy_officer');
export const seesCalendar = (u: SessionUser): boolean => filesApplications(u) || issuesPendants(u);
