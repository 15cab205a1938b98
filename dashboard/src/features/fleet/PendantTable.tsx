import type { PendantList } from '../../contract/fleet.js';
import { formatDateTime, formatLastDay } from '../../i18n/format.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { regionName, useRegionNames } from '../../app/region-names.js';

/** Every pendant with its health, battery, last contact, firmware and assignment period. No location. */
export function PendantTable({ list }: { list: PendantList }) {
  const { t, lang } = useT();
  const regions = useRegionNames();
  return (
    <>
      <p className="muted">{t('fleet.shown', { shown: list.pendants.length, total: list.total })}</p>
      <table className="pendants">
        <thead>
          <tr>
            <th>{t('fleet.col.id')}</th>
            <th>{t('fleet.col.health')}</th>
            <th>{t('fleet.col.battery')}</th>
            <th>{t('fleet.col.lastSeen')}</th>
            <th>{t('fleet.col.firmware')}</th>
            <th>{t('fleet.col.assignment')}</th>
            <th>{t('fleet.col.region')}</th>
          </tr>
        </thead>
        <tbody>
          {list.pendants.map((p) => (
            <tr key={p.id} className={`health-${p.health}`}>
              <td className="mono">
                {p.id} {p.isTest && <span className="badge flag">{t('fleet.test')}</span>}
              </td>
              <td>
                <span className={`dot ${p.health}`} aria-hidden /> {t(dynamicKey('fleet.health', p.health))}
                {p.technical.map((k) => (
                  <span key={k} className="badge flag">
                    {t(dynamicKey('technical', k))}
                  </span>
                ))}
              </td>
              <td>
                {p.battery === null ? '—' : `${p.battery}%`} {p.charging && <span className="muted">({t('fleet.charging')})</span>}
              </td>
              <td>{p.lastSeenAt ? formatDateTime(lang, p.lastSeenAt) : '—'}</td>
              <td className="mono">{p.firmware ?? '—'}</td>
              <td>{p.assignment ? (p.assignment.endsAt ? t('fleet.assignedUntil', { date: formatLastDay(lang, p.assignment.endsAt) }) : '✓') : t('fleet.inStock')}</td>
              <td>{regionName(regions, p.region)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
