import { technicalWaiting } from '@aware/protocol';
import { useMemo } from 'react';
import { Link } from '../../app/Link.js';
import { useT } from '../../i18n/i18n.js';
import { technicalStore } from '../../live/live.js';
import { useStore } from '../../stores/use-store.js';
import { TechnicalCard } from './TechnicalCard.js';
import { byTechnicalUrgency } from './technical-order.js';

/**
 * The Veilig Thuis board's technical alarms (silent pendant, low battery), below the alarms: amber, not
 * red; a quiet chime instead of the alarm sound (TechnicalAttention); taken and resolved here.
 */
export function TechnicalSection() {
  const { t } = useT();
  const technical = useStore(technicalStore.store);
  const list = useMemo(() => byTechnicalUrgency(technical.values()), [technical]);
  const waiting = list.filter(technicalWaiting).length;
  return (
    <section className="technical-board" aria-label={t('technical.title')}>
      <header className="board-head">
        <h2>{t('technical.title')}</h2>
        <span className="count">{list.length}</span>
        {waiting > 0 && <span className="count warn">{t('technical.waitingCount', { n: waiting })}</span>}
        <span className="spacer" />
        <Link to="/technical">{t('technical.historyLink')}</Link>
      </header>
      {list.length === 0 ? (
        <p className="muted">{t('technical.empty')}</p>
      ) : (
        <ol className="technical-list">
          {list.map((x) => (
            <TechnicalCard key={x.id} technical={x} />
          ))}
        </ol>
      )}
    </section>
  );
}
