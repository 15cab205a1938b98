import type { PrivacyRequestView } from '@aware/casework/contract';
import { dynamicKey, formatDate, Link, useT } from '@aware/dashboard/kit';

/** Requests with their reply due date (extended where it was), overdue ones marked. */
export function RequestTable({ requests }: { requests: PrivacyRequestView[] }) {
  const { t, lang } = useT();
  if (requests.length === 0) return <p className="muted">{t('priv.none')}</p>;
  return (
    <table className="requests">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('priv.kind')}</th>
          <th>{t('priv.requester')}</th>
          <th>{t('priv.received')}</th>
          <th>{t('priv.due')}</th>
          <th>{t('priv.status')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id} className={r.overdue ? 'overdue' : ''}>
            <td>
              <Link to={`/privacy/requests/${r.id}`}>{r.id}</Link>
            </td>
            <td>{t(dynamicKey('priv.kind', r.kind))}</td>
            <td>
              {r.requesterName} <span className="muted">({t(dynamicKey('priv.capacity', r.requesterCapacity))})</span>
            </td>
            <td>{formatDate(lang, r.receivedAt)}</td>
            <td>
              {formatDate(lang, r.extendedDueAt ?? r.dueAt)} {r.extendedDueAt && <span className="badge">{t('priv.extended')}</span>}
              {r.overdue && <span className="badge flag">{t('priv.overdue')}</span>}
            </td>
            <td>{t(dynamicKey('priv.status', r.status))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
