import { useState, type FormEvent } from 'react';
import { login, submitCode } from '../../api/session-api.js';
import { sessionStore } from '../../app/session-store.js';
import { useT } from '../../i18n/i18n.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { useStore } from '../../stores/use-store.js';
import { CodeInput } from './credential-fields.js';
import { errorInWords } from '../../api/error-in-words.js';

/**
 * Sign-in in two steps: user name and password, then the 6-digit code from the authenticator app (for
 * every role that sees a location or a dossier). Errors say what to do; an unknown user and a wrong
 * password get the same message.
 */
export function SignInPage() {
  const { t, lang } = useT();
  const session = useStore(sessionStore);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notice = session.status === 'signed_out' && session.reason === 'expired' ? t('session.expired') : session.status === 'signed_out' && session.reason === 'logged_out' ? t('session.loggedOut') : null;

  const attempt = async (e: FormEvent, action: () => Promise<void>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorInWords(lang, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <div className="signin-box">
        <div className="signin-lang">
          <LanguageSwitch />
        </div>
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('signin.subtitle')}</p>
        {notice && !error && <p className="banner info">{notice}</p>}
        {step === 'password' ? (
          <form
            onSubmit={(e) =>
              void attempt(e, async () => {
                const result = await login(username, password);
                setPassword('');
                if (result.status === 'mfa_required') setStep('code');
              })
            }
          >
            <h2>{t('signin.title')}</h2>
            <label>
              {t('signin.username')}
              <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
            </label>
            <label>
              {t('signin.password')}
              <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary big" disabled={busy}>
              {busy ? t('signin.busy') : t('signin.submit')}
            </button>
          </form>
        ) : (
          <form onSubmit={(e) => void attempt(e, () => submitCode(code))}>
            <h2>{t('signin.codeTitle')}</h2>
            <p>{t('signin.codeHelp')}</p>
            <CodeInput value={code} onChange={setCode} autoFocus />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary big" disabled={busy}>
              {busy ? t('signin.busy') : t('signin.verify')}
            </button>
            <button
              type="button"
              className="link"
              onClick={() => {
                setStep('password');
                setCode('');
                setError(null);
              }}
            >
              {t('signin.restart')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
