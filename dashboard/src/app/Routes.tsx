import type { SessionUser } from '../contract/auth.js';
import { AccountPage } from '../features/account/AccountPage.js';
import { AlarmDetailPage } from '../features/alarm/AlarmDetailPage.js';
import { AnswerTimesPage } from '../features/reports/AnswerTimesPage.js';
import { casePage } from '@aware/casework/web';
import { BoardPage } from '../features/board/BoardPage.js';
import { FleetPage } from '../features/fleet/FleetPage.js';
import { TechnicalHistoryPage } from '../features/technical/TechnicalHistoryPage.js';
import { UsersPage } from '../features/users/UsersPage.js';
import { useT } from '../i18n/i18n.js';
import { navFor } from './pages.js';
import { administersUsers, seesAlarms, seesFleet, seesReports, seesTechnicalHistory } from './roles.js';
import { match, usePath } from './router.js';

/** The page of the current path, if the user's roles open it; else their first page. */
export function Routes({ user }: { user: SessionUser }) {
  const { t } = useT();
  const path = usePath();
  const alarm = match('/alarms/:id', path);
  if (alarm && seesAlarms(user)) return <AlarmDetailPage id={alarm['id']!} key={alarm['id']} />;
  if (path === '/account') return <AccountPage />;
  if (path === '/fleet' && seesFleet(user)) return <FleetPage />;
  if (path === '/users' && administersUsers(user)) return <UsersPage />;
  if (path === '/technical' && seesTechnicalHistory(user)) return <TechnicalHistoryPage />;
  if (path === '/reports' && seesReports(user)) return <AnswerTimesPage />;
  const own = casePage(path, user);
  if (own) return own;
  const first = navFor(user)[0]?.path;
  if (first === '/') return <BoardPage />;
  if (first === '/fleet') return <FleetPage />;
  if (first === '/users') return <UsersPage />;
  const firstOwn = first ? casePage(first, user) : null;
  if (firstOwn) return firstOwn;
  return <p className="page muted">{t('nav.nothing')}</p>;
}
