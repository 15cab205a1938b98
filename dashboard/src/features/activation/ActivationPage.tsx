import { useEffect, useState, type FormEvent } from 'react';
import { completeActivation, openActivation } from '../../api/session-api.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { navigate } from '../../app/router.js';
import type { ActivationInfo } from '../../contract/auth.js';
import { useT } from '../../i18n/i18n.js';
import { QrCode } from '../../ui/QrCode.js';
import { CodeInput, NewPasswordFields, newPasswordProblem } from '../signin/credential-fields.js';
import { errorInWords } from '../../api/error-in-words.js';

/**
 * The first sign-in, from the link `/activate#<code>` an administrator handed over: the person chooses
 * their own password and links their own authenticator app (scan the code, confirm with a code from the
 * app). The code in the link stays in the fragment: it is never sent in a URL or a Referer.
 */
export function ActivationPage() {
  const { t, lang } = useT();
  const code = location.hash.slice(1);
  const [info, setInfo] = useState<ActivationInfo | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    openActivation(code).then(setInfo, (e: unknown) => setFailed(errorInWords(lang, e)));
    // the link is opened once per page load (not again when the language changes)
  }, [code]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = newPasswordProblem(password, repeat);
    if (problem) return setError(t(problem));
    setBusy(true);
    setError(null);
    try {
      await completeActivation(code, password, totp);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorInWords(lang, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <div className="signin-box activation">
        <div className="signin-lang">
          <LanguageSwitch />
        </div>
        <h1>{t('app.title')}</h1>
        <h2>{t('activate.title')}</h2>
        {failed && (
          <p className="error" role="alert">
            {failed}
          </p>
        )}
        {info && (
          <form onSubmit={(e) => void submit(e)}>
            <p>{t('activate.welcome', { name: info.displayName, username: info.username })}</p>
            <NewPasswordFields next={password} repeat={repeat} onNext={setPassword} onRepeat={setRepeat} autoFocus />
            <p>{t('activate.scan')}</p>
            <QrCode text={info.totpUri} label={t('activate.qrLabel')} />
            <details>
              <summary>{t('activate.manual')}</summary>
              <div className="mono select wrap">{new URL(info.totpUri).searchParams.get('secret')}</div>
            </details>
            <CodeInput value={totp} onChange={setTotp} />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary big" disabled={busy}>
              {busy ? t('signin.busy') : t('activate.submit')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
