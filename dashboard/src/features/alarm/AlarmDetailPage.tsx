import { useMemo, useState } from 'react';
import { Link } from '../../app/Link.js';
import { useT } from '../../i18n/i18n.js';
import { alarmStore } from '../../live/live.js';
import { MapView } from '../../map/core/MapView.js';
import { PositionLayer } from '../../map/layers/PositionLayer.js';
import { TrailLayer } from '../../map/layers/TrailLayer.js';
import { useStore } from '../../stores/use-store.js';
import { AlarmActions } from './actions/AlarmActions.js';
import { AlarmBadges } from './AlarmBadges.js';
import { alarmLabel } from './alarm-label.js';
import { DossierCardView } from './DossierCardView.js';
import { Elapsed } from './Elapsed.js';
import { EventHistory } from './EventHistory.js';
import { mergeTrail } from './merge-trail.js';
import { PositionText } from './PositionText.js';
import { useAlarmDetail } from './use-alarm-detail.js';

/**
 * One alarm: the map with the current position, its accuracy and the live trail; the position as text
 * (works without map tiles); the dossier card; the history; the actions. Live updates come from the
 * store the socket controller fills; the history is fetched again when the alarm changes.
 */
export function AlarmDetailPage({ id }: { id: string }) {
  const { t } = useT();
  const detail = useAlarmDetail(id);
  const { alarms, trails } = useStore(alarmStore.store);
  const [follow, setFollow] = useState(true);
  const live = alarms.get(id);
  const fetched = detail.status === 'ready' ? detail.detail : null;
  const alarm = live ?? fetched?.alarm ?? null;
  const liveTrail = trails.get(id);
  const trail = useMemo(() => mergeTrail(fetched?.trail ?? [], liveTrail ?? []), [fetched, liveTrail]);

  if (!alarm) {
    return (
      <div className="page">
        <Link to="/">{t('alarm.back')}</Link>
        <p className={detail.status === 'loading' ? 'muted' : 'error'}>
          {detail.status === 'loading' ? t('app.loading') : detail.status === 'failed' ? t('error.generic', { message: detail.message }) : t('alarm.notFound')}
        </p>
      </div>
    );
  }
  const label = alarmLabel(alarm);
  const resolved = alarm.state === 'resolved';
  const fix = resolved ? null : alarm.lastFix;
  return (
    <div className="alarm-detail">
      <section className="alarm-detail-side">
        <Link to="/">{t('alarm.back')}</Link>
        <header className={`alarm-detail-head state-${alarm.state} ${alarm.escalatedAt ? 'escalated' : ''} ${alarm.flags.test ? 'test' : ''}`}>
          <h1>{label}</h1>
          <div>
            <AlarmBadges alarm={alarm} /> {!resolved && <Elapsed since={alarm.pressedAt} />}
          </div>
          <div className="muted">
            {t('alarm.device', { id: alarm.deviceId })}
            {alarm.region && <span className="region"> · {t('alarm.region', { region: alarm.region })}</span>}
            {alarm.dispatchUnit && <> · {t('alarm.unit', { unit: alarm.dispatchUnit })}</>}
          </div>
          <AlarmActions alarm={alarm} label={label} />
        </header>
        {resolved ? (
          <p className="banner info">{t('alarm.resolvedNoLocation')}</p>
        ) : (
          <>
            <div className="card">
              <h2>{t('alarm.position')}</h2>
              <PositionText fix={fix} />
              <div className="muted">{t('map.trail', { n: trail.length })}</div>
            </div>
            <DossierCardView dossier={alarm.dossier} />
          </>
        )}
        <EventHistory events={fetched?.events ?? []} />
      </section>
      <div className="alarm-detail-map">
        {!resolved && (
          <label className="follow inline">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> {t('map.follow')}
          </label>
        )}
        <MapView label={t('alarm.position')}>
          <TrailLayer points={resolved ? [] : trail} />
          <PositionLayer fix={fix} follow={follow} />
        </MapView>
      </div>
    </div>
  );
}
