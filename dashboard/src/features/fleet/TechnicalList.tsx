import type { TechnicalList as Technical } from '../../contract/fleet.js';
import { formatDateTime } from '../../i18n/format.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { regionName, useRegionNames } from '../../app/region-names.js';

/** Open technical alarms (silent pendant, low battery): their own list, apart from the pendants. */
export function TechnicalList({ technical }: { technical: Technical['technical'] }) {
  const { t, lang } = useT();
  const regions = useRegionNames();
  return (
    <section className="card technical">
      <h2>{t('fleet.technical')}</h2>
      {technical.length === 0 ? (
        <p className="muted">{t('fleet.technicalEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('fleet.col.kind')}</th>
              <th>{t('fleet.col.id')}</th>
              <th>{t('fleet.col.region')}</th>
              <th>{t('fleet.col.since')}</th>
            </tr>
          </thead>
          <tbody>
            {technical.map((x) => (
              <tr key={x.id} className={`technical-${x.kind}`}>
                <td>{t(dynamicKey('technical', x.kind))}</td>
                <td className="mono">{x.deviceId}</td>
                <td>{regionName(regions, x.region)}</td>
                <td>{formatDateTime(lang, x.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
