import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@aware/protocol';
import { isAlarmEvent, openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant, createPendant, type TestPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const fix = { lat: 52.0907, lon: 5.1214, acc: 12 };

describe('a press on a pendant', () => {
  let stack: Stack;
  let police: TestConsole;
  let vt: TestConsole;
  let otherRegion: TestConsole;
  let assigned: TestPendant;
  let pendant: TestPendantClient;

  beforeAll(async () => {
    stack = await startStack();
    const pool = stack.db.pool;
    assigned = await createAssignedPendant(pool, 'pendant-utr-1', 'utrecht', 'Anna Jansen');
    const policeUser = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const vtUser = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    const otherUser = await createUser(pool, { organisation: 'police', region: 'haaglanden', roles: ['police_operator'] });
    police = await openConsole(stack.wsUrl, policeUser.token);
    vt = await openConsole(stack.wsUrl, vtUser.token);
    otherRegion = await openConsole(stack.wsUrl, otherUser.token);
    pendant = await connectPendant(stack.mqttUrl, assigned);
  });

  afterAll(async () => {
    await Promise.all([police, vt, otherRegion].map((c) => c?.close()));
    await pendant?.close();
    await stack?.stop();
  });

  it('reaches the police and Veilig Thuis consoles of its region with the dossier card, and not another region', async () => {
    const alarmId = await pendant.press({ fix });
    const opened = (c: TestConsole) => c.waitForEvent((e): e is Extract<LiveEvent, { type: 'alarm' }> => isAlarmEvent(e) && e.change === 'opened' && e.alarm.deviceAlarmId === alarmId);
    const [atPolice, atVt] = await Promise.all([opened(police), opened(vt)]);
    expect(atPolice.alarm).toMatchObject({ deviceId: assigned.id, region: 'utrecht', state: 'new', pressCount: 1, flags: { invalidPayload: false, noFix: false, unassigned: false } });
    expect(atPolice.alarm.lastFix).toMatchObject(fix);
    expect(atPolice.alarm.dossier).toMatchObject({ clientName: 'Anna Jansen', perpetrators: [{ vehicle: 'blue VW Golf XX-123-Y' }] });
    expect(atVt.alarm.id).toBe(atPolice.alarm.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(otherRegion.events.filter(isAlarmEvent)).toEqual([]);
  });

  it('is confirmed to the pendant with alarm_received once it is in the database', async () => {
    const alarmId = await pendant.press({ alarmId: 'confirm-me-0001', fix });
    await pendant.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === alarmId);
    const { rows } = await stack.db.pool.query(`SELECT alarm_id FROM alarm_presses WHERE device_alarm_id = $1`, [alarmId]);
    expect(rows).toHaveLength(1);
  });

  it('attaches repeated presses to the open alarm instead of opening new ones', async () => {
    const open = [...police.board().values()].filter((a) => a.deviceId === assigned.id);
    expect(open).toHaveLength(1);
    await pendant.press({ alarmId: 'third-press-0001' });
    await pendant.press({ alarmId: 'third-press-0001' }); // the pendant resending the same press
    await pendant.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === 'third-press-0001');
    const alarm = await police.waitForAlarm((a) => a.deviceId === assigned.id && a.pressCount === 3);
    const { rows } = await stack.db.pool.query(`SELECT id, press_count FROM alarms WHERE device_id = $1`, [assigned.id]);
    await waitFor(async () => (await stack.db.pool.query(`SELECT press_count FROM alarms WHERE id = $1`, [alarm.id])).rows[0]?.press_count === 3);
    expect(rows).toHaveLength(1);
    const presses = await stack.db.pool.query(`SELECT count(*)::int AS n FROM alarm_presses WHERE alarm_id = $1`, [alarm.id]);
    expect(presses.rows[0].n).toBe(3);
  });

  it('raises an alarm for an unassigned pendant, flagged, to every control room of its registered region', async () => {
    const loose = await createPendant(stack.db.pool, 'pendant-loose-1', 'utrecht');
    await waitFor(() => stack.dispatch.context.directory.get(loose.id), 5_000, 'directory to learn of the new pendant');
    const client = await connectPendant(stack.mqttUrl, loose);
    try {
      const alarmId = await client.press();
      const alarm = await vt.waitForAlarm((a) => a.deviceAlarmId === alarmId);
      expect(alarm).toMatchObject({ flags: { unassigned: true, noFix: true, invalidPayload: false }, dossier: null, region: 'utrecht' });
      await police.waitForAlarm((a) => a.id === alarm.id);
      await client.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === alarmId);
    } finally {
      await client.close();
    }
  });

  it('carries the dossier of a pendant pressed right after its hand-over, before the change notification came through', async () => {
    const pool = stack.db.pool;
    const fresh = await createPendant(pool, 'pendant-fresh-1', 'utrecht');
    await waitFor(() => stack.dispatch.context.directory.get(fresh.id), 5_000, 'directory to learn of the new pendant');
    // the hand-over commits, but its notification is held back (as when dispatch's listener lags)
    await pool.query(`ALTER TABLE device_assignments DISABLE TRIGGER device_assignments_dispatch_directory`);
    const client = await connectPendant(stack.mqttUrl, fresh);
    try {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO clients (region, name, address, phone, risk_notes, status) VALUES ('utrecht', 'Fatima El Amrani', 'Plein 2, Utrecht', '06-87654321', 'Stalking', 'active') RETURNING id`,
      );
      await pool.query(`INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at, handed_over_at) VALUES ($1, $2, now(), now() + interval '6 months', now())`, [fresh.id, rows[0]!.id]);
      expect(stack.dispatch.context.directory.get(fresh.id)?.assignment).toBeNull();

      const alarmId = await client.press({ fix });
      const alarm = await police.waitForAlarm((a) => a.deviceAlarmId === alarmId);
      expect(alarm).toMatchObject({ flags: { unassigned: false }, dossier: { clientName: 'Fatima El Amrani' }, region: 'utrecht' });
      const stored = await waitFor(async () => (await pool.query(`SELECT client_id FROM alarms WHERE device_alarm_id = $1`, [alarmId])).rows[0]);
      expect(stored.client_id).toBe(rows[0]!.id);
    } finally {
      await pool.query(`ALTER TABLE device_assignments ENABLE TRIGGER device_assignments_dispatch_directory`);
      await client.close();
    }
  });

  it('raises an alarm for an unreadable press, flagged invalidPayload, and confirms it', async () => {
    const broken = await createAssignedPendant(stack.db.pool, 'pendant-broken-1', 'utrecht');
    await waitFor(() => stack.dispatch.context.directory.get(broken.id)?.assignment, 5_000, 'directory to learn of the assignment');
    const client = await connectPendant(stack.mqttUrl, broken);
    try {
      await client.publishRaw('alarm', '{"alarmId": 42, "garbage": true}');
      const alarm = await police.waitForAlarm((a) => a.deviceId === broken.id);
      expect(alarm).toMatchObject({ deviceAlarmId: null, flags: { invalidPayload: true, noFix: true, unassigned: false } });
      await client.waitForCommand((c) => c.type === 'alarm_received');
      const { rows } = await stack.db.pool.query(`SELECT invalid_payload, device_alarm_id FROM alarms WHERE id = $1`, [alarm.id]);
      expect(rows[0]).toEqual({ invalid_payload: true, device_alarm_id: null });
    } finally {
      await client.close();
    }
  });

  it('extends the trail with location updates and pushes them live', async () => {
    const alarm = [...police.board().values()].find((a) => a.deviceId === assigned.id)!;
    const trailRows = async () => (await stack.db.pool.query(`SELECT count(*)::int AS n FROM alarm_trail WHERE alarm_id = $1`, [alarm.id])).rows[0].n as number;
    const before = await trailRows();
    await pendant.location('third-press-0001', { lat: 52.1, lon: 5.13, acc: 8, ts: Date.now() });
    const trail = await vt.waitForEvent((e): e is Extract<LiveEvent, { type: 'trail' }> => e.type === 'trail' && e.alarmId === alarm.id);
    expect(trail.point).toMatchObject({ lat: 52.1, lon: 5.13 });
    await waitFor(async () => (await trailRows()) === before + 1);
  });

  it('writes every dossier card shown on a console to the access log', async () => {
    const alarm = [...police.board().values()].find((a) => a.deviceId === assigned.id)!;
    const rows = await waitFor(async () => {
      const r = await stack.db.pool.query(`SELECT username, role, client_id FROM access_log WHERE subject_id = $1`, [alarm.id]);
      return r.rows.length >= 2 ? r.rows : undefined;
    });
    expect(rows.map((r) => r.role).sort()).toEqual(['police_operator', 'vt_operator']);
    expect(rows[0].client_id).toBe(assigned.clientId);
  });
});
