import { technicalWaiting } from '@aware/protocol';
import { useEffect, useMemo } from 'react';
import { navigate, usePath } from '../../app/router.js';
import { formatElapsed } from '../../i18n/format.js';
import { useT } from '../../i18n/i18n.js';
import { alarmStore, technicalStore } from '../../live/live.js';
import { useNow } from '../../stores/clock.js';
import { useStore } from '../../stores/use-store.js';
import { chime } from '../board/alarm-sound.js';

const CHIME_EVERY_MS = 30_000;

/**
 * The technical alarms' own, quieter signal, for Veilig Thuis operators on every page: while one waits
 * for someone to take it, a soft chime every 30 s and a steady (not blinking) mark in the tab title;
 * outside the board an amber bar with the count and the oldest wait. An alarm that waits silences it:
 * its sound and blinking title come first (AlarmAttention). `data-technical-signal` on <body> says which.
 */
export function TechnicalAttention() {
  const { t } = useT();
  const path = usePath();
  const technical = useStore(technicalStore.store);
  const { alarms } = useStore(alarmStore.store);
  const waiting = useMemo(() => [...technical.values()].filter(technicalWaiting), [technical]);
  const alarmSounding = useMemo(() => [...alarms.values()].some((a) => a.state === 'new'), [alarms]);
  const signalling = waiting.length > 0 && !alarmSounding;
  const title = t('app.title');
  const marked = `${t('technical.titleBlink', { n: waiting.length })} — ${title}`;

  useEffect(() => {
    document.body.dataset['technicalSignal'] = String(signalling);
    if (!signalling) return;
    document.title = marked;
    chime();
    const timer = setInterval(chime, CHIME_EVERY_MS);
    return () => {
      clearInterval(timer);
      document.title = title;
    };
  }, [signalling, marked, title]);

  if (waiting.length === 0 || path === '/') return null;
  const oldest = waiting.reduce((m, x) => Math.min(m, Date.parse(x.openedAt)), Infinity);
  return <TechnicalBar count={waiting.length} oldest={oldest} />;
}

function TechnicalBar({ count, oldest }: { count: number; oldest: number }) {
  const { t } = useT();
  const now = useNow();
  const wait = formatElapsed(Math.max(0, now - oldest));
  return (
    <div className="technical-bar" role="status">
      <span>{count === 1 ? t('technical.barOne', { wait }) : t('technical.bar', { n: count, wait })}</span>
      <button type="button" onClick={() => navigate('/')}>
        {t('technical.barOpen')}
      </button>
    </div>
  );
}
