import type { AlarmLatencyReport, Organisation } from '@aware/protocol';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/http.js';
import { Link } from '../../app/Link.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { formatDateTime, formatPercent } from '../../i18n/format.js';
import { byOrganisation, groupAlarms, share, slowest, summarise, TARGETS, toCsv, type Group, type Grouping } from './answer-times.js';
import { ShareChart } from './ShareChart.js';
import { errorInWords } from '../../api/error-in-words.js';

const RANGES = [1, 7, 30, 93] as const;

/**
 * Answer times: how fast alarms are acknowledged, per day or per shift, for all alarms or those one
 * organisation acknowledged, against the telecare targets (97.5 % within 60 s, 99 % within 180 s); with the
 * press -> console latency, escalations, the slowest alarms and a CSV export. The server scopes the data to
 * the caller's region (administrators: all); no location, no dossier.
 */
export function AnswerTimesPage() {
  const { t, lang } = useT();
  const [days, setDays] = useState<(typeof RANGES)[number]>(7);
  const [grouping, setGrouping] = useState<Grouping>('day');
  const [organisation, setOrganisation] = useState<Organisation | null>(null);
  const [report, setReport] = useState<AlarmLatencyReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const to = new Date();
    const from = new Date(to.getTime() - days * 86_400_000);
    setReport(null);
    api<AlarmLatencyReport>('GET', `/api/reports/alarm-latency?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`).then(
      (r) => setReport(r),
      (e: unknown) => setError(errorInWords(lang, e)),
    );
  }, [days]);

  const alarms = useMemo(() => (report ? byOrganisation(report.alarms, organisation) : []), [report, organisation]);
  const groups = useMemo(() => groupAlarms(alarms, grouping), [alarms, grouping]);
  const total = useMemo(() => summarise('total', alarms), [alarms]);
  const pct = (g: Pick<Group, 'alarms'>, part: number) => {
    const s = share(part, g.alarms);
    return s === null ? '—' : formatPercent(lang, s);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(alarms)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `aannametijden-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    // the browser reads the file after this handler returns
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="page reports">
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      <div className="report-controls">
        <label>
          {t('reports.range')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}>
            {RANGES.map((d) => (
              <option key={d} value={d}>
                {t('reports.lastDays', { n: d })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.grouping')}
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            <option value="day">{t('reports.byDay')}</option>
            <option value="shift">{t('reports.byShift')}</option>
          </select>
        </label>
        <label>
          {t('reports.organisation')}
          <select value={organisation ?? ''} onChange={(e) => setOrganisation(e.target.value === '' ? null : (e.target.value as Organisation))}>
            <option value="">{t('reports.allOrganisations')}</option>
            <option value="police">{t('org.police')}</option>
            <option value="veilig_thuis">{t('org.veilig_thuis')}</option>
          </select>
        </label>
        <button type="button" onClick={download} disabled={alarms.length === 0}>
          {t('reports.csv')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p className="muted">{t('app.loading')}</p>}
      {report && (
        <>
          <section className="card report-totals" aria-label={t('reports.totals')}>
            <div>
              <strong>{total.alarms}</strong> {t('reports.alarms')}
            </div>
            <div className={share(total.within60s, total.alarms) !== null && share(total.within60s, total.alarms)! < TARGETS.within60s ? 'below' : ''}>
              <strong>{pct(total, total.within60s)}</strong> {t('reports.within60', { target: formatPercent(lang, TARGETS.within60s) })}
            </div>
            <div className={share(total.within180s, total.alarms) !== null && share(total.within180s, total.alarms)! < TARGETS.within180s ? 'below' : ''}>
              <strong>{pct(total, total.within180s)}</strong> {t('reports.within180', { target: formatPercent(lang, TARGETS.within180s) })}
            </div>
            <div>
              <strong>{total.escalated}</strong> {t('reports.escalated')}
            </div>
            <div>
              <strong>{total.toConsoleP95 === null ? '—' : `${Math.round(total.toConsoleP95)} ms`}</strong> {t('reports.toConsoleP95')}
            </div>
          </section>
          {groups.length === 0 ? (
            <p className="muted">{t('reports.none')}</p>
          ) : (
            <>
              <ShareChart groups={groups} label={(key) => groupLabel(key, t)} />
              <table className="report-table">
                <thead>
                  <tr>
                    <th>{grouping === 'day' ? t('reports.day') : t('reports.shift')}</th>
                    <th>{t('reports.alarms')}</th>
                    <th>{t('reports.col60')}</th>
                    <th>{t('reports.col180')}</th>
                    <th>{t('reports.colNotAck')}</th>
                    <th>{t('reports.escalated')}</th>
                    <th>{t('reports.colConsole')}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.key}>
                      <td>{groupLabel(g.key, t)}</td>
                      <td>{g.alarms}</td>
                      <td className={share(g.within60s, g.alarms)! < TARGETS.within60s ? 'below' : ''}>{pct(g, g.within60s)}</td>
                      <td className={share(g.within180s, g.alarms)! < TARGETS.within180s ? 'below' : ''}>{pct(g, g.within180s)}</td>
                      <td>{g.notAcknowledged}</td>
                      <td>{g.escalated}</td>
                      <td>{g.toConsoleP50 === null ? '—' : `${Math.round(g.toConsoleP50)} / ${Math.round(g.toConsoleP95!)} ms`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h2>{t('reports.slowest')}</h2>
              <ol className="report-slowest">
                {slowest(alarms, 10).map((a) => (
                  <li key={a.id}>
                    <Link to={`/alarms/${a.id}`}>{formatDateTime(lang, a.receivedAt)}</Link> · {t('alarm.device', { id: a.deviceId })} ·{' '}
                    {a.pressToAcknowledgeMs === null ? <strong>{t('reports.neverAcknowledged')}</strong> : t('reports.acknowledgedAfter', { s: Math.round(a.pressToAcknowledgeMs / 1000) })}
                    {a.acknowledgedBy && <> · {t(dynamicKey('org', a.acknowledgedBy))}</>}
                    {a.escalated && <> · {t('alarm.escalated')}</>}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </div>
  );
}

function groupLabel(key: string, t: ReturnType<typeof useT>['t']): string {
  const [date, shift] = key.split(' ');
  const [y, m, d] = date!.split('-');
  return shift ? `${d}-${m}-${y} ${t(dynamicKey('reports.shiftName', shift))}` : `${d}-${m}-${y}`;
}
