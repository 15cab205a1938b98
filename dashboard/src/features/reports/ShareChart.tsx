import { useT } from '../../i18n/i18n.js';
import { share, TARGETS, type Group } from './answer-times.js';

const W = 760;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 40 };

/**
 * Per group two bars, the share acknowledged within 60 s and within 180 s, against their target lines
 * (97.5 % and 99 %). Drawn as SVG: no chart library for two bars and two lines. The y axis starts at 50 %
 * (answer rates live at the top; a bar below 50 % is drawn at the floor and its number says the rest).
 */
export function ShareChart({ groups, label }: { groups: readonly Group[]; label: (key: string) => string }) {
  const { t } = useT();
  const floor = 0.5;
  const y = (v: number) => PAD.top + (1 - (Math.max(v, floor) - floor) / (1 - floor)) * (H - PAD.top - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, groups.length);
  const bar = Math.min(18, slot / 3);
  return (
    <figure className="share-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('reports.chartLabel')}>
        {[0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        {groups.map((g, i) => {
          const x = PAD.left + i * slot + slot / 2;
          const s60 = share(g.within60s, g.alarms) ?? 0;
          const s180 = share(g.within180s, g.alarms) ?? 0;
          // a share under the axis floor still shows: a stub at the floor, red (it is under target too)
          const top = (v: number) => Math.min(y(v), y(floor) - 4);
          return (
            <g key={g.key}>
              <rect x={x - bar - 1} y={top(s60)} width={bar} height={y(floor) - top(s60)} className={`bar s60${s60 < TARGETS.within60s ? ' below' : ''}`}>
                <title>{`${label(g.key)}: ${(s60 * 100).toFixed(1)}% ≤ 60 s`}</title>
              </rect>
              <rect x={x + 1} y={top(s180)} width={bar} height={y(floor) - top(s180)} className={`bar s180${s180 < TARGETS.within180s ? ' below' : ''}`}>
                <title>{`${label(g.key)}: ${(s180 * 100).toFixed(1)}% ≤ 180 s`}</title>
              </rect>
              {groups.length <= 31 && (
                <text x={x} y={H - PAD.bottom + 14} textAnchor="middle" className="axis">
                  {label(g.key).slice(0, 5)}
                </text>
              )}
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(TARGETS.within60s)} y2={y(TARGETS.within60s)} className="target t60" />
        <line x1={PAD.left} x2={W - PAD.right} y1={y(TARGETS.within180s)} y2={y(TARGETS.within180s)} className="target t180" />
      </svg>
      <figcaption className="legend">
        <span className="key s60" /> {t('reports.col60')} <span className="key t60" /> {t('reports.target60')} <span className="key s180" /> {t('reports.col180')}{' '}
        <span className="key t180" /> {t('reports.target180')}
      </figcaption>
    </figure>
  );
}
