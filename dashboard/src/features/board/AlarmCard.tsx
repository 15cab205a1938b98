import type { AlarmView } from '@aware/protocol';
import { memo } from 'react';
import { Link } from '../../app/Link.js';
import { formatTime } from '../../i18n/format.js';
import { useT } from '../../i18n/i18n.js';
import { AlarmActions } from '../alarm/actions/AlarmActions.js';
import { AlarmBadges } from '../alarm/AlarmBadges.js';
import { alarmLabel } from '../alarm/alarm-label.js';
import { Elapsed } from '../alarm/Elapsed.js';
import { PositionText } from '../alarm/PositionText.js';

/** One alarm on the board: who, how long ago, where, and the actions. Flashes while nobody acknowledged it. */
export const AlarmCard = memo(function AlarmCard({ alarm }: { alarm: AlarmView }) {
  const { t, lang } = useT();
  const label = alarmLabel(alarm);
  const classes = ['alarm-card', `state-${alarm.state}`, alarm.escalatedAt ? 'escalated' : '', alarm.state === 'new' ? 'flash' : '', alarm.flags.test ? 'test' : ''].join(' ');
  return (
    <li className={classes} data-alarm-id={alarm.id} data-state={alarm.state}>
      <div className="alarm-card-head">
        <AlarmBadges alarm={alarm} />
        <Elapsed since={alarm.pressedAt} />
      </div>
      <div className="alarm-card-who">
        <Link to={`/alarms/${alarm.id}`} className="alarm-title">
          {label}
        </Link>
        {alarm.dossier && <span className="muted"> · {t('alarm.device', { id: alarm.deviceId })}</span>}
      </div>
      {alarm.dossier?.address && <div className="alarm-card-address">{alarm.dossier.address}</div>}
      <div className="alarm-card-where">
        <PositionText fix={alarm.lastFix} labelled />
      </div>
      <div className="alarm-card-meta muted">
        {t('alarm.pressedAt', { time: formatTime(lang, alarm.pressedAt) })}
        {alarm.pressCount > 1 && <> · {t('alarm.pressCount', { n: alarm.pressCount })}</>}
        {alarm.battery !== null && <> · {t('alarm.battery', { n: alarm.battery })}</>}
        {alarm.acknowledgedBy && <> · {t('alarm.acknowledgedBy', { name: alarm.acknowledgedBy })}</>}
        {alarm.dispatchUnit && <> · {t('alarm.unit', { unit: alarm.dispatchUnit })}</>}
      </div>
      <div className="alarm-card-foot">
        <AlarmActions alarm={alarm} label={label} />
        <Link to={`/alarms/${alarm.id}`} className="open-link">
          {t('alarm.open')} →
        </Link>
      </div>
    </li>
  );
});
