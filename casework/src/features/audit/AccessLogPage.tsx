import type { AccessLogEntry } from '@aware/casework/contract';
import { useState, type FormEvent } from 'react';
import '../../shared/case.css';
import { ErrorText } from '../../shared/ErrorText.js';
import { accessLog } from './audit-api.js';
import { codeInWords, reasonInWords } from './describe-entry.js';
import { formatDateTime, useT } from '@aware/dashboard/kit';

const FILTERS = ['clientId', 'username', 'action', 'subjectType'] as const;
type Filters = Record<(typeof FILTERS)[number] | 'from' | 'to', string>;
const EMPTY: Filters = { clientId: '', username: '', action: '', subjectType: '', from: '', to: '' };

/**
 * The access log for the privacy officer: who (by name) read or changed whose dossier (by name), when,
 * in which role and why, in words; filtered, newest first. The stored codes stay the evidence (filters and
 * the hover title show them).
 */
export function AccessLogPage() {
  const { t, lang } = useT();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const query = (before?: string) => {
    const { from, to, ...rest } = filters;
    return accessLog({ ...rest, from: from ? new Date(from).toISOString() : '', to: to ? new Date(to).toISOString() : '', limit: 200, ...(before ? { before } : {}) });
  };
  const search = (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    query().then((p) => setEntries(p.entries), setError);
  };
  const older = () => void query(entries?.at(-1)?.id).then((p) => setEntries([...(entries ?? []), ...p.entries]), setError);
  return (
    <div className="page case audit">
      <header className="page-head">
        <h1>{t('audit.title')}</h1>
      </header>
      <form className="card filters" onSubmit={search}>
        {FILTERS.map((f) => (
          <label key={f}>
            {t(`audit.${f}`)}
            <input value={filters[f]} onChange={(e) => setFilters({ ...filters, [f]: e.target.value.trim() })} />
          </label>
        ))}
        <label>
          {t('audit.from')}
          <input type="datetime-local" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
        </label>
        <label>
          {t('audit.to')}
          <input type="datetime-local" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t('audit.search')}
        </button>
      </form>
      <ErrorText error={error} />
      {entries && (
        <table className="access-log">
          <thead>
            <tr>
              <th>{t('audit.at')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.role')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.subjectType')}</th>
              <th>{t('audit.client')}</th>
              <th>{t('audit.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(lang, e.at)}</td>
                <td>
                  {e.displayName ?? e.username}
                  <div className="muted">
                    <span className="mono">{e.username}</span>
                    {e.organisation && <> · {codeInWords(t, 'org', e.organisation)}</>}
                  </div>
                </td>
                <td title={e.role}>{codeInWords(t, 'role', e.role)}</td>
                <td title={e.action}>{codeInWords(t, 'audit.act', e.action)}</td>
                <td title={`${e.subjectType} ${e.subjectId}`}>{codeInWords(t, 'audit.subject', e.subjectType)}</td>
                <td title={e.clientId ?? ''}>{e.clientName ?? (e.clientId ? <span className="mono">{e.clientId.slice(0, 8)}</span> : '—')}</td>
                <td className="pre" title={e.reason}>
                  {reasonInWords(t, e.reason)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries && entries.length > 0 && entries.length % 200 === 0 && (
        <button type="button" onClick={older}>
          {t('audit.older')}
        </button>
      )}
    </div>
  );
}
