import type { RegisteredPendants } from '@aware/casework/contract';
import { useState } from 'react';
import { secretsCsv } from './delivery-csv.js';
import { useT } from '@aware/dashboard/kit';

/**
 * The one time the secrets of newly registered pendants are shown: a table, and a CSV to hand to the
 * supplier (who flashes them), downloaded in the browser (never stored on the server).
 */
export function RegisteredSecrets({ registered, onClose }: { registered: RegisteredPendants; onClose: () => void }) {
  const { t } = useT();
  const [downloaded, setDownloaded] = useState(false);
  const download = () => {
    const url = URL.createObjectURL(new Blob([secretsCsv(registered.pendants)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `aware-secrets-${new Date().toISOString().slice(0, 10)}-${registered.pendants.length}.csv`;
    a.click();
    URL.revokeObjectURL(url);
    setDownloaded(true);
  };
  return (
    <section className="card issued secret-once" role="alert" aria-label={t('dev.registeredTitle', { n: registered.pendants.length })}>
      <h2>{t('dev.registeredTitle', { n: registered.pendants.length })}</h2>
      <p>{t('dev.registeredHelp')}</p>
      <table className="secrets">
        <thead>
          <tr>
            <th>{t('dev.device')}</th>
            <th>{t('dev.secret')}</th>
          </tr>
        </thead>
        <tbody>
          {registered.pendants.slice(0, 20).map((p) => (
            <tr key={p.id}>
              <td className="mono">{p.id}</td>
              <td className="mono select wrap">{p.secret}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {registered.pendants.length > 20 && <p className="muted">{t('dev.registeredMore', { n: registered.pendants.length - 20 })}</p>}
      <div className="buttons">
        <button type="button" className="primary" onClick={download}>
          {t('dev.registeredDownload')}
        </button>
        <button type="button" onClick={onClose}>
          {downloaded ? t('dev.secretSeen') : t('dev.registeredClose')}
        </button>
      </div>
    </section>
  );
}
