import { Organisation, Role, ROLE_ORGANISATION } from '@aware/protocol';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { CreateUserBody, type IssuedCredentials } from '../../contract/users.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { usersApi } from './users-api.js';

export function CreateUserForm({ regions, onCreated }: { regions: { code: string; name: string }[]; onCreated: (issued: IssuedCredentials) => void }) {
  const { t } = useT();
  const [form, setForm] = useState({ username: '', displayName: '', email: '', organisation: 'veilig_thuis' as Organisation, region: '', roles: [] as Role[] });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fits = (r: Role) => ROLE_ORGANISATION[r] === undefined || ROLE_ORGANISATION[r] === form.organisation;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateUserBody.safeParse({
      username: form.username,
      displayName: form.displayName,
      ...(form.email ? { email: form.email } : {}),
      organisation: form.organisation,
      region: form.region || null,
      roles: form.roles.filter(fits),
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    setBusy(true);
    setError(null);
    try {
      onCreated(await usersApi.create(parsed.data));
      setForm((f) => ({ ...f, username: '', displayName: '', email: '', roles: [] }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card create-user" onSubmit={(e) => void submit(e)}>
      <h2>{t('users.create')}</h2>
      <label>
        {t('users.username')}
        <input required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} autoComplete="off" />
      </label>
      <label>
        {t('users.displayName')}
        <input required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      </label>
      <label>
        {t('users.email')}
        <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      </label>
      <label>
        {t('users.organisation')}
        <select value={form.organisation} onChange={(e) => setForm({ ...form, organisation: Organisation.parse(e.target.value) })}>
          {Organisation.options.map((o) => (
            <option key={o} value={o}>
              {t(dynamicKey('org', o))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('users.region')}
        <select value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })}>
          <option value="">{t('users.national')}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('users.roles')}</legend>
        {Role.options.filter(fits).map((r) => (
          <label key={r} className="checkbox">
            <input
              type="checkbox"
              checked={form.roles.includes(r)}
              onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })}
            />
            {t(dynamicKey('role', r))}
          </label>
        ))}
      </fieldset>
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
