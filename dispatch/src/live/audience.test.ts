import type { Organisation, Role } from '@aware/protocol';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { mayAct, mayWatchLive, sees } from './audience.js';

const who = (organisation: Organisation, region: string | null, ...roles: Role[]): Principal => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  roles,
  organisation,
  region,
});
const utrechtAlarm = { kind: 'alarm', region: 'utrecht' } as const;

describe('who sees what on the live feed (need-to-know)', () => {
  it('shows an alarm to the police and Veilig Thuis operators of its region, and to national ones', () => {
    expect(sees(who('police', 'utrecht', 'police_operator'), utrechtAlarm)).toBe(true);
    expect(sees(who('veilig_thuis', 'utrecht', 'vt_operator'), utrechtAlarm)).toBe(true);
    expect(sees(who('police', null, 'police_operator'), utrechtAlarm)).toBe(true);
    expect(sees(who('police', 'haaglanden', 'police_operator'), utrechtAlarm)).toBe(false);
  });

  it('never shows alarms to roles without need-to-know, nor to a control-room role held in the wrong organisation', () => {
    for (const role of ['vt_caseworker', 'commissie_member', 'device_admin', 'tester', 'privacy_officer', 'admin'] as const) {
      expect(sees(who('veilig_thuis', 'utrecht', role), utrechtAlarm)).toBe(false);
    }
    expect(sees(who('moviera', 'utrecht', 'police_operator'), utrechtAlarm)).toBe(false);
    expect(sees(who('police', 'utrecht', 'vt_operator'), utrechtAlarm)).toBe(false);
  });

  it('shows an alarm without a region to every control room', () => {
    expect(sees(who('police', 'haaglanden', 'police_operator'), { kind: 'alarm', region: null })).toBe(true);
  });

  it('shows technical alarms to Veilig Thuis operators of the region and device administrators, never the police', () => {
    const technical = { kind: 'technical', region: 'utrecht' } as const;
    expect(sees(who('veilig_thuis', 'utrecht', 'vt_operator'), technical)).toBe(true);
    expect(sees(who('veilig_thuis', 'haaglanden', 'vt_operator'), technical)).toBe(false);
    expect(sees(who('veilig_thuis', null, 'device_admin'), technical)).toBe(true);
    expect(sees(who('police', 'utrecht', 'police_operator'), technical)).toBe(false);
    expect(mayWatchLive(who('veilig_thuis', null, 'device_admin'))).toBe(true);
    expect(mayWatchLive(who('veilig_thuis', 'utrecht', 'vt_caseworker'))).toBe(false);
  });

  it('lets only the police dispatch a unit; both control rooms acknowledge and resolve', () => {
    expect(mayAct(who('police', 'utrecht', 'police_operator'), 'dispatch', 'utrecht')).toBe(true);
    expect(mayAct(who('veilig_thuis', 'utrecht', 'vt_operator'), 'dispatch', 'utrecht')).toBe(false);
    expect(mayAct(who('veilig_thuis', 'utrecht', 'vt_operator'), 'acknowledge', 'utrecht')).toBe(true);
    expect(mayAct(who('veilig_thuis', 'utrecht', 'vt_operator'), 'resolve', 'haaglanden')).toBe(false);
  });
});
