import { logout } from '../api/session-api.js';
import { AlarmAttention } from '../features/attention/AlarmAttention.js';
import { TechnicalAttention } from '../features/technical/TechnicalAttention.js';
import type { SessionView } from '../contract/auth.js';
import { dynamicKey, useT } from '../i18n/i18n.js';
import { LiveConnection } from '../live/LiveConnection.js';
import { ConnectionBanner, ConnectionIndicator } from './ConnectionIndicator.js';
import { ExpiryWarning } from './ExpiryWarning.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Link } from './Link.js';
import { navFor } from './pages.js';
import { handlesTechnical, seesAlarms, watchesLive } from './roles.js';
import { usePath } from './router.js';
import { Routes } from './Routes.js';
import { useSessionKeepalive } from './use-session-keepalive.js';

/** The signed-in console: header (pages, live connection, language, user, sign out), banners, the page. */
export function Shell({ session }: { session: SessionView }) {
  const { t } = useT();
  const path = usePath();
  const user = session.user;
  useSessionKeepalive();
  const nav = navFor(user);
  // '/' shows the user's first page; an alarm belongs to the board
  const active = path === '/' ? nav[0]?.path : path.startsWith('/alarms/') ? '/' : path;
  const current = (p: string) => p === active || (p !== '/' && active?.startsWith(`${p}/`) === true);
  return (
    <div className="shell">
      {watchesLive(user) && <LiveConnection userId={user.id} />}
      <header className="topbar">
        <span className="brand">AWARE</span>
        <nav>
          {nav.map((n) => (
            <Link key={n.path} to={n.path} className={current(n.path) ? 'active' : ''}>
              {t(n.label)}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <ConnectionIndicator />
        <Link to="/account" className={`user${current('/account') ? ' active' : ''}`} title={`${t('account.title')}: ${user.roles.map((r) => t(dynamicKey('role', r))).join(', ')}`}>
          {user.displayName} · {t(dynamicKey('org', user.organisation))}
          {user.region && <span className="region"> · {user.region}</span>}
        </Link>
        <LanguageSwitch />
        <button type="button" className="link" onClick={() => void logout()}>
          {t('nav.logout')}
        </button>
      </header>
      <ConnectionBanner />
      {seesAlarms(user) && <AlarmAttention />}
      {handlesTechnical(user) && <TechnicalAttention />}
      <ExpiryWarning session={session} />
      <main className="content">
        <Routes user={user} />
      </main>
    </div>
  );
}
