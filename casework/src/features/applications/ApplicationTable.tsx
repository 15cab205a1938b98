import type { ApplicationSummary } from '@aware/casework/contract';
import { StatusBadge } from './StatusBadge.js';
import { dynamicKey, formatDate, Link, useT } from '@aware/dashboard/kit';

/** Applications, each linking to its page: client, kind, status, eligibility flag, votes so far, dates. */
export function ApplicationTable({ applications }: { applications: ApplicationSummary[] }) {
  const { t, lang } = useT();
  if (applications.length === 0) return <p className="muted">{t('appl.none')}</p>;
  return (
    <table className="applications">
      <thead>
        <tr>
          <th>{t('appl.col.client')}</th>
          <th>{t('appl.col.kind')}</th>
          <th>{t('appl.col.status')}</th>
          <th>{t('appl.col.eligible')}</th>
          <th>{t('appl.col.votes')}</th>
          <th>{t('appl.col.date')}</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/applications/${a.id}`}>{a.clientName}</Link>
            </td>
            <td>{t(dynamicKey('appl.kind', a.kind))}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
            <td>{a.eligibility ? (a.eligibility.eligible ? '✓' : <span className="badge flag">{t('elig.flagged')}</span>) : '—'}</td>
            <td>{a.votedBy.map((o) => t(dynamicKey('org', o))).join(', ') || '—'}</td>
            <td>{formatDate(lang, a.decidedAt ?? a.submittedAt ?? a.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
