import type { FleetSummary } from '@aware/protocol';
import type { MessageKey } from '../../i18n/nl.js';
import { useT } from '../../i18n/i18n.js';

const TILES: { key: MessageKey; value: (s: FleetSummary) => number; alert?: boolean }[] = [
  { key: 'fleet.total', value: (s) => s.total },
  { key: 'fleet.assigned', value: (s) => s.assigned },
  { key: 'fleet.online', value: (s) => s.online },
  { key: 'fleet.offline', value: (s) => s.offline, alert: true },
  { key: 'fleet.silent', value: (s) => s.silent, alert: true },
  { key: 'fleet.neverSeen', value: (s) => s.neverSeen },
  { key: 'fleet.batteryLow', value: (s) => s.batteryLow, alert: true },
  { key: 'fleet.batteryCritical', value: (s) => s.batteryCritical, alert: true },
];

export function SummaryTiles({ summary }: { summary: FleetSummary }) {
  const { t } = useT();
  return (
    <ul className="tiles">
      {TILES.map(({ key, value, alert }) => (
        <li key={key} className={`tile ${alert && value(summary) > 0 ? 'alert' : ''}`}>
          <span className="tile-value">{value(summary)}</span>
          <span className="tile-label">{t(key)}</span>
        </li>
      ))}
    </ul>
  );
}
