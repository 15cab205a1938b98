import { formatTime } from '../i18n/format.js';
import { useT } from '../i18n/i18n.js';
import { connectionStore } from '../live/connection-store.js';
import { useStore } from '../stores/use-store.js';

/**
 * The live feed's state, always in the header: green "Live", amber while first connecting, red "NO
 * CONNECTION" the moment it drops (with a banner across the page saying alarms are not coming in).
 */
export function ConnectionIndicator() {
  const { t } = useT();
  const c = useStore(connectionStore);
  if (c.state === 'off') return null;
  const text = c.state === 'live' ? t('conn.live') : c.state === 'connecting' ? t('conn.connecting') : t('conn.down');
  return (
    <span className={`conn conn-${c.state}`} role="status" aria-live="assertive" data-connection={c.state}>
      <span className="conn-dot" aria-hidden /> {text}
    </span>
  );
}

export function ConnectionBanner() {
  const { t, lang } = useT();
  const c = useStore(connectionStore);
  if (c.state !== 'down') return null;
  return (
    <div className="banner down" role="alert">
      {t('conn.downSince', { time: formatTime(lang, c.since) })}
    </div>
  );
}
