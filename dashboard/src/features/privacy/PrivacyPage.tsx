import { navigate } from '../../app/router.js';
import { useT } from '../../i18n/i18n.js';
import '../applications/case.css';
import { ErrorText } from '../applications/ErrorText.js';
import { useLoad } from '../applications/use-load.js';
import { NewRequestForm } from './NewRequestForm.js';
import { privacyApi } from './privacy-api.js';
import { RequestTable } from './RequestTable.js';

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
