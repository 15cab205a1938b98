import type { AlarmView } from '@aware/protocol';
import { useMemo } from 'react';
import { regionName, useRegionNames } from '../../app/region-names.js';
import { handlesTechnical } from '../../app/roles.js';
import { navigate } from '../../app/router.js';
import { sessionStore } from '../../app/session-store.js';
import { useT } from '../../i18n/i18n.js';
import { connectionStore } from '../../live/connection-store.js';
import { alarmStore } from '../../live/live.js';
import { MapView } from '../../map/core/MapView.js';
import { AlarmMarkersLayer } from '../../map/layers/AlarmMarkersLayer.js';
import { useStore } from '../../stores/use-store.js';
import { TechnicalSection } from '../technical/TechnicalSection.js';
import { AlarmCard } from './AlarmCard.js';
import { countByRegion, groupByRegion, shouldGroup, type RegionCount } from './region-groups.js';
import { SoundBanner } from './SoundBanner.js';
import { openByUrgency } from './urgency.js';

/** Cards rendered at most (the most urgent); the map shows every alarm. */
const MAX_CARDS = 200;

/**
 * The live alarm board: open alarms, most urgent first, each with its running timer and actions, beside a
 * map of all of them. A new alarm appears by itself (live feed) and flashes; the console sounds until it is
 * acknowledged, on whatever page (features/attention/AlarmAttention.tsx). In a mass event (many alarms in
 * more than one region) the cards are grouped by region, each group headed by its counts, and compact (who,
how long, the actions; address and position on the map and the detail page). Veilig Thuis
 * operators find their technical alarms below.
 */
export function BoardPage() {
  const { t } = useT();
  const { alarms } = useStore(alarmStore.store);
  const connection = useStore(connectionStore);
  const session = useStore(sessionStore);
  const technical = session.status === 'signed_in' && handlesTechnical(session.session.user);
  const open = useMemo(() => openByUrgency(alarms.values()), [alarms]);
  // the sound and the blinking title run in the shell (features/attention), on every page
  const unacknowledged = open.filter((a) => a.state === 'new').length;
  const shown = open.length > MAX_CARDS ? open.slice(0, MAX_CARDS) : open;
  const grouped = shouldGroup(open);

  return (
    <div className={`board ${connection.state === 'down' ? 'stale' : ''}`} data-sounding={unacknowledged > 0}>
      <section className={`board-list${grouped ? ' compact' : ''}`} aria-label={t('board.title')}>
        <header className="board-head">
          <h1>{t('board.title')}</h1>
          <span className="count">{t('board.count', { n: open.length })}</span>
          {unacknowledged > 0 && <span className="count alert">{t('board.unacknowledged', { n: unacknowledged })}</span>}
        </header>
        <SoundBanner />
        {open.length === 0 ? (
          <p className="empty">{connection.state === 'live' ? t('board.empty') : connection.state === 'down' ? t('board.stale') : t('app.loading')}</p>
        ) : grouped ? (
          <GroupedCards shown={shown} open={open} />
        ) : (
          <Cards alarms={shown} />
        )}
        {open.length > MAX_CARDS && <p className="muted">{t('board.more', { n: open.length - MAX_CARDS })}</p>}
        {technical && <TechnicalSection />}
      </section>
      <MapView className="board-map" label={t('board.mapTitle')}>
        <AlarmMarkersLayer alarms={alarmStore} onSelect={(id) => navigate(`/alarms/${id}`)} />
      </MapView>
    </div>
  );
}

function Cards({ alarms }: { alarms: readonly AlarmView[] }) {
  return (
    <ol className="alarm-list">
      {alarms.map((a) => (
        <AlarmCard key={a.id} alarm={a} />
      ))}
    </ol>
  );
}

function GroupedCards({ shown, open }: { shown: readonly AlarmView[]; open: readonly AlarmView[] }) {
  const groups = useMemo(() => groupByRegion(shown), [shown]);
  const counts = useMemo(() => countByRegion(open), [open]);
  return (
    <div className="region-groups">
      {groups.map((g) => (
        <section key={g.region ?? '—'} className="region-group" data-region={g.region ?? ''}>
          <RegionHead region={g.region} count={counts.get(g.region) ?? { open: g.alarms.length, waiting: 0 }} />
          <Cards alarms={g.alarms} />
        </section>
      ))}
    </div>
  );
}

function RegionHead({ region, count }: { region: string | null; count: RegionCount }) {
  const { t } = useT();
  const names = useRegionNames();
  return (
    <h2 className="region-head">
      {region === null ? t('board.noRegion') : regionName(names, region)}
      <span className="count">{t('board.count', { n: count.open })}</span>
      {count.waiting > 0 && <span className="count alert">{t('board.unacknowledged', { n: count.waiting })}</span>}
    </h2>
  );
}
