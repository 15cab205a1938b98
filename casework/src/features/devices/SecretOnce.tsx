import type { IssuedPendant } from '@aware/casework/contract';
import { clientConfigStore, formatDate, formatLastDay, useStore, useT } from '@aware/dashboard/kit';

/** The simulator's credentials file (firmware-sim/src/credentials.ts: `[{ id, secret }]`), made in the browser. */
function downloadSimCredentials(issued: IssuedPendant): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify([{ id: issued.deviceId, secret: issued.secret }], null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `sim-credentials-${issued.deviceId}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

/** The one time a pendant's new secret is shown: for provisioning the pendant before it is handed over. */
export function SecretOnce({ issued, onClose }: { issued: IssuedPendant; onClose: () => void }) {
  const { t, lang } = useT();
  const { testDeployment } = useStore(clientConfigStore);
  return (
    <section className="card issued secret-once" role="alert" aria-label={t('dev.secretTitle')}>
      <h2>{t('dev.secretTitle')}</h2>
      <p>{t('dev.secretHelp')}</p>
      <dl>
        <dt>{t('dev.device')}</dt>
        <dd className="mono select" data-testid="issued-device">
          {issued.deviceId}
        </dd>
        <dt>{t('dev.secret')}</dt>
        <dd className="mono select wrap" data-testid="issued-secret">
          {issued.secret}
        </dd>
        <dt>{t('dev.period')}</dt>
        <dd>
          {formatDate(lang, issued.startsAt)} – {formatLastDay(lang, issued.endsAt)}
        </dd>
        <dt>{t('dev.followUps')}</dt>
        <dd>{issued.followUps.map((f) => formatDate(lang, `${f.dueOn}T12:00:00Z`)).join(', ')}</dd>
      </dl>
      {testDeployment && (
        <p className="hint warn">
          {t('dev.simFileHelp')}{' '}
          <button type="button" onClick={() => downloadSimCredentials(issued)}>
            {t('dev.simFile')}
          </button>
        </p>
      )}
      <button type="button" onClick={onClose}>
        {t('dev.secretSeen')}
      </button>
    </section>
  );
}
