import type { AssignmentView } from '@aware/casework/contract';
import type { ReactNode } from 'react';
import { formatDate, formatLastDay, regionName, useRegionNames, useT } from '@aware/dashboard/kit';

const DAY = 86_400_000;

/** Pendants out: pendant, reference or client, period, extensions, days left; `action` adds a button per row. */
export function AssignmentsTable({ assignments, action, empty }: { assignments: AssignmentView[]; action?: (a: AssignmentView) => ReactNode; empty?: string }) {
  const { t, lang } = useT();
  const regions = useRegionNames();
  if (assignments.length === 0) return <p className="muted">{empty ?? t('dev.noneOut')}</p>;
  const now = Date.now();
  return (
    <table className="assignments">
      <thead>
        <tr>
          <th>{t('dev.device')}</th>
          <th>{assignments.some((a) => a.clientName) ? t('dev.client') : t('dev.reference')}</th>
          <th>{t('dev.region')}</th>
          <th>{t('dev.from')}</th>
          <th>{t('dev.until')}</th>
          <th>{t('dev.daysLeft')}</th>
          {action && <th />}
        </tr>
      </thead>
      <tbody>
        {assignments.map((a) => {
          const left = Math.ceil((Date.parse(a.endsAt) - now) / DAY);
          return (
            <tr key={a.id} className={left < 0 ? 'overdue' : left <= 14 ? 'soon' : ''}>
              <td className="mono">{a.deviceId}</td>
              <td>{a.clientName ?? <span className="mono">{a.applicationId?.slice(0, 8) ?? '—'}</span>}</td>
              <td>{regionName(regions, a.region)}</td>
              <td>{formatDate(lang, a.startsAt)}</td>
              <td>
                {formatLastDay(lang, a.endsAt)} {a.extensions.length > 0 && <span className="badge">{t('dev.extended', { n: a.extensions.length })}</span>}
              </td>
              <td>{left < 0 ? t('dev.overdue', { n: -left }) : left}</td>
              {action && <td className="row-actions">{action(a)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
