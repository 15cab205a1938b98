import type { ApplicationContent, ApplicationView } from '@aware/casework/contract';
import { useState } from 'react';
import { applicationsApi } from './applications-api.js';
import { ContentEditor } from './ContentEditor.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { PhotoField } from './PhotoField.js';
import { Dialog, navigate, useT } from '@aware/dashboard/kit';
import { FieldProblems } from '../../shared/field-problems.js';

/** A draft: edit and save, add photos, submit (after which the content is locked), or discard. */
export function DraftEditor({ application, onChanged }: { application: ApplicationView; onChanged: () => void }) {
  const { t } = useT();
  const [content, setContent] = useState<ApplicationContent>(application.content);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // an edit answers the server's last refusal: its words go until the next save
  const edited = (c: ApplicationContent) => (setContent(c), setError(null));
  const [confirm, setConfirm] = useState<'submit' | 'discard' | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };
  const save = () => run(async () => setContent((await applicationsApi.save(application.id, content)).content));
  const submit = () =>
    run(async () => {
      await applicationsApi.save(application.id, content);
      await applicationsApi.submit(application.id);
      onChanged();
    });
  const discard = () => run(() => applicationsApi.discard(application.id)).then((ok) => ok && navigate('/applications'));
  const perpetrators = content.kind === 'initial' ? content.perpetrators.filter((p) => p.id) : [];
  return (
    <>
      <form
        className="draft"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FieldProblems error={error} prefix="content">
          <ContentEditor application={application} content={content} onChange={edited} />
        </FieldProblems>
        {content.kind === 'initial' && (
          <fieldset>
            <legend>{t('appl.photos')}</legend>
            <PhotoField applicationId={application.id} perpetratorId={null} label={t('appl.photo.client')} present={application.hasClientPhoto} onChanged={onChanged} />
            {perpetrators.map((p) => (
              <PhotoField
                key={p.id}
                applicationId={application.id}
                perpetratorId={p.id!}
                label={`${t('appl.photo.perpetrator')}: ${p.name}`}
                present={application.perpetratorPhotos.includes(p.id!)}
                onChanged={onChanged}
              />
            ))}
          </fieldset>
        )}
        <ErrorText error={error} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {t('appl.saveDraft')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => setConfirm('submit')}>
            {t('appl.submit')}
          </button>
          <button type="button" className="link" disabled={busy} onClick={() => setConfirm('discard')}>
            {t('appl.discard')}
          </button>
        </div>
      </form>
      {confirm && (
        <Dialog
          title={confirm === 'submit' ? t('appl.submitTitle') : t('appl.discardTitle')}
          onSubmit={() => void (confirm === 'submit' ? submit() : discard())}
          onCancel={() => setConfirm(null)}
          submitLabel={confirm === 'submit' ? t('appl.submit') : t('appl.discard')}
          cancelLabel={t('action.cancel')}
          busy={busy}
          danger={confirm === 'discard'}
        >
          <p>{confirm === 'submit' ? t('appl.submitText') : t('appl.discardText')}</p>
        </Dialog>
      )}
    </>
  );
}
