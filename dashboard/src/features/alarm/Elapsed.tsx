import { formatElapsed } from '../../i18n/format.js';
import { useT } from '../../i18n/i18n.js';
import { useNow } from '../../stores/clock.js';

/** A running timer since the press (m:ss, h:mm:ss), ticking every second, captioned "since the press". */
export function Elapsed({ since }: { since: string }) {
  const { t } = useT();
  const now = useNow();
  return (
    <span className="elapsed-box">
      <span className="elapsed" role="timer">
        {formatElapsed(now - Date.parse(since))}
      </span>
      <span className="elapsed-caption">{t('alarm.sincePress')}</span>
    </span>
  );
}
