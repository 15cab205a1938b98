import type { IssuedPendant, StockPendant } from '@aware/casework/contract';
import { useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import { devicesApi } from './devices-api.js';
import { Dialog, useT } from '@aware/dashboard/kit';

/** Hands a pendant from stock over on an approved application: which pendant, from when, until when (empty: the standard period). */
export function IssueDialog({ applicationId, stock, onIssued, onCancel }: { applicationId: string; stock: StockPendant[]; onIssued: (i: IssuedPendant) => void; onCancel: () => void }) {
  const { t } = useT();
  const [deviceId, setDeviceId] = useState(stock[0]?.id ?? '');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issue = async () => {
    setBusy(true);
    try {
      onIssued(await devicesApi.issue({ applicationId, deviceId, ...(startsOn ? { startsOn } : {}), ...(endsOn ? { endsOn } : {}) }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('dev.issueTitle')} onSubmit={() => void issue()} onCancel={onCancel} submitLabel={t('dev.issue')} cancelLabel={t('action.cancel')} busy={busy || !deviceId}>
      <p className="mono">{applicationId}</p>
      <label>
        {t('dev.device')}
        <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)} required>
          {stock.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id} {p.status === 'revoked' ? `(${t('dev.returned')})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dev.startsOn')}
        <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
      </label>
      <label>
        {t('dev.endsOn')}
        <input type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      </label>
      <p className="hint">{t('dev.issueHelp')}</p>
      <ErrorText error={error} fields={{ deviceId: 'dev.device', startsOn: 'dev.startsOn', endsOn: 'dev.endsOn' }} />
    </Dialog>
  );
}
