import type { AssignmentView, IssuedPendant, RegisteredPendants } from '@aware/casework/contract';
import { useState } from 'react';
import '../../shared/case.css';
import { ErrorText } from '../../shared/ErrorText.js';
import { useLoad } from '../../shared/use-load.js';
import { AssignmentsTable } from './AssignmentsTable.js';
import { devicesApi } from './devices-api.js';
import { IssueDialog } from './IssueDialog.js';
import { RegisterDialog } from './RegisterDialog.js';
import { RegisteredSecrets } from './RegisteredSecrets.js';
import { ReturnDialog } from './ReturnDialog.js';
import { SecretOnce } from './SecretOnce.js';
import { formatDate, regionName, useRegionNames, useT } from '@aware/dashboard/kit';

/**
 * The device administrator's desk: approved applications waiting for a pendant (reference, region, case
 * worker — no client data), the stock, pendants out with their end dates, issue and take back.
 */
export function DevicesPage() {
  const { t, lang } = useT();
  const regions = useRegionNames();
  const awaiting = useLoad(() => devicesApi.awaiting(), []);
  const stock = useLoad(() => devicesApi.stock(), []);
  const out = useLoad(() => devicesApi.assignments(), []);
  const [issuing, setIssuing] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedPendant | null>(null);
  const [returning, setReturning] = useState<AssignmentView | null>(null);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<RegisteredPendants | null>(null);
  const noStock = stock.data !== null && stock.data !== undefined && stock.data.pendants.length === 0;
  const reload = () => {
    awaiting.reload();
    stock.reload();
    out.reload();
  };
  return (
    <div className="page case devices">
      <header className="page-head">
        <h1>{t('dev.title')}</h1>
        <span className="muted">{t('dev.noDossier')}</span>
      </header>
      {issued && <SecretOnce issued={issued} onClose={() => setIssued(null)} />}
      {registered && <RegisteredSecrets registered={registered} onClose={() => setRegistered(null)} />}
      <ErrorText error={awaiting.error ?? stock.error ?? out.error} />
      <section className="card">
        <h2>{t('dev.awaiting')}</h2>
        {awaiting.data?.applications.length === 0 && <p className="muted">{t('dev.noneAwaiting')}</p>}
        {!!awaiting.data?.applications.length && (
          <table className="awaiting">
            <thead>
              <tr>
                <th>{t('dev.reference')}</th>
                <th>{t('dev.region')}</th>
                <th>{t('dev.decided')}</th>
                <th>{t('dev.caseWorker')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {awaiting.data.applications.map((a) => (
                <tr key={a.applicationId} data-application={a.applicationId}>
                  <td className="mono">{a.applicationId.slice(0, 8)}</td>
                  <td>{regionName(regions, a.region)}</td>
                  <td>{formatDate(lang, a.decidedAt)}</td>
                  <td>{a.caseWorker}</td>
                  <td>
                    <button
                      type="button"
                      className="primary"
                      disabled={!stock.data?.pendants.length}
                      title={noStock ? t('dev.issueNoStock') : undefined}
                      aria-describedby={noStock ? 'issue-no-stock' : undefined}
                      onClick={() => setIssuing(a.applicationId)}
                    >
                      {t('dev.issue')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {noStock && !!awaiting.data?.applications.length && (
          <p className="hint warn" id="issue-no-stock">
            {t('dev.issueNoStock')}
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('dev.out')}</h2>
        {out.data && <AssignmentsTable assignments={out.data.assignments} action={(a) => <button onClick={() => setReturning(a)}>{t('dev.return')}</button>} />}
      </section>
      <section className="card">
        <header className="card-head">
          <h2>{t('dev.stock', { n: stock.data?.pendants.length ?? 0 })}</h2>
          <button type="button" onClick={() => setRegistering(true)}>
            {t('dev.register')}
          </button>
        </header>
        {noStock ? <p className="muted">{t('dev.stockEmpty')}</p> : <p className="muted stock-ids">{stock.data?.pendants.map((p) => p.id + (p.status === 'revoked' ? '*' : '')).join(', ')}</p>}
        <p className="hint">{t('dev.stockHelp')}</p>
      </section>
      {issuing && stock.data && (
        <IssueDialog
          applicationId={issuing}
          stock={stock.data.pendants}
          onCancel={() => setIssuing(null)}
          onIssued={(i) => {
            setIssuing(null);
            setIssued(i);
            reload();
          }}
        />
      )}
      {registering && (
        <RegisterDialog
          onCancel={() => setRegistering(false)}
          onRegistered={(r) => {
            setRegistering(false);
            setRegistered(r);
            stock.reload();
          }}
        />
      )}
      {returning && (
        <ReturnDialog
          assignment={returning}
          onCancel={() => setReturning(null)}
          onDone={() => {
            setReturning(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
