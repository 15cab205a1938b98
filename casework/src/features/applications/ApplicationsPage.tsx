import '../../shared/case.css';
import { applicationsApi } from './applications-api.js';
import { ApplicationTable } from './ApplicationTable.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { Notifications } from './Notifications.js';
import { useFollowChanges } from '../../shared/use-follow-changes.js';
import { useLoad } from '../../shared/use-load.js';
import { Link, useT } from '@aware/dashboard/kit';

/** The case worker's applications of their region (kept current without a reload), messages about them, and a new one. */
export function ApplicationsPage() {
  const { t } = useT();
  const { data, error, reload } = useLoad(() => applicationsApi.list(), []);
  useFollowChanges(applicationsApi.version, reload);
  return (
    <div className="page case">
      <header className="page-head">
        <h1>{t('appl.title')}</h1>
        <Link to="/applications/new" className="button-link">
          {t('appl.new')}
        </Link>
      </header>
      <Notifications />
      <ErrorText error={error} />
      {data && <ApplicationTable applications={data.applications} />}
    </div>
  );
}
