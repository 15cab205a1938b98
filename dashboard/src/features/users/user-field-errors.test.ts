import { describe, expect, it } from 'vitest';
import { CreateUserBody } from '../../contract/users.js';
import { userFieldErrors } from './user-field-errors.js';

describe('the errors of a user form', () => {
  it('names each field in words instead of the schema\'s English', () => {
    const parsed = CreateUserBody.safeParse({ username: 'a b', displayName: ' ', email: 'nope', organisation: 'police', region: null, roles: [] });
    expect(parsed.success).toBe(false);
    expect(userFieldErrors(parsed.error!.issues)).toEqual({
      username: 'users.error.username',
      displayName: 'users.error.displayName',
      email: 'users.error.email',
      roles: 'users.error.roles',
    });
  });

  it('says when a role does not belong to the organisation', () => {
    const parsed = CreateUserBody.safeParse({ username: 'anna.b', displayName: 'Anna', organisation: 'police', region: null, roles: ['vt_operator'] });
    expect(userFieldErrors(parsed.error!.issues)).toEqual({ roles: 'users.error.rolesOrganisation' });
  });
});
