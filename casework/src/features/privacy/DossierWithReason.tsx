import { CLIENT_CORRECTABLE, PERPETRATOR_CORRECTABLE, type DossierDocument, type PrivacyRequestView } from '@aware/casework/contract';
import { Fragment, useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { privacyApi } from './privacy-api.js';
import { dynamicKey, formatDate, LimitedText, useT } from '@aware/dashboard/kit';

const MIN_REASON = 5;

/**
 * A closed request no longer opens the client's dossier (need-to-know ended with it). The privacy officer
 * can still look again, with a reason of her own (a complaint, a question of the client): the reason goes
 * to the access log with the request, and the records are shown read-only.
 */
export function DossierWithReason({ request }: { request: PrivacyRequestView }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [dossier, setDossier] = useState<DossierDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const read = () => {
    setBusy(true);
    setError(null);
    void privacyApi
      .dossier(request.clientId!, request.id, reason.trim())
      .then(setDossier, setError)
      .finally(() => setBusy(false));
  };
  return (
    <section className="card dossier-with-reason">
      <h2>{t('priv.lookAgain')}</h2>
      <p className="hint">{dossier ? t('priv.lookAgainLogged', { reason: reason.trim() }) : t('priv.lookAgainHelp')}</p>
      {!dossier && (
        <>
          <label>
            {t('priv.lookAgainReason')}
            <LimitedText value={reason} max={400} onChange={(v) => setReason(v)} />
          </label>
          <ErrorText error={error} fields={{ reason: 'priv.lookAgainReason' }} />
          <div className="form-actions">
            <button type="button" disabled={busy || reason.trim().length < MIN_REASON} onClick={read}>
              {t('priv.lookAgainDo')}
            </button>
          </div>
        </>
      )}
      {dossier && <DossierRecords dossier={dossier} />}
    </section>
  );
}

/** The client's and the perpetrators' records as they are now, with their restriction; nothing to change here. */
function DossierRecords({ dossier }: { dossier: DossierDocument }) {
  const { t, lang } = useT();
  const shown = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('priv.empty');
    // a date of birth is a calendar day: shown the Dutch way, at noon UTC so no time zone moves it
    return field === 'dateOfBirth' ? formatDate(lang, `${String(v)}T12:00:00Z`) : String(v);
  };
  const perpetrators = Array.isArray(dossier.perpetrators) ? dossier.perpetrators : [];
  const records = [
    { id: dossier.client.id, label: dossier.client.name, restricted: dossier.client.restricted !== null, fields: CLIENT_CORRECTABLE, values: dossier.client as unknown as Record<string, unknown> },
    ...perpetrators.map((p) => ({ id: p.id, label: `${t('priv.perpetrator')}: ${p.name}`, restricted: p.restricted !== null, fields: PERPETRATOR_CORRECTABLE, values: p as unknown as Record<string, unknown> })),
  ];
  return (
    <div className="dossier-records">
      {records.map((r) => (
        <div key={r.id}>
          <h3>
            {r.label} {r.restricted && <span className="badge flag">{t('priv.restricted')}</span>}
          </h3>
          <dl className="content-view">
            {r.fields.map((f) => (
              <Fragment key={f}>
                <dt>{t(dynamicKey('priv.field', f))}</dt>
                <dd className="pre">{shown(f, r.values[f])}</dd>
              </Fragment>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
