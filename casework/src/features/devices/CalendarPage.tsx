import { amsterdamDate } from '@aware/casework/contract';
import { useState } from 'react';
import { applicationsApi } from '../applications/applications-api.js';
import { blankExtension } from '../applications/blank-content.js';
import '../../shared/case.css';
import { filesApplications } from '../../shared/case-roles.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { useLoad } from '../../shared/use-load.js';
import { AssignmentsTable } from './AssignmentsTable.js';
import { devicesApi } from './devices-api.js';
import { FollowUps } from './FollowUps.js';
import { lastDayOf, navigate, type SessionUser, useT } from '@aware/dashboard/kit';

const WINDOWS = [30, 60, 90, 180];

/**
 * What is coming: pendants whose period ends soon (overdue ones first) and, for case workers, the
 * monitoring contacts and a button to ask the commissie for an extension.
 */
export function CalendarPage({ user }: { user: SessionUser }) {
  const { t } = useT();
  const [days, setDays] = useState(60);
  const ending = useLoad(() => devicesApi.assignments(days), [days]);
  const caseWorker = filesApplications(user);
  const followUps = useLoad(() => (caseWorker ? devicesApi.followUps(true) : Promise.resolve({ followUps: [] })), [caseWorker]);
  const [error, setError] = useState<unknown>(null);
  const requestExtension = async (assignmentId: string, endsAt: string) => {
    // three months past the current last day (inclusive), as a calendar date
    const [y, m, d] = amsterdamDate(new Date(lastDayOf(endsAt))).split('-').map(Number) as [number, number, number];
    const until = new Date(Date.UTC(y, m - 1 + 3, 1));
    const day = Math.min(d, new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() + 1, 0)).getUTCDate());
    const untilDate = `${until.getUTCFullYear()}-${String(until.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    try {
      const created = await applicationsApi.create(blankExtension(assignmentId, untilDate));
      navigate(`/applications/${created.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="page case calendar">
      <header className="page-head">
        <h1>{t('cal.title')}</h1>
        <label className="inline">
          {t('cal.window')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                {t('cal.days', { n: d })}
              </option>
            ))}
          </select>
        </label>
      </header>
      <ErrorText error={error ?? ending.error ?? followUps.error} />
      <section className="card">
        <h2>{t('cal.ending')}</h2>
        {ending.data && (
          <AssignmentsTable
            assignments={ending.data.assignments}
            empty={t('cal.noneEnding', { n: days })}
            {...(caseWorker ? { action: (a) => <button onClick={() => void requestExtension(a.id, a.endsAt)}>{t('cal.extend')}</button> } : {})}
          />
        )}
      </section>
      {caseWorker && (
        <section className="card">
          <h2>{t('cal.followUps')}</h2>
          {followUps.data && <FollowUps followUps={followUps.data.followUps} onChanged={followUps.reload} />}
        </section>
      )}
    </div>
  );
}
