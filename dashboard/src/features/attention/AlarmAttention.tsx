import { useEffect, useMemo } from 'react';
import { navigate, usePath } from '../../app/router.js';
import { useT } from '../../i18n/i18n.js';
import { formatElapsed } from '../../i18n/format.js';
import { alarmStore } from '../../live/live.js';
import { useNow } from '../../stores/clock.js';
import { useStore } from '../../stores/use-store.js';
import { SoundBanner } from '../board/SoundBanner.js';
import { openByUrgency } from '../board/urgency.js';
import { useAlarmAttention } from './use-alarm-attention.js';

/**
 * The console-wide alarm signal, for control-room operators, on every page: while an alarm waits for
 * acknowledgement the sound repeats and the tab title blinks (as on the board, whose rules these are);
 * outside the board a bar says how many wait, how long the oldest has waited and whether one has
 * escalated, and one click on it, or Alt+A anywhere, opens the most urgent one.
 */
export function AlarmAttention() {
  const { t } = useT();
  const path = usePath();
  const { alarms } = useStore(alarmStore.store);
  const waiting = useMemo(() => openByUrgency(alarms.values()).filter((a) => a.state === 'new'), [alarms]);
  useAlarmAttention(waiting.length, t('app.title'), `🔴 ${t('board.unacknowledged', { n: waiting.length })}`);
  const first = waiting[0];

  useEffect(() => {
    if (!first) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        navigate(`/alarms/${first.id}`);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [first]);

  if (!first || path === '/' || path === `/alarms/${first.id}`) return null;
  return <AlarmBar count={waiting.length} oldestPressedAt={waiting.reduce((m, a) => Math.min(m, Date.parse(a.pressedAt)), Infinity)} escalated={waiting.some((a) => a.escalatedAt !== null)} onOpen={() => navigate(`/alarms/${first.id}`)} />;
}

function AlarmBar({ count, oldestPressedAt, escalated, onOpen }: { count: number; oldestPressedAt: number; escalated: boolean; onOpen: () => void }) {
  const { t } = useT();
  const now = useNow();
  return (
    <div className={`alarm-bar${escalated ? ' escalated' : ''}`} role="alert" aria-live="assertive">
      <span className="alarm-bar-text">
        <span className="alarm-dot" aria-hidden="true" />
        {t(count === 1 ? 'attention.waitingOne' : 'attention.waiting', { n: count, wait: formatElapsed(Math.max(0, now - oldestPressedAt)) })}
        {escalated && <strong> · {t('attention.escalated')}</strong>}
      </span>
      <button type="button" className="primary" onClick={onOpen}>
        {t('attention.open')}
      </button>
      <SoundBanner />
    </div>
  );
}
