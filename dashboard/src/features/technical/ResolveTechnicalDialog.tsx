import { TechnicalResolution, type TechnicalResolveBody } from '@aware/protocol';
import { useState } from 'react';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { Dialog } from '../../ui/Dialog.js';

const NOTE_MAX = 1000;

/** What was done about a technical alarm: one choice, and a note (required with "other"), with its limit shown. */
export function ResolveTechnicalDialog({ device, busy, onConfirm, onCancel }: { device: string; busy: boolean; onConfirm: (body: TechnicalResolveBody) => void; onCancel: () => void }) {
  const { t } = useT();
  const [resolution, setResolution] = useState<TechnicalResolution | null>(null);
  const [note, setNote] = useState('');
  const trimmed = note.trim();
  const complete = resolution !== null && (resolution !== 'other' || trimmed.length > 0);
  return (
    <Dialog
      title={t('technical.resolveTitle', { device })}
      submitLabel={t('technical.confirmResolve')}
      cancelLabel={t('action.cancel')}
      busy={busy || !complete}
      onCancel={onCancel}
      onSubmit={() => resolution && onConfirm({ resolution, ...(trimmed ? { note: trimmed } : {}) })}
    >
      <fieldset>
        <legend>{t('technical.whatWasDone')}</legend>
        {TechnicalResolution.options.map((r) => (
          <label key={r} className="radio">
            <input type="radio" name="resolution" value={r} checked={resolution === r} onChange={() => setResolution(r)} />
            {t(dynamicKey('technical.resolution', r))}
          </label>
        ))}
      </fieldset>
      <label>
        {resolution === 'other' ? t('technical.noteRequired') : t('technical.note')}
        <textarea name="note" maxLength={NOTE_MAX} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="hint" aria-live="polite">
        {t('technical.noteCounter', { n: note.length, max: NOTE_MAX })} · {t('technical.resolveHint')}
      </p>
    </Dialog>
  );
}
