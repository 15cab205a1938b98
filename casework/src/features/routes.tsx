import type { ReactNode } from 'react';
import { AccessLogPage } from './audit/AccessLogPage.js';
import { ReviewPage } from './decisions/ReviewPage.js';
import { CalendarPage } from './devices/CalendarPage.js';
import { DevicesPage } from './devices/DevicesPage.js';
import { PrivacyPage } from './privacy/PrivacyPage.js';
import { PrivacyRequestPage } from './privacy/PrivacyRequestPage.js';
import { ApplicationPage } from './applications/ApplicationPage.js';
import { ApplicationsPage } from './applications/ApplicationsPage.js';
import { filesApplications, handlesPrivacy, issuesPendants, reviewsApplications, seesCalendar } from '../shared/case-roles.js';
import { NewApplicationPage } from './applications/NewApplicationPage.js';
import { match, type NavItem, type SessionUser } from '@aware/dashboard/kit';

/** Menu entries of the casework pages this user's roles open (the console adds them to its menu: app/pages.ts). */
export function caseNav(u: SessionUser): NavItem[] {
  const items: NavItem[] = [];
  if (filesApplications(u)) items.push({ path: '/applications', label: 'nav.applications' });
  if (reviewsApplications(u)) items.push({ path: '/review', label: 'nav.review' });
  if (issuesPendants(u)) items.push({ path: '/devices', label: 'nav.devices' });
  if (seesCalendar(u)) items.push({ path: '/calendar', label: 'nav.calendar' });
  if (handlesPrivacy(u)) items.push({ path: '/privacy', label: 'nav.privacy' }, { path: '/audit', label: 'nav.audit' });
  return items;
}

/** The page of `path` among these, if the user's roles open it; null otherwise. */
export function casePage(path: string, u: SessionUser): ReactNode | null {
  if (path === '/applications/new' && filesApplications(u)) return <NewApplicationPage user={u} />;
  const application = match('/applications/:id', path);
  if (application && (filesApplications(u) || reviewsApplications(u))) return <ApplicationPage id={application['id']!} user={u} key={application['id']} />;
  if (path === '/applications' && filesApplications(u)) return <ApplicationsPage />;
  if (path === '/review' && reviewsApplications(u)) return <ReviewPage />;
  if (path === '/devices' && issuesPendants(u)) return <DevicesPage />;
  if (path === '/calendar' && seesCalendar(u)) return <CalendarPage user={u} />;
  const request = match('/privacy/requests/:id', path);
  if (request && handlesPrivacy(u)) return <PrivacyRequestPage id={request['id']!} key={request['id']} />;
  if (path === '/privacy' && handlesPrivacy(u)) return <PrivacyPage />;
  if (path === '/audit' && handlesPrivacy(u)) return <AccessLogPage />;
  return null;
}
