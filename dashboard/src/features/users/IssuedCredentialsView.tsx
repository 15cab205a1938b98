import type { IssuedCredentials } from '../../contract/users.js';
import { useT } from '../../i18n/i18n.js';
import { formatDateTime } from '../../i18n/format.js';

/** The activation link of a new account (or of new credentials): shown this once, to hand over. */
export function IssuedCredentialsView({ issued, onClose }: { issued: IssuedCredentials; onClose: () => void }) {
  const { t, lang } = useT();
  if (!issued.activation) return null;
  const link = `${location.origin}/activate#${issued.activation.code}`;
  return (
    <section className="card issued" role="alert">
      <h2>{t('users.issuedTitle', { username: issued.user.username })}</h2>
      <p>{t('users.issuedHelp')}</p>
      <dl>
        <dt>{t('users.activationLink')}</dt>
        <dd className="mono select wrap">{link}</dd>
        <dt>{t('users.activationUntil')}</dt>
        <dd>{formatDateTime(lang, issued.activation.expiresAt)}</dd>
      </dl>
      <button type="button" onClick={onClose}>
        {t('users.close')}
      </button>
    </section>
  );
}
