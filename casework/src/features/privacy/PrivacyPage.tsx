import '../../shared/case.css';
import { ErrorText } from '../../shared/ErrorText.js';
import { useLoad } from '../../shared/use-load.js';
import { NewRequestForm } from './NewRequestForm.js';
import { privacyApi } from './privacy-api.js';
import { RequestTable } from './RequestTable.js';
import { navigate, useT } from '@aware/dashboard/kit';

/** The privacy officer's requests (inzage, correction, restriction, deletion), open ones by due date, and a new one. */
export function PrivacyPage() {
  const { t } = useT();
  const { data, error } = useLoad(() => privacyApi.requests(), []);
  return (
    <div className="page case privacy">
      <header className="page-head">
        <h1>{t('priv.title')}</h1>
        <span className="muted">{t('priv.rules')}</span>
      </header>
      <ErrorText error={error} />
      <div className="application-layout">
        <section className="card">{data && <RequestTable requests={data.requests} />}</section>
        <aside>
          <NewRequestForm onCreated={(r) => navigate(`/privacy/requests/${r.id}`)} />
        </aside>
      </div>
    </div>
  );
}
