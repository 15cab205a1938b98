import { reportActivity } from '../api/session-api.js';
import type { SessionView } from '../contract/auth.js';
import { formatTime } from '../i18n/format.js';
import { useT } from '../i18n/i18n.js';
import { useNow } from '../stores/clock.js';

const WARN_MS = 2 * 60_000;

/** Two minutes before the idle timeout ends the session: a warning with a button to stay. */
export function ExpiryWarning({ session }: { session: SessionView }) {
  const { t, lang } = useT();
  const now = useNow();
  const ends = Date.parse(session.expiresAt);
  if (ends - now > WARN_MS) return null;
  return (
    <div className="banner warn" role="alert">
      {t('session.expiring', { time: formatTime(lang, ends) })}{' '}
      <button type="button" onClick={() => void reportActivity().catch(() => undefined)}>
        {t('session.stay')}
      </button>
    </div>
  );
}
