import { describe, expect, it } from 'vitest';
import { controlRoomRolesOf, rolesOutsideOrganisation } from './roles.js';

describe('roles and organisations (the one place the rule is written)', () => {
  it('counts a control-room role only in its own organisation', () => {
    expect(controlRoomRolesOf(['police_operator'], 'police')).toEqual(['police_operator']);
    expect(controlRoomRolesOf(['vt_operator', 'vt_caseworker'], 'veilig_thuis')).toEqual(['vt_operator']);
    expect(controlRoomRolesOf(['police_operator'], 'veilig_thuis')).toEqual([]);
    expect(controlRoomRolesOf(['commissie_member', 'admin', 'privacy_officer'], 'police')).toEqual([]);
  });

  it('names the roles an account of an organisation may not hold', () => {
    expect(rolesOutsideOrganisation(['police_operator', 'commissie_member'], 'moviera')).toEqual(['police_operator']);
    expect(rolesOutsideOrganisation(['vt_operator', 'vt_caseworker'], 'veilig_thuis')).toEqual([]);
  });
});
