import { ROLE_ORGANISATION, Role, type Organisation } from '@aware/protocol';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import type { FieldErrors, UserField } from './user-field-errors.js';
import { RegionOptions } from '../../ui/RegionOptions.js';

export interface UserFieldValues {
  displayName: string;
  email: string;
  region: string;
  roles: Role[];
}

/** The roles an organisation's staff can hold. */
export function rolesOf(organisation: Organisation): Role[] {
  return Role.options.filter((r) => ROLE_ORGANISATION[r] === undefined || ROLE_ORGANISATION[r] === organisation);
}

/** The error under a field, tied to it for screen readers. */
export function FieldError({ field, errors, prefix }: { field: UserField; errors: FieldErrors; prefix: string }) {
  const { t } = useT();
  const key = errors[field];
  return key ? (
    <span className="field-error" id={`${prefix}-${field}-error`} role="alert">
      {t(key)}
    </span>
  ) : null;
}

/** Name, e-mail, region and roles of an account: the fields creating and editing share, each with its error. */
export function UserFields({ prefix, values, onChange, organisation, regions, errors }: {
  prefix: string;
  values: UserFieldValues;
  onChange: (v: UserFieldValues) => void;
  organisation: Organisation;
  regions: readonly { code: string; name: string }[];
  errors: FieldErrors;
}) {
  const { t } = useT();
  const described = (f: UserField) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `${prefix}-${f}-error` } : {});
  return (
    <>
      <label>
        {t('users.displayName')}
        <input value={values.displayName} maxLength={200} onChange={(e) => onChange({ ...values, displayName: e.target.value })} {...described('displayName')} />
        <FieldError field="displayName" errors={errors} prefix={prefix} />
      </label>
      <label>
        {t('users.email')}
        <input type="email" value={values.email} onChange={(e) => onChange({ ...values, email: e.target.value })} {...described('email')} />
        <FieldError field="email" errors={errors} prefix={prefix} />
      </label>
      <label>
        {t('users.region')}
        <select value={values.region} onChange={(e) => onChange({ ...values, region: e.target.value })} {...described('region')}>
          <RegionOptions regions={regions} none={t('users.national')} />
        </select>
        <FieldError field="region" errors={errors} prefix={prefix} />
      </label>
      <fieldset {...described('roles')}>
        <legend>{t('users.roles')}</legend>
        {rolesOf(organisation).map((r) => (
          <label key={r} className="checkbox">
            <input
              type="checkbox"
              checked={values.roles.includes(r)}
              onChange={(e) => onChange({ ...values, roles: e.target.checked ? [...values.roles, r] : values.roles.filter((x) => x !== r) })}
            />
            {t(dynamicKey('role', r))}
          </label>
        ))}
        <FieldError field="roles" errors={errors} prefix={prefix} />
      </fieldset>
    </>
  );
}
