import { useState } from 'react';
import { PendantHealth } from '../../contract/fleet.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { PendantTable } from './PendantTable.js';
import { SummaryTiles } from './SummaryTiles.js';
import { TechnicalList } from './TechnicalList.js';
import { useFleet } from './use-fleet.js';

/** Fleet health for device administrators and Veilig Thuis: counts, technical alarms, every pendant. Never a location. */
export function FleetPage() {
  const { t } = useT();
  const [includeTest, setIncludeTest] = useState(false);
  const [health, setHealth] = useState<PendantHealth | null>(null);
  const fleet = useFleet(includeTest, health);
  return (
    <div className="page fleet">
      <header className="page-head">
        <h1>{t('fleet.title')}</h1>
        <span className="muted">{t('fleet.noLocation')}</span>
        <label className="inline">
          <input type="checkbox" checked={includeTest} onChange={(e) => setIncludeTest(e.target.checked)} /> {t('fleet.includeTest')}
        </label>
      </header>
      {fleet.error && <p className="error">{t('error.generic', { message: fleet.error })}</p>}
      {fleet.summary && <SummaryTiles summary={fleet.summary} />}
      {fleet.technical && <TechnicalList technical={fleet.technical.technical} />}
      <section className="card">
        <h2>{t('fleet.pendants')}</h2>
        <label className="inline">
          {t('fleet.filter')}{' '}
          <select value={health ?? ''} onChange={(e) => setHealth(e.target.value ? PendantHealth.parse(e.target.value) : null)}>
            <option value="">{t('fleet.filterAll')}</option>
            {PendantHealth.options.map((h) => (
              <option key={h} value={h}>
                {t(dynamicKey('fleet.health', h))}
              </option>
            ))}
          </select>
        </label>
        {fleet.pendants && <PendantTable list={fleet.pendants} />}
      </section>
    </div>
  );
}
