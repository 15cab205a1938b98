import type { IssuedCredentials } from '../../contract/users.js';
import { useT } from '../../i18n/i18n.js';
import { QrCode } from './QrCode.js';

/** The one time a new password and TOTP enrolment code are shown. */
export function IssuedCredentialsView({ issued, onClose }: { issued: IssuedCredentials; onClose: () => void }) {
  const { t } = useT();
  return (
    <section className="card issued" role="alert">
      <h2>{t('users.issuedTitle', { username: issued.user.username })}</h2>
      <p>{t('users.issuedHelp')}</p>
      <dl>
        <dt>{t('users.initialPassword')}</dt>
        <dd className="mono select">{issued.initialPassword}</dd>
        <dt>{t('users.totpUri')}</dt>
        <dd>
          {issued.totpUri && <QrCode text={issued.totpUri} label={t('users.totpUri')} />}
          <div className="mono select wrap">{issued.totpUri}</div>
        </dd>
      </dl>
      <button type="button" onClick={onClose}>
        {t('users.close')}
      </button>
    </section>
  );
}
