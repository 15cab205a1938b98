import type { TrailPoint } from '@aware/protocol';
import { formatCoordinates, formatTime } from '../../i18n/format.js';
import { useT } from '../../i18n/i18n.js';

/** The position as text (it works without a map): coordinates, accuracy, time of the fix. */
export function PositionText({ fix, labelled }: { fix: TrailPoint | null; labelled?: boolean }) {
  const { t, lang } = useT();
  if (!fix) return <span className="position muted">{t('alarm.noPosition')}</span>;
  return (
    <span className="position">
      {labelled && <span className="muted">{t('alarm.positionLabel')} </span>}
      <span className="coords">{formatCoordinates(fix.lat, fix.lon)}</span> {t('alarm.accuracy', { n: Math.round(fix.acc) })}{' '}
      {t('alarm.fixAt', { time: formatTime(lang, fix.at) })}
    </span>
  );
}
