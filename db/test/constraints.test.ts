import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevice } from '../src/devices/index.js';
import { hashPassword } from '../src/passwords.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const UNIQUE_VIOLATION = '23505';

describe('the schema protects the invariants others rely on', () => {
  let db: TestDatabase;
  let policeUser: string;
  let vtUser: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createDevice(db.pool, { id: 'pendant-a', region: 'utrecht' });
    await createDevice(db.pool, { id: 'pendant-b', region: 'utrecht' });
    await createDevice(db.pool, { id: 'pendant-c', region: 'utrecht' });
    const hash = await hashPassword('not used here');
    const users = await db.pool.query<{ id: string }>(
      `INSERT INTO users (username, display_name, organisation, region, password_hash) VALUES
         ('agent', 'Agent', 'police', 'utrecht', $1), ('vt', 'Case worker', 'veilig_thuis', 'utrecht', $1)
       RETURNING id`,
      [hash],
    );
    [policeUser, vtUser] = users.rows.map((r) => r.id) as [string, string];
  });
  afterAll(() => db.close());

  const openAlarm = (device: string, deviceAlarmId: string | null) =>
    db.pool.query<{ id: string }>(
      `INSERT INTO alarms (device_id, device_alarm_id, region, pressed_at) VALUES ($1, $2, 'utrecht', now()) RETURNING id`,
      [device, deviceAlarmId],
    );

  it('one press makes one alarm: a redelivered opening press is a no-op on the alarm id and its press row', async () => {
    const { rows } = await openAlarm('pendant-a', 'press-0001');
    const id = rows[0]!.id;
    const again = await db.pool.query(
      `INSERT INTO alarms (id, device_id, device_alarm_id, pressed_at) VALUES ($1, 'pendant-a', 'press-0001', now()) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id],
    );
    expect(again.rowCount).toBe(0);
    const press = `INSERT INTO alarm_presses (alarm_id, device_id, device_alarm_id, pressed_at) VALUES ($1, 'pendant-a', 'press-0001', now())
                   ON CONFLICT (alarm_id, device_alarm_id) DO NOTHING`;
    expect((await db.pool.query(press, [id])).rowCount).toBe(1);
    expect((await db.pool.query(press, [id])).rowCount).toBe(0);
  });

  it('a pendant has at most one open alarm; after it is resolved the next press opens a new one', async () => {
    await expect(openAlarm('pendant-a', 'press-0002')).rejects.toMatchObject({ code: UNIQUE_VIOLATION });
    await db.pool.query(`UPDATE alarms SET state = 'resolved', resolved_at = now(), outcome = 'test' WHERE device_id = 'pendant-a'`);
    await expect(openAlarm('pendant-a', 'press-0002')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('a press without a readable alarm id is still an alarm', async () => {
    const { rows } = await openAlarm('pendant-b', null);
    expect(rows[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every press of an alarm is recorded once by its own idempotency key', async () => {
    const alarm = (await db.pool.query<{ id: string }>(`SELECT id FROM alarms WHERE device_id = 'pendant-b'`)).rows[0]?.id;
    const press = `INSERT INTO alarm_presses (alarm_id, device_id, device_alarm_id, pressed_at) VALUES ($1, 'pendant-b', 'press-b-0001', now())`;
    await db.pool.query(press, [alarm]);
    await expect(db.pool.query(press, [alarm])).rejects.toMatchObject({ code: UNIQUE_VIOLATION });
  });

  it('a key a pendant used for a resolved alarm may come again with a new alarm (its counter was reset)', async () => {
    const { rows } = await openAlarm('pendant-c', 'counter-0001');
    await db.pool.query(`INSERT INTO alarm_presses (alarm_id, device_id, device_alarm_id, pressed_at) VALUES ($1, 'pendant-c', 'counter-0001', now())`, [rows[0]!.id]);
    await db.pool.query(`UPDATE alarms SET state = 'resolved', resolved_at = now(), outcome = 'false_alarm' WHERE id = $1`, [rows[0]!.id]);
    const next = await openAlarm('pendant-c', 'counter-0001');
    await db.pool.query(`INSERT INTO alarm_presses (alarm_id, device_id, device_alarm_id, pressed_at) VALUES ($1, 'pendant-c', 'counter-0001', now())`, [next.rows[0]!.id]);
    const keys = await db.pool.query(`SELECT count(*)::int AS n FROM alarm_presses WHERE device_id = 'pendant-c' AND device_alarm_id = 'counter-0001'`);
    expect(keys.rows[0].n).toBe(2);
  });

  it('a resolved alarm needs an outcome', async () => {
    await expect(db.pool.query(`UPDATE alarms SET state = 'resolved', resolved_at = now() WHERE device_id = 'pendant-b'`)).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('a technical alarm is open once per pendant and kind (one per episode)', async () => {
    const open = `INSERT INTO technical_alarms (device_id, kind) VALUES ('pendant-a', 'pendant_silent')`;
    await db.pool.query(open);
    await expect(db.pool.query(open)).rejects.toMatchObject({ code: UNIQUE_VIOLATION });
    await db.pool.query(`UPDATE technical_alarms SET cleared_at = now() WHERE device_id = 'pendant-a'`);
    await expect(db.pool.query(open)).resolves.toMatchObject({ rowCount: 1 });
  });

  it('each organisation votes once per application, and only through its own members', async () => {
    const client = await db.pool.query<{ id: string }>(`INSERT INTO clients (region, name) VALUES ('utrecht', 'Client') RETURNING id`);
    const application = await db.pool.query<{ id: string }>(
      `INSERT INTO applications (client_id, region, created_by, status, submitted_at) VALUES ($1, 'utrecht', $2, 'under_review', now()) RETURNING id`,
      [client.rows[0]?.id, vtUser],
    );
    const vote = (user: string, organisation: string) =>
      db.pool.query(`INSERT INTO votes (application_id, organisation, user_id, vote, motivation) VALUES ($1, $2, $3, 'approve', 'ok')`, [
        application.rows[0]?.id,
        organisation,
        user,
      ]);
    await vote(policeUser, 'police');
    await expect(vote(policeUser, 'police')).rejects.toMatchObject({ code: UNIQUE_VIOLATION });
    await expect(vote(policeUser, 'moviera')).rejects.toMatchObject({ code: '23503' });
  });

  it('a submitted application changes content only together with its amendment', async () => {
    const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM applications LIMIT 1`);
    const id = rows[0]?.id;
    await expect(db.pool.query(`UPDATE applications SET content = '{"risk":"changed"}' WHERE id = $1`, [id])).rejects.toMatchObject({
      code: '23514',
    });
    await db.pool.query(
      `INSERT INTO application_amendments (application_id, version, previous_content, content, reason, amended_by)
       VALUES ($1, 1, '{}', '{"risk":"changed"}', 'new police report', $2)`,
      [id, vtUser],
    );
    await expect(
      db.pool.query(`UPDATE applications SET content = '{"risk":"changed"}', content_version = 1 WHERE id = $1`, [id]),
    ).resolves.toMatchObject({ rowCount: 1 });
  });

  it('a pendant is with one client at a time', async () => {
    const client = (await db.pool.query<{ id: string }>(`SELECT id FROM clients LIMIT 1`)).rows[0]?.id;
    const assign = () =>
      db.pool.query(
        `INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at) VALUES ('pendant-b', $1, now(), now() + interval '6 months')`,
        [client],
      );
    await assign();
    await expect(assign()).rejects.toMatchObject({ code: UNIQUE_VIOLATION });
  });
});
