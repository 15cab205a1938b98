import { EndReason, type AssignmentView } from '@aware/casework/contract';
import { useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { devicesApi } from './devices-api.js';
import { Dialog, dynamicKey, useT } from '@aware/dashboard/kit';

/** Ends a pendant's use: why, and a note. The pendant is revoked at once (it can no longer connect). */
export function ReturnDialog({ assignment, onDone, onCancel }: { assignment: AssignmentView; onDone: () => void; onCancel: () => void }) {
  const { t } = useT();
  const [reason, setReason] = useState<EndReason>('period_ended');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = () => {
    setBusy(true);
    devicesApi.returnPendant(assignment.id, { reason, ...(note.trim() ? { note } : {}) }).then(onDone, (e: unknown) => {
      setError(e);
      setBusy(false);
    });
  };
  return (
    <Dialog title={t('dev.returnTitle', { device: assignment.deviceId })} onSubmit={submit} onCancel={onCancel} submitLabel={t('dev.return')} cancelLabel={t('action.cancel')} busy={busy} danger>
      <label>
        {t('dev.endReason')}
        <select value={reason} onChange={(e) => setReason(EndReason.parse(e.target.value))}>
          {EndReason.options.map((r) => (
            <option key={r} value={r}>
              {t(dynamicKey('end', r))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dev.note')}
        <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="hint">{t('dev.returnHelp')}</p>
      <ErrorText error={error} fields={{ reason: 'dev.endReason', note: 'dev.note' }} />
    </Dialog>
  );
}
