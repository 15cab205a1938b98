import { AlarmOutcome } from '@aware/protocol';
import { useState } from 'react';
import { dynamicKey, useT } from '../../../i18n/i18n.js';
import { Dialog } from '../../../ui/Dialog.js';

export function ResolveDialog({ deviceLabel, busy, onConfirm, onCancel }: { deviceLabel: string; busy: boolean; onConfirm: (outcome: AlarmOutcome, note: string) => void; onCancel: () => void }) {
  const { t } = useT();
  const [outcome, setOutcome] = useState<AlarmOutcome | null>(null);
  const [note, setNote] = useState('');
  return (
    <Dialog
      title={`${t('action.resolve')} — ${deviceLabel}`}
      submitLabel={t('action.confirmResolve')}
      cancelLabel={t('action.cancel')}
      busy={busy || outcome === null}
      danger
      onCancel={onCancel}
      onSubmit={() => outcome && onConfirm(outcome, note.trim())}
    >
      <fieldset>
        <legend>{t('action.outcome')}</legend>
        {AlarmOutcome.options.map((o) => (
          <label key={o} className="radio">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} required />
            {t(dynamicKey('outcome', o))}
          </label>
        ))}
      </fieldset>
      <label>
        {t('action.note')}
        <textarea name="note" maxLength={2000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="hint">{t('action.resolveWarning')}</p>
    </Dialog>
  );
}
