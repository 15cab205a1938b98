import { NewPassword } from '../../contract/auth.js';
import { useT } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/nl.js';

/** The 6-digit code from the authenticator app (sign-in and activation). */
export function CodeInput({ value, onChange, autoFocus = false }: { value: string; onChange: (code: string) => void; autoFocus?: boolean }) {
  const { t } = useT();
  return (
    <label>
      {t('signin.code')}
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        required
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
}

/** A new password, typed twice (activation and the account page). */
export function NewPasswordFields(o: { next: string; repeat: string; onNext: (v: string) => void; onRepeat: (v: string) => void; autoFocus?: boolean }) {
  const { t } = useT();
  return (
    <>
      <label>
        {t('activate.password')}
        <input name="new-password" type="password" autoComplete="new-password" required autoFocus={o.autoFocus ?? false} value={o.next} onChange={(e) => o.onNext(e.target.value)} />
      </label>
      <p className="muted">{t('activate.passwordHelp')}</p>
      <label>
        {t('activate.repeat')}
        <input name="repeat-password" type="password" autoComplete="new-password" required value={o.repeat} onChange={(e) => o.onRepeat(e.target.value)} />
      </label>
    </>
  );
}

/** What is wrong with a new password before it is sent (the server checks the same rule, `NewPassword`). */
export function newPasswordProblem(next: string, repeat: string): MessageKey | null {
  if (next !== repeat) return 'activate.mismatch';
  return NewPassword.safeParse(next).success ? null : 'activate.tooShort';
}
