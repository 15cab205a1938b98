import type { BodyProblem } from '@aware/protocol';
import type { MessageKey } from '../../i18n/nl.js';

export type UserField = 'username' | 'displayName' | 'email' | 'region' | 'roles';
export type FieldErrors = Partial<Record<UserField, MessageKey>>;

const FIELDS: readonly UserField[] = ['username', 'displayName', 'email', 'region', 'roles'];

/**
 * The problems of a user form in words for the person filling it in, one per field (the first), in the
 * console's language: never zod's English ("roles: Too small: expected array to have >=1 items").
 */
export function userFieldErrors(issues: readonly { readonly path: readonly PropertyKey[]; readonly code: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = FIELDS.find((f) => f === issue.path[0]);
    if (!field || errors[field]) continue;
    if (field === 'roles') errors.roles = issue.code === 'custom' ? 'users.error.rolesOrganisation' : 'users.error.roles';
    else if (field === 'displayName') errors.displayName = issue.code === 'too_big' ? 'users.error.displayNameLong' : 'users.error.displayName';
    else errors[field] = `users.error.${field}`;
  }
  return errors;
}

/**
 * The server's refusal of the form as the same words next to the same fields: its `problems` (a role that
 * does not fit, a region that is gone), or a user name that is taken. Empty when it names no field.
 */
export function refusedFields(error: { readonly code: string; readonly problems: readonly BodyProblem[] }): FieldErrors {
  if (error.code === 'DSH_ERR_USER_EXISTS') return { username: 'users.error.exists' };
  return userFieldErrors(error.problems.map((p) => ({ path: p.path.split('.'), code: p.issue })));
}
