import type { DeletionOutcome, PrivacyRequestChange } from '@aware/casework/contract';
import { useState } from 'react';
import '../../shared/case.css';
import { ErrorText } from '../../shared/ErrorText.js';
import { useLoad } from '../../shared/use-load.js';
import { privacyApi } from './privacy-api.js';
import { DossierWithReason } from './DossierWithReason.js';
import { RecordActions } from './RecordActions.js';
import { StillRestricted } from './StillRestricted.js';
import { dynamicKey, formatDate, formatDateTime, LimitedText, useT } from '@aware/dashboard/kit';

/** One request and what answers it: the copy (inzage), corrections and restrictions, the deletion decision, closing it. */
export function PrivacyRequestPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { data: r, error, reload } = useLoad(() => privacyApi.request(id), [id]);
  const open = r?.status === 'open' || r?.status === 'in_progress';
  const needsDossier = !!r?.clientId && open && (r.kind === 'correction' || r.kind === 'restriction');
  const dossier = useLoad(() => (needsDossier ? privacyApi.dossier(r!.clientId!, id) : Promise.resolve(null)), [needsDossier, id]);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<DeletionOutcome | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  if (!r) return <div className="page case">{error ? <ErrorText error={error} /> : null}</div>;
  const act = (p: Promise<unknown>) => void p.then(() => (setText(''), reload(), dossier.reload()), setActionError);
  return (
    <div className="page case privacy-request">
      <header className="page-head">
        <h1>
          {t(dynamicKey('priv.kind', r.kind))} #{r.id}
        </h1>
        <span className="badge">{t(dynamicKey('priv.status', r.status))}</span>
        {r.overdue && <span className="badge flag">{t('priv.overdue')}</span>}
      </header>
      <section className="card">
        <dl className="content-view">
          <dt>{t('priv.requester')}</dt>
          <dd>
            {r.requesterName} ({t(dynamicKey('priv.capacity', r.requesterCapacity))}) {r.consentReference && `· ${t('priv.consent')}: ${r.consentReference}`}
          </dd>
          <dt>{t('priv.received')}</dt>
          <dd>{formatDateTime(lang, r.receivedAt)}</dd>
          <dt>{t('priv.due')}</dt>
          <dd>
            {formatDate(lang, r.dueAt)} {r.extendedDueAt && `→ ${formatDate(lang, r.extendedDueAt)} (${r.extensionReason ?? ''})`}
          </dd>
          <dt>{t('priv.details')}</dt>
          <dd className="pre">{r.details || '—'}</dd>
          {r.outcomeReason && (
            <>
              <dt>{t('priv.outcome')}</dt>
              <dd className="pre">{r.outcomeReason}</dd>
            </>
          )}
        </dl>
      </section>
      <ErrorText error={actionError ?? dossier.error} fields={{ outcomeReason: 'priv.outcome', reason: 'priv.outcome', otherInterest: 'priv.otherInterest' }} />
      {r.kind === 'inzage' && r.status !== 'refused' && (
        <section className="card">
          <h2>{t('priv.copy')}</h2>
          <p className="hint">{t('priv.copyHelp')}</p>
          <div className="form-actions">
            <a className="button-link" href={privacyApi.exportUrl(r.id, 'html')} target="_blank" rel="noopener noreferrer">
              {t('priv.printable')}
            </a>
            <a className="button-link" href={privacyApi.exportUrl(r.id, 'json')} download={`inzage-${r.id}.json`}>
              {t('priv.json')}
            </a>
          </div>
        </section>
      )}
      {(r.kind === 'correction' || r.kind === 'restriction') && <RequestChanges changes={r.changes} />}
      {needsDossier && dossier.data && <RecordActions request={r} dossier={dossier.data} onChanged={() => (reload(), dossier.reload())} />}
      {!open && r.restricted.length > 0 && <StillRestricted request={r} onChanged={reload} />}
      {!open && r.clientId && <DossierWithReason request={r} key={r.status} />}
      {r.kind === 'deletion' && open && (
        <section className="card">
          <h2>{t('priv.deletion')}</h2>
          <p className="hint">{t('priv.deletionHelp')}</p>
          <label>
            {t('priv.otherInterest')}
            <LimitedText multiline rows={2} max={2000} value={text} onChange={(v) => setText(v)} />
          </label>
          <button type="button" className="danger" onClick={() => void privacyApi.deletion(r.id, text.trim() || null).then((o) => (setOutcome(o), reload()), setActionError)}>
            {t('priv.decide')}
          </button>
        </section>
      )}
      {outcome && (
        <p className={`banner ${outcome.carriedOut ? 'info' : 'warn'}`} role="status">
          {outcome.carriedOut ? t('priv.deleted') : t('priv.refused')}: {outcome.reason}
        </p>
      )}
      {open && r.kind !== 'deletion' && (
        <section className="card">
          <h2>{t('priv.close')}</h2>
          <label>
            {t('priv.outcome')}
            <LimitedText multiline rows={2} max={4000} value={text} onChange={(v) => setText(v)} />
          </label>
          <div className="form-actions">
            {r.kind === 'inzage' && !r.extendedDueAt && (
              <button type="button" disabled={!text.trim()} onClick={() => act(privacyApi.extend(r.id, text))}>
                {t('priv.extend')}
              </button>
            )}
            <button type="button" className="primary" onClick={() => act(privacyApi.close(r.id, { status: 'completed', outcomeReason: text.trim() || null }))}>
              {t('priv.completed')}
            </button>
            <button type="button" disabled={!text.trim()} onClick={() => act(privacyApi.close(r.id, { status: 'refused', outcomeReason: text }))}>
              {t('priv.refuse')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

/** Every change made for the request, open or closed: what, whose, old and new value, by whom, when, why. */
function RequestChanges({ changes }: { changes: readonly PrivacyRequestChange[] }) {
  const { t, lang } = useT();
  return (
    <section className="card request-changes">
      <h2>{t('priv.changes')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('priv.noChanges')}</p>
      ) : (
        <ol>
          {changes.map((c, i) => (
            <li key={i}>
              {t(`priv.change.${c.kind}`, {
                field: c.field ? t(dynamicKey('priv.field', c.field)) : '',
                subject: c.subjectName ?? '—',
                old: c.oldValue ?? t('priv.empty'),
                new: c.newValue ?? t('priv.empty'),
              })}
              <div className="muted">{t('priv.changeBy', { by: c.by, time: formatDateTime(lang, c.at), reason: c.reason })}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
