import type { TechnicalHistory } from '@aware/protocol';
import { useEffect, useState } from 'react';
import { regionName, useRegionNames } from '../../app/region-names.js';
import { formatDateTime, formatTime } from '../../i18n/format.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { technicalStore } from '../../live/live.js';
import { useStore } from '../../stores/use-store.js';
import { technicalApi } from './technical-api.js';
import { errorInWords } from '../../api/error-in-words.js';

const PERIODS = [1, 7, 30, 90] as const;

/**
 * Every technical alarm of a period with what became of it: recovered by itself, or who took it and what
 * was done. Reloads when the board changes. Operators' notes are shown to Veilig Thuis operators only.
 */
export function TechnicalHistoryPage() {
  const { t, lang } = useT();
  const [days, setDays] = useState<number>(7);
  const [history, setHistory] = useState<TechnicalHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const board = useStore(technicalStore.store);
  const regions = useRegionNames();

  useEffect(() => {
    let current = true;
    technicalApi.history(days).then(
      (h) => current && (setHistory(h), setError(null)),
      (e: unknown) => current && setError(errorInWords(lang, e)),
    );
    return () => {
      current = false;
    };
  }, [days, board]);

  const time = (iso: string | null | undefined) => (iso ? formatDateTime(lang, iso) : '—');
  return (
    <div className="page technical-history">
      <header className="page-head">
        <h1>{t('technical.history')}</h1>
        <label>
          {t('technical.days')}{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {t('technical.daysOption', { n })}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {history && history.technical.length === 0 && <p className="muted">{t('technical.historyEmpty')}</p>}
      {history && history.technical.length > 0 && (
        <table className="history-table">
          <thead>
            <tr>
              <th>{t('technical.col.opened')}</th>
              <th>{t('technical.col.kind')}</th>
              <th>{t('technical.col.device')}</th>
              <th>{t('technical.col.region')}</th>
              <th>{t('technical.col.recovered')}</th>
              <th>{t('technical.col.taken')}</th>
              <th>{t('technical.col.resolved')}</th>
              <th>{t('technical.col.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {history.technical.map((x) => {
              const h = x.handling;
              return (
                <tr key={x.id} data-technical-id={x.id}>
                  <td>{time(x.openedAt)}</td>
                  <td>{t(dynamicKey('technical', x.kind))}</td>
                  <td className="mono">{x.deviceId}</td>
                  <td>{regionName(regions, x.region)}</td>
                  <td>{x.clearedAt ? time(x.clearedAt) : t('technical.stillOpen')}</td>
                  <td>{h ? `${h.acknowledgedBy} · ${formatTime(lang, h.acknowledgedAt)}` : x.clearedAt ? t('technical.recoveredUntaken') : '—'}</td>
                  <td>{h?.resolvedAt ? `${h.resolvedBy ?? '?'} · ${time(h.resolvedAt)}` : '—'}</td>
                  <td className="technical-resolution">
                    {h?.resolution ? t(dynamicKey('technical.resolution', h.resolution)) : '—'}
                    {h?.note && <div className="note">{h.note}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
