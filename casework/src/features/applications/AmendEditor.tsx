import type { ApplicationContent, ApplicationView } from '@aware/casework/contract';
import { useState } from 'react';
import { applicationsApi } from './applications-api.js';
import { ContentEditor } from './ContentEditor.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { LimitedText, useT } from '@aware/dashboard/kit';
import { FieldProblems } from '../../shared/field-problems.js';

/** A change to a filed application: the new content and why (kept in its history). */
export function AmendEditor({ application, onDone }: { application: ApplicationView; onDone: () => void }) {
  const { t } = useT();
  const [content, setContent] = useState<ApplicationContent>(application.content);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  // an edit answers the server's last refusal: its words go until the next save
  const edited = (c: ApplicationContent) => (setContent(c), setError(null));
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card amend"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        applicationsApi.amend(application.id, content, reason).then(onDone, (err: unknown) => {
          setError(err);
          setBusy(false);
        });
      }}
    >
      <h2>{t('appl.amend')}</h2>
      <FieldProblems error={error} prefix="content">
        <ContentEditor application={application} content={content} onChange={edited} />
      </FieldProblems>
      <label>
        {t('appl.amendReason')}
        <LimitedText multiline required rows={2} max={2000} value={reason} onChange={(v) => setReason(v)} />
      </label>
      <ErrorText error={error} fields={{ reason: 'appl.amendReason' }} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !reason.trim()}>
          {t('appl.amendSave')}
        </button>
        <button type="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
