import type { PrivacyRequestDetail, RestrictedRecord } from '@aware/casework/contract';
import { useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { privacyApi } from './privacy-api.js';
import { Dialog, formatDateTime, LimitedText, useT } from '@aware/dashboard/kit';

/**
 * A closed correction or restriction request whose restriction still stands: the records frozen now, each
 * with when and why, and a way to lift it once the dispute is settled (under this request, with a reason,
 * after a confirmation). The record can then be changed again; the log keeps both steps.
 */
export function StillRestricted({ request, onChanged }: { request: PrivacyRequestDetail; onChanged: () => void }) {
  const { t, lang } = useT();
  const [lifting, setLifting] = useState<RestrictedRecord | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const lift = (record: RestrictedRecord) => {
    setBusy(true);
    void privacyApi
      .restrict(request.id, { subjectType: record.subjectType, subjectId: record.subjectId, reason: reason.trim() }, false)
      .then(
        () => (setLifting(null), setReason(''), setError(null), onChanged()),
        (e: unknown) => (setError(e), setLifting(null)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="card still-restricted">
      <h2>{t('priv.stillRestricted')}</h2>
      <p className="hint">{t('priv.stillRestrictedHelp')}</p>
      <ul>
        {request.restricted.map((r) => (
          <li key={r.subjectId}>
            <strong>{r.subjectType === 'client' ? r.subjectName : `${t('priv.perpetrator')}: ${r.subjectName}`}</strong>{' '}
            <span className="muted">{t('priv.restrictedSince', { time: formatDateTime(lang, r.since), reason: r.reason ?? '—' })}</span>{' '}
            <button type="button" onClick={() => setLifting(r)}>
              {t('priv.lift')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorText error={error} fields={{ reason: 'priv.liftReason' }} />
      {lifting && (
        <Dialog
          title={t('priv.confirm.lift', { subject: lifting.subjectName })}
          submitLabel={t('priv.confirm.do')}
          cancelLabel={t('action.cancel')}
          busy={busy || reason.trim().length === 0}
          onCancel={() => setLifting(null)}
          onSubmit={() => lift(lifting)}
        >
          <p>{t('priv.confirm.liftHelp')}</p>
          <label>
            {t('priv.liftReason')}
            <LimitedText value={reason} max={2000} onChange={(v) => setReason(v)} />
          </label>
        </Dialog>
      )}
    </section>
  );
}
