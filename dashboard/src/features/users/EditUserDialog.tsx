import { useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { errorInWords } from '../../api/error-in-words.js';
import { UpdateUserBody, type UserView } from '../../contract/users.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { Dialog } from '../../ui/Dialog.js';
import { rolesOf, UserFields, type UserFieldValues } from './UserFields.js';
import { refusedFields, userFieldErrors, type FieldErrors } from './user-field-errors.js';
import { usersApi } from './users-api.js';

/** Changes an account's name, e-mail, region and roles; errors in words next to their fields. */
export function EditUserDialog({ user, regions, onSaved, onCancel }: { user: UserView; regions: readonly { code: string; name: string }[]; onSaved: (u: UserView) => void; onCancel: () => void }) {
  const { t, lang } = useT();
  const [values, setValues] = useState<UserFieldValues>({ displayName: user.displayName, email: user.email ?? '', region: user.region ?? '', roles: user.roles });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const fitting = rolesOf(user.organisation);
    const parsed = UpdateUserBody.safeParse({
      displayName: values.displayName,
      email: values.email.trim() ? values.email.trim() : null,
      region: values.region || null,
      roles: values.roles.filter((r) => fitting.includes(r)),
    });
    if (!parsed.success) return setErrors(userFieldErrors(parsed.error.issues));
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      onSaved(await usersApi.update(user.id, parsed.data));
    } catch (e) {
      const fields = e instanceof ApiError ? refusedFields(e) : {};
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setError(errorInWords(lang, e));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('users.editTitle', { username: user.username })} submitLabel={t('users.editSave')} cancelLabel={t('action.cancel')} busy={busy} onCancel={onCancel} onSubmit={() => void save()}>
      <p className="hint">{t('users.editHelp', { organisation: t(dynamicKey('org', user.organisation)) })}</p>
      <UserFields prefix="edit-user" values={values} onChange={setValues} organisation={user.organisation} regions={regions} errors={errors} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
