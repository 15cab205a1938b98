import { applicationsApi } from '../applications/applications-api.js';
import { ApplicationTable } from '../applications/ApplicationTable.js';
import '../../shared/case.css';
import { ErrorText } from '../../shared/ErrorText.js';
import { useFollowChanges } from '../../shared/use-follow-changes.js';
import { useLoad } from '../../shared/use-load.js';
import { useT } from '@aware/dashboard/kit';

/** The commissie's applications of the region: those waiting for a decision first, then the decided ones. Never a location. */
export function ReviewPage() {
  const { t } = useT();
  const { data, error, reload } = useLoad(() => applicationsApi.list(), []);
  useFollowChanges(applicationsApi.version, reload);
  const open = data?.applications.filter((a) => a.status === 'submitted' || a.status === 'under_review') ?? [];
  const decided = data?.applications.filter((a) => a.status !== 'submitted' && a.status !== 'under_review') ?? [];
  return (
    <div className="page case">
      <header className="page-head">
        <h1>{t('review.title')}</h1>
        <span className="muted">{t('review.noLocation')}</span>
      </header>
      <ErrorText error={error} />
      <section className="card">
        <h2>{t('review.open')}</h2>
        {data && <ApplicationTable applications={open} />}
      </section>
      <section className="card">
        <h2>{t('review.decided')}</h2>
        {data && <ApplicationTable applications={decided} />}
      </section>
    </div>
  );
}
