import type { FollowUpView } from '@aware/casework/contract';
import { useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { devicesApi } from './devices-api.js';
import { Dialog, dynamicKey, formatDate, LimitedText, useT } from '@aware/dashboard/kit';

/** Monitoring contacts 3 and 12 months after hand-over (Veilig Thuis follows up for a year), with their outcome. */
export function FollowUps({ followUps, onChanged }: { followUps: FollowUpView[]; onChanged: () => void }) {
  const { t, lang } = useT();
  const [doing, setDoing] = useState<FollowUpView | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const today = new Date().toISOString().slice(0, 10);
  if (followUps.length === 0) return <p className="muted">{t('cal.noFollowUps')}</p>;
  return (
    <>
      <table className="follow-ups">
        <thead>
          <tr>
            <th>{t('cal.due')}</th>
            <th>{t('dev.client')}</th>
            <th>{t('cal.kind')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {followUps.map((f) => (
            <tr key={f.id} className={f.dueOn < today ? 'overdue' : ''}>
              <td>{formatDate(lang, `${f.dueOn}T12:00:00Z`)}</td>
              <td>{f.clientName}</td>
              <td>{t(dynamicKey('cal.kind', f.kind))}</td>
              <td>
                <button type="button" onClick={() => (setDoing(f), setNotes(''))}>
                  {t('cal.done')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorText error={error} />
      {doing && (
        <Dialog
          title={t('cal.doneTitle', { name: doing.clientName })}
          onSubmit={() => void devicesApi.completeFollowUp(doing.id, notes).then(onChanged, setError).finally(() => setDoing(null))}
          onCancel={() => setDoing(null)}
          submitLabel={t('cal.done')}
          cancelLabel={t('action.cancel')}
          busy={!notes.trim()}
        >
          <label>
            {t('cal.notes')}
            <LimitedText multiline required rows={3} max={4000} value={notes} onChange={(v) => setNotes(v)} />
          </label>
        </Dialog>
      )}
    </>
  );
}
