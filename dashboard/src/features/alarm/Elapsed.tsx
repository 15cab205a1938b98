import { formatElapsed } from '../../i18n/format.js';
import { useT } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/nl.js';
import { useNow } from '../../stores/clock.js';

/** A running timer (m:ss, h:mm:ss), ticking every second, captioned "since the press" unless told otherwise. */
export function Elapsed({ since, caption = 'alarm.sincePress' }: { since: string; caption?: MessageKey }) {
  const { t } = useT();
  const now = useNow();
  return (
    <span className="elapsed-box">
      <span className="elapsed" role="timer">
        {formatElapsed(now - Date.parse(since))}
      </span>
      <span className="elapsed-caption">{t(caption)}</span>
    </span>
  );
}
