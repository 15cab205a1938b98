import type { SessionUser } from '../contract/auth.js';
import { caseNav } from '@aware/casework/web';
import type { NavItem } from './nav-item.js';
import { administersUsers, seesAlarms, seesFleet, seesReports, seesTechnicalHistory } from './roles.js';

export type { NavItem } from './nav-item.js';

/** The pages this user's roles open, in menu order; the first is where they land. */
export function navFor(user: SessionUser): NavItem[] {
  const items: NavItem[] = [];
  if (seesAlarms(user)) items.push({ path: '/', label: 'nav.board' });
  if (seesFleet(user)) items.push({ path: '/fleet', label: 'nav.fleet' });
  if (seesTechnicalHistory(user)) items.push({ path: '/technical', label: 'nav.technical' });
  if (seesReports(user)) items.push({ path: '/reports', label: 'nav.reports' });
  if (administersUsers(user)) items.push({ path: '/users', label: 'nav.users' });
  items.push(...caseNav(user));
  return items;
}
