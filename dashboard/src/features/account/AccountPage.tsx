import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { api } from '../../api/http.js';
import { useT } from '../../i18n/i18n.js';
import { NewPasswordFields, newPasswordProblem } from '../signin/credential-fields.js';
import { errorInWords } from '../../api/error-in-words.js';

/**
 * The signed-in user's own account: change the password. Every other session of the account ends (a
 * password someone else knew stops working everywhere at once); this browser stays signed in.
 */
export function AccountPage() {
  const { t, lang } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = newPasswordProblem(next, repeat);
    if (problem) return setMessage({ ok: false, text: t(problem) });
    setBusy(true);
    setMessage(null);
    try {
      await api('POST', '/api/auth/password', { current, next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ ok: true, text: t('account.changed') });
    } catch (err) {
      const text = err instanceof ApiError && err.code === 'DSH_ERR_CREDENTIALS_INVALID' ? t('account.wrongCurrent') : errorInWords(lang, err);
      setMessage({ ok: false, text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page account">
      <h1>{t('account.title')}</h1>
      <form className="card narrow" onSubmit={(e) => void submit(e)}>
        <h2>{t('account.password')}</h2>
        <p className="muted">{t('account.passwordHelp')}</p>
        <label>
          {t('account.current')}
          <input name="current-password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <NewPasswordFields next={next} repeat={repeat} onNext={setNext} onRepeat={setRepeat} />
        {message && (
          <p className={message.ok ? 'banner info' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signin.busy') : t('account.save')}
        </button>
      </form>
    </div>
  );
}
