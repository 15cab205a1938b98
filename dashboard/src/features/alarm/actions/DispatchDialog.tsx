import { useState } from 'react';
import { useT } from '../../../i18n/i18n.js';
import { Dialog } from '../../../ui/Dialog.js';

export function DispatchDialog({ deviceLabel, busy, onConfirm, onCancel }: { deviceLabel: string; busy: boolean; onConfirm: (unit: string, note: string) => void; onCancel: () => void }) {
  const { t } = useT();
  const [unit, setUnit] = useState('');
  const [note, setNote] = useState('');
  return (
    <Dialog
      title={`${t('action.dispatch')} — ${deviceLabel}`}
      submitLabel={t('action.confirmDispatch')}
      cancelLabel={t('action.cancel')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => onConfirm(unit.trim(), note.trim())}
    >
      <label>
        {t('action.unit')}
        <input name="unit" required maxLength={100} autoFocus value={unit} onChange={(e) => setUnit(e.target.value)} />
      </label>
      <label>
        {t('action.note')}
        <textarea name="note" maxLength={2000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Dialog>
  );
}
