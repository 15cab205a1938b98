import { Organisation } from '@aware/protocol';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { errorInWords } from '../../api/error-in-words.js';
import { CreateUserBody, type IssuedCredentials } from '../../contract/users.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { FieldError, rolesOf, UserFields, type UserFieldValues } from './UserFields.js';
import { refusedFields, userFieldErrors, type FieldErrors } from './user-field-errors.js';
import { usersApi } from './users-api.js';

const EMPTY: UserFieldValues = { displayName: '', email: '', region: '', roles: [] };

/** A new account: checked as the server checks it, each problem in words next to its field (noValidate: no browser English). */
export function CreateUserForm({ regions, onCreated }: { regions: { code: string; name: string }[]; onCreated: (issued: IssuedCredentials) => void }) {
  const { t, lang } = useT();
  const [username, setUsername] = useState('');
  const [organisation, setOrganisation] = useState<Organisation>('veilig_thuis');
  const [values, setValues] = useState<UserFieldValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fitting = rolesOf(organisation);
    const parsed = CreateUserBody.safeParse({
      username,
      displayName: values.displayName,
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      organisation,
      region: values.region || null,
      roles: values.roles.filter((r) => fitting.includes(r)),
    });
    if (!parsed.success) return setErrors(userFieldErrors(parsed.error.issues));
    setErrors({});
    setBusy(true);
    setError(null);
    try {
      onCreated(await usersApi.create(parsed.data));
      setUsername('');
      setValues(EMPTY);
    } catch (err) {
      const fields = err instanceof ApiError ? refusedFields(err) : {};
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setError(errorInWords(lang, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card create-user" noValidate onSubmit={(e) => void submit(e)}>
      <h2>{t('users.create')}</h2>
      <label>
        {t('users.username')}
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          {...(errors.username ? { 'aria-invalid': true, 'aria-describedby': 'new-user-username-error' } : {})}
        />
        <FieldError field="username" errors={errors} prefix="new-user" />
      </label>
      <label>
        {t('users.organisation')}
        <select value={organisation} onChange={(e) => setOrganisation(Organisation.parse(e.target.value))}>
          {Organisation.options.map((o) => (
            <option key={o} value={o}>
              {t(dynamicKey('org', o))}
            </option>
          ))}
        </select>
      </label>
      <UserFields prefix="new-user" values={values} onChange={setValues} organisation={organisation} regions={regions} errors={errors} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('users.save')}
      </button>
    </form>
  );
}
