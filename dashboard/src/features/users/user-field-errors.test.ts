import { describe, expect, it } from 'vitest';
import { CreateUserBody } from '../../contract/users.js';
import { refusedFields, userFieldErrors } from './user-field-errors.js';

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

describe("the server's refusal of a user form", () => {
  it('puts each refused field in the same words next to the same field', () => {
    expect(refusedFields({ code: 'DSH_ERR_BODY_INVALID', problems: [{ path: 'roles', issue: 'custom', message: 'vt_operator not possible in police' }, { path: 'region', issue: 'custom', message: 'unknown region' }] })).toEqual({
      roles: 'users.error.rolesOrganisation',
      region: 'users.error.region',
    });
  });

  it('says a taken user name at the user name, and names no field for a refusal without one', () => {
    expect(refusedFields({ code: 'DSH_ERR_USER_EXISTS', problems: [] })).toEqual({ username: 'users.error.exists' });
    expect(refusedFields({ code: 'DSH_ERR_FORBIDDEN', problems: [] })).toEqual({});
  });
});
