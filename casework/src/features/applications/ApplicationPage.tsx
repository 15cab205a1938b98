import type { ApplicationView } from '@aware/casework/contract';
import { useState } from 'react';
import { VotePanel } from '../decisions/VotePanel.js';
import { VotesView } from '../decisions/VotesView.js';
import { AmendEditor } from './AmendEditor.js';
import { applicationsApi, photoPath } from './applications-api.js';
import '../../shared/case.css';
import { filesApplications, reviewsApplications } from '../../shared/case-roles.js';
import { ContentView } from './ContentView.js';
import { DraftEditor } from './DraftEditor.js';
import { EligibilityView } from './EligibilityView.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { StatusBadge } from './StatusBadge.js';
import { useLoad } from '../../shared/use-load.js';
import { Dialog, dynamicKey, formatDateTime, regionName, type SessionUser, useRegionNames, useT } from '@aware/dashboard/kit';

/**
 * One application. A case worker edits a draft, or amends / withdraws a filed one; a commissie member
 * reviews it and casts their organisation's vote. Opening it is written to the access log by the server.
 */
export function ApplicationPage({ id, user }: { id: string; user: SessionUser }) {
  const { t } = useT();
  const regions = useRegionNames();
  const { data: app, error, reload } = useLoad(() => applicationsApi.get(id), [id]);
  if (!app) return <div className="page case">{error ? <ErrorText error={error} /> : <p className="muted">{t('appl.loading')}</p>}</div>;
  const caseWorker = filesApplications(user);
  return (
    <div className="page case application">
      <header className="page-head">
        <h1>{app.clientName}</h1>
        <StatusBadge status={app.status} />
        <span className="muted">
          {t(dynamicKey('appl.kind', app.kind))} · {regionName(regions, app.region)} · {t(app.status === 'draft' ? 'appl.draftBy' : 'appl.filedBy', { name: app.createdBy.displayName })}
        </span>
      </header>
      {app.restricted && (
        <p className="banner warn" role="status">
          {t('appl.restricted')}
        </p>
      )}
      {app.status === 'draft' && caseWorker ? <DraftEditor application={app} onChanged={reload} /> : <Filed app={app} user={user} onChanged={reload} />}
    </div>
  );
}

function Filed({ app, user, onChanged }: { app: ApplicationView; user: SessionUser; onChanged: () => void }) {
  const { t, lang } = useT();
  const [amending, setAmending] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const caseWorker = filesApplications(user);
  const open = app.status === 'submitted' || app.status === 'under_review';
  const mayVote = reviewsApplications(user) && open && !app.votedBy.includes(user.organisation);
  const photos = {
    client: app.hasClientPhoto ? photoPath(app.id, null) : null,
    perpetrator: (pid: string) => (app.perpetratorPhotos.includes(pid) ? photoPath(app.id, pid) : null),
  };
  if (amending) return <AmendEditor application={app} onDone={() => (setAmending(false), onChanged())} />;
  return (
    <div className="application-layout">
      <div>
        <section className="card">
          <ContentView content={app.content} photos={photos} />
        </section>
        {app.amendments.length > 0 && (
          <section className="card amendments">
            <h2>{t('appl.amendments')}</h2>
            <ol>
              {app.amendments.map((m) => (
                <li key={m.version}>
                  {formatDateTime(lang, m.amendedAt)} · {m.amendedBy.displayName} · {m.changed.join(', ')} — <span className="pre">{m.reason}</span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
      <aside>
        {app.eligibility && <EligibilityView eligibility={app.eligibility} />}
        <VotesView application={app} />
        {mayVote && <VotePanel application={app} user={user} onVoted={onChanged} />}
        {caseWorker && (
          <div className="form-actions">
            {['submitted', 'under_review', 'more_info_needed', 'approved'].includes(app.status) && !app.restricted && (
              <button type="button" onClick={() => setAmending(true)}>
                {t('appl.amend')}
              </button>
            )}
            {open && (
              <button type="button" className="link" onClick={() => setWithdrawing(true)}>
                {t('appl.withdraw')}
              </button>
            )}
          </div>
        )}
        <ErrorText error={error} />
      </aside>
      {withdrawing && (
        <Dialog
          title={t('appl.withdraw')}
          onSubmit={() => void applicationsApi.withdraw(app.id).then(onChanged, setError).finally(() => setWithdrawing(false))}
          onCancel={() => setWithdrawing(false)}
          submitLabel={t('appl.withdraw')}
          cancelLabel={t('action.cancel')}
          danger
        >
          <p>{t('appl.withdrawText')}</p>
        </Dialog>
      )}
    </div>
  );
}
