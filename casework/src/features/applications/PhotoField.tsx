import { useState } from 'react';
import type { PhotoBody } from '@aware/casework/contract';
import { applicationsApi } from './applications-api.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { useT } from '@aware/dashboard/kit';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** An optional photo (client or perpetrator) for a draft: chosen from disk, sent as base64, at most 2 MiB. */
export function PhotoField({ applicationId, perpetratorId, label, present, onChanged }: {
  applicationId: string;
  perpetratorId: string | null;
  label: string;
  present: boolean;
  onChanged: () => void;
}) {
  const { t } = useT();
  const [error, setError] = useState<unknown>(null);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const mime = TYPES.find((m) => m === file.type);
    if (!mime || file.size > 2 * 1024 * 1024) return setError(t('appl.photo.invalid'));
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const body: PhotoBody = { mime, dataBase64: btoa(binary) };
    try {
      await applicationsApi.setPhoto(applicationId, perpetratorId, body);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="photo-field">
      <label>
        {label} {present && <span className="badge">{t('appl.photo.present')}</span>}
        <input type="file" accept={TYPES.join(',')} onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {present && (
        <button type="button" onClick={() => void applicationsApi.removePhoto(applicationId, perpetratorId).then(onChanged, setError)}>
          {t('appl.photo.remove')}
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
