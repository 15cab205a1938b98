import { CLIENT_CORRECTABLE, PERPETRATOR_CORRECTABLE, type DossierDocument, type PrivacyRequestView } from '@aware/casework/contract';
import { useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { privacyApi } from './privacy-api.js';
import { Dialog, dynamicKey, LimitedText, useT } from '@aware/dashboard/kit';

interface RecordOption {
  subjectType: 'client' | 'perpetrator';
  subjectId: string;
  label: string;
  restricted: boolean;
  values: Partial<Record<string, string | null>>;
}

/**
 * Correction (a field of the client's or a perpetrator's record, with the reason; history kept) and
 * restriction (the disputed record frozen until lifted), on the records of the request's dossier.
 */
export function RecordActions({ request, dossier, onChanged }: { request: PrivacyRequestView; dossier: DossierDocument; onChanged: () => void }) {
  const { t } = useT();
  const records: RecordOption[] = [
    { subjectType: 'client', subjectId: dossier.client.id, label: dossier.client.name, restricted: dossier.client.restricted !== null, values: { ...dossier.client, photo: null } as unknown as RecordOption['values'] },
    ...(Array.isArray(dossier.perpetrators) ? dossier.perpetrators : []).map(
      (p): RecordOption => ({ subjectType: 'perpetrator', subjectId: p.id, label: `${t('priv.perpetrator')}: ${p.name}`, restricted: p.restricted !== null, values: { ...p, photo: null } as unknown as RecordOption['values'] }),
    ),
  ];
  const [index, setIndex] = useState(0);
  const record = records[index]!;
  const fields: readonly string[] = record.subjectType === 'client' ? CLIENT_CORRECTABLE : PERPETRATOR_CORRECTABLE;
  const [field, setField] = useState(fields[0]!);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const target = { subjectType: record.subjectType, subjectId: record.subjectId };
  const [confirming, setConfirming] = useState<'correction' | 'restrict' | 'lift' | null>(null);
  const [busy, setBusy] = useState(false);
  const done = () => (setReason(''), setValue(''), setConfirming(null), onChanged());
  const failed = (e: unknown) => (setError(e), setConfirming(null));
  const run = (p: Promise<unknown>) => {
    setBusy(true);
    void p.then(done, failed).finally(() => setBusy(false));
  };
  const correct = () => run(privacyApi.correct(request.id, { ...target, field, value: value === '' && field === 'dateOfBirth' ? null : value, reason }));
  const restrict = (on: boolean) => run(privacyApi.restrict(request.id, { ...target, reason: reason || t('priv.disputed') }, on));
  const fieldName = t(dynamicKey('priv.field', field));
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? t('priv.empty') : String(v));
  return (
    <section className="card record-actions">
      <label>
        {t('priv.record')}
        <select value={index} onChange={(e) => (setIndex(Number(e.target.value)), setField((records[Number(e.target.value)]!.subjectType === 'client' ? CLIENT_CORRECTABLE : PERPETRATOR_CORRECTABLE)[0]!))}>
          {records.map((r, i) => (
            <option key={r.subjectId} value={i}>
              {r.label} {r.restricted ? `(${t('priv.restricted')})` : ''}
            </option>
          ))}
        </select>
      </label>
      {request.kind === 'correction' && (
        <>
          <label>
            {t('priv.field')}
            <select value={field} onChange={(e) => setField(e.target.value)}>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {t(dynamicKey('priv.field', f))}
                </option>
              ))}
            </select>
          </label>
          <p className="muted">
            {t('priv.current')}: <span className="pre">{String(record.values[field] ?? '—')}</span>
          </p>
          <label>
            {t('priv.newValue')}
            <LimitedText value={value} max={2000} onChange={(v) => setValue(v)} />
          </label>
        </>
      )}
      <label>
        {t('priv.reason')}
        <LimitedText value={reason} max={2000} onChange={(v) => setReason(v)} />
      </label>
      <ErrorText error={error} fields={{ value: 'priv.newValue', reason: 'priv.reason', field: 'priv.field' }} />
      <div className="form-actions">
        {request.kind === 'correction' && (
          <button type="button" className="primary" disabled={!reason.trim()} onClick={() => setConfirming('correction')}>
            {t('priv.correct')}
          </button>
        )}
        {record.restricted ? (
          <button type="button" onClick={() => setConfirming('lift')}>
            {t('priv.lift')}
          </button>
        ) : (
          <button type="button" onClick={() => setConfirming('restrict')}>
            {t('priv.restrict')}
          </button>
        )}
      </div>
      {confirming && (
        <Dialog
          title={t(`priv.confirm.${confirming}`, { field: fieldName, subject: record.label })}
          submitLabel={t('priv.confirm.do')}
          cancelLabel={t('action.cancel')}
          busy={busy}
          danger={confirming !== 'lift'}
          onCancel={() => setConfirming(null)}
          onSubmit={() => (confirming === 'correction' ? correct() : restrict(confirming === 'restrict'))}
        >
          <p>
            {confirming === 'correction'
              ? t('priv.confirm.correctionHelp', { old: shown(record.values[field]), new: shown(value) })
              : t(`priv.confirm.${confirming}Help`)}
          </p>
          <p className="muted">{t('priv.confirm.reason', { reason: reason || t('priv.disputed') })}</p>
        </Dialog>
      )}
    </section>
  );
}
