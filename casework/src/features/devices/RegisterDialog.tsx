import type { RegisteredPendants } from '@aware/casework/contract';
import { MAX_PENDANTS_PER_REGISTRATION } from '@aware/casework/contract';
import { useMemo, useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { useRegions } from '../../shared/use-regions.js';
import { parseDelivery } from './delivery-csv.js';
import { devicesApi } from './devices-api.js';
import { ApiError, Dialog, dynamicKey, useT, RegionOptions } from '@aware/dashboard/kit';

/**
 * Pendants into stock: one id, or the supplier's delivery list pasted or loaded from a CSV file. Each
 * line is checked as it is typed (by number, in words); all are registered or none.
 */
export function RegisterDialog({ onRegistered, onCancel }: { onRegistered: (r: RegisteredPendants) => void; onCancel: () => void }) {
  const { t } = useT();
  const regions = useRegions();
  const [text, setText] = useState('');
  const [region, setRegion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // the ids the server found registered already, by the lines it named in the list as it was sent
  const [exists, setExists] = useState<string[]>([]);
  const { pendants, problems } = useMemo(() => parseDelivery(text, region || null), [text, region]);
  const tooMany = pendants.length > MAX_PENDANTS_PER_REGISTRATION;
  const register = async () => {
    setBusy(true);
    setError(null);
    setExists([]);
    const sent = pendants;
    try {
      onRegistered(await devicesApi.register({ pendants: sent.map((p) => (p.region ? p : { id: p.id })) }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CSW_ERR_DEVICE_EXISTS') setExists(e.problems.flatMap((p) => sent[Number(p.path.split('.')[1])]?.id ?? []));
      else setError(e);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('dev.registerTitle')}
      onSubmit={() => void register()}
      onCancel={onCancel}
      submitLabel={t('dev.registerSubmit', { n: pendants.length })}
      cancelLabel={t('action.cancel')}
      busy={busy || pendants.length === 0 || problems.length > 0 || tooMany}
    >
      <p className="hint">{t('dev.registerHelp')}</p>
      <label>
        {t('dev.registerIds')}
        <textarea name="ids" rows={8} className="mono" value={text} onChange={(e) => setText(e.target.value)} placeholder={'aware-1001\naware-1002,utrecht'} />
      </label>
      <label>
        {t('dev.registerFile')}
        <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
      </label>
      <label>
        {t('dev.registerRegion')}
        <select value={region} onChange={(e) => setRegion(e.target.value)}>
          <RegionOptions regions={regions} none={t('dev.registerNoRegion')} />
        </select>
      </label>
      <p className="hint" aria-live="polite">
        {t('dev.registerCount', { n: pendants.length, max: MAX_PENDANTS_PER_REGISTRATION })}
      </p>
      {problems.length > 0 && (
        <ul className="error register-problems" role="alert">
          {problems.slice(0, 10).map((p) => (
            <li key={p.line}>{t(dynamicKey('dev.registerProblem', p.problem), { line: p.line, text: p.text })}</li>
          ))}
          {problems.length > 10 && <li>{t('dev.registerMoreProblems', { n: problems.length - 10 })}</li>}
        </ul>
      )}
      {tooMany && <p className="error">{t('dev.registerTooMany', { max: MAX_PENDANTS_PER_REGISTRATION })}</p>}
      {exists.length > 0 && (
        <p className="error" role="alert">
          {t('dev.registerExists', { ids: exists.join(', ') })}
        </p>
      )}
      <ErrorText error={error} fields={{ pendants: 'dev.registerIds' }} />
    </Dialog>
  );
}
