import type { z } from 'zod';
import type { MessageKey } from '../../i18n/nl.js';

export type UserField = 'username' | 'displayName' | 'email' | 'region' | 'roles';
export type FieldErrors = Partial<Record<UserField, MessageKey>>;

const FIELDS: readonly UserField[] = ['username', 'displayName', 'email', 'region', 'roles'];

/**
 * The problems of a user form in words for the person filling it in, one per field (the first), in the
 * console's language: never zod's English ("roles: Too small: expected array to have >=1 items").
 */
export function userFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
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

/** A refusal of the server that names a field (`roles: ...`, `region: ...`), as a field error; else null. */
export function serverFieldError(message: string): FieldErrors | null {
  if (/\broles: /.test(message)) return { roles: 'users.error.rolesOrganisation' };
  if (/\bregion: /.test(message)) return { region: 'users.error.region' };
  return null;
}
