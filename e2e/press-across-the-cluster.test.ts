import { once } from 'node:events';
import type { ApplicationView, IssuedPendant, RegisteredPendants } from '@aware/casework/contract';
import type { Pendant } from '@aware/firmware-sim';
import { deviceTopic, serviceUsername, type AlarmView, type LiveEvent, type TechnicalAlarmView } from '@aware/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { credentials, mosquittoPub, mosquittoSub } from '../broker/test/helpers/mosquitto-clients.js';
import { waitFor } from '../dispatch/test/helpers/wait.js';
import { initialContent } from '../casework/test/commissie-fixtures.js';
import { consolesOn, controlRooms, createAssignedPendant, createUser, onlinePendant, openConsole, pressUntilConfirmed, type TestConsole, type TestPendant, type TestUser } from './helpers/people.js';
import { SECRETS, health, startTopology, type Topology } from './helpers/topology.js';
import { printTailsOnFailure } from './helpers/service-process.js';

let topology: Topology;
let rooms: { police: TestUser; vt: TestUser };
let pendants: TestPendant[];
const online: Pendant[] = [];
const consoles: TestConsole[] = [];

beforeAll(async () => {
  topology = await startTopology();
  rooms = await controlRooms(topology.db.pool);
  pendants = [];
  for (const id of ['e2e-press-1', 'e2e-press-2', 'e2e-press-3']) pendants.push(await createAssignedPendant(topology.db.pool, id, 'utrecht'));
}, 120_000);

afterEach(printTailsOnFailure);

afterAll(async () => {
  await Promise.all(consoles.map((c) => c.close()));
  await Promise.all(online.map((p) => p.stop()));
  await topology?.stop();
}, 60_000);

const opened = (c: TestConsole, alarmId: string) => c.events.filter((e) => e.type === 'alarm' && e.change === 'opened' && e.alarm.id === alarmId).length;
const alarmOf = async (deviceId: string): Promise<AlarmView> =>
  waitFor(() => consoles[0]!.waitForAlarm((a) => a.deviceId === deviceId, 10_000), 10_000, `the alarm of ${deviceId}`);

describe('the production topology as processes (two brokers on Redis, two console nodes, ingest)', () => {
  it('has one active dispatch node and one standby, and every node is healthy', async () => {
    const active = await topology.active();
    const standby = topology.consoles.find((c) => c !== active)!;
    expect(await health(standby)).toMatchObject({ role: 'standby', leader: active.dispatchHttp, broker: true });
    consoles.push(...(await consolesOn([topology.consoles[0].ws(), topology.consoles[1].ws()], [rooms.police, rooms.vt])));
  });

  it('brings a press on broker-1 to the police and Veilig Thuis consoles on both nodes once, and tells the pendant with its own id at the first attempt', async () => {
    const pendant = await onlinePendant(pendants[0]!, topology.brokers[0].url());
    online.push(pendant);
    const confirmed = await pressUntilConfirmed(pendant);
    expect(confirmed.attempts).toBe(1);
    const alarm = await alarmOf(pendant.id);
    expect(alarm.deviceAlarmId).toBe(confirmed.alarmId);
    for (const c of consoles) {
      await c.waitForAlarm((a) => a.id === alarm.id && a.dossier !== null, 5_000);
      expect(opened(c, alarm.id)).toBe(1);
    }
    const { rows } = await topology.db.pool.query(`SELECT device_alarm_id FROM alarms WHERE device_id = $1`, [pendant.id]);
    expect(rows).toEqual([{ device_alarm_id: confirmed.alarmId }]);
  });

  it('does the same for a foreign MQTT client (mosquitto_pub) on broker-2, confirmed with its own alarm id', async () => {
    const p = pendants[1]!;
    const port = (b: number) => topology.brokers[b]!.port;
    // the confirmation, seen by the simulator's admin account on the other broker
    const watch = mosquittoSub([...credentials(port(0), `${serviceUsername('sim-admin')}:e2e`, serviceUsername('sim-admin'), SECRETS.simAdmin), '-t', deviceTopic(p.id, 'cmd'), '-C', '1', '-q', '1'], 20_000);
    await watch.subscribed;
    const alarmId = 'mosq-e2e-press-0001';
    const press = JSON.stringify({ alarmId, ts: Date.now(), battery: 77 });
    const pub = await mosquittoPub([...credentials(port(1), p.id, p.id, p.secret), '-t', deviceTopic(p.id, 'alarm'), '-q', '1', '-m', press]);
    expect(pub.code).toBe(0);
    const seen = await watch.done;
    const command = JSON.parse(seen.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1) ?? '{}') as { type?: string; alarmId?: string };
    expect(command).toMatchObject({ type: 'alarm_received', alarmId });
    const alarm = await alarmOf(p.id);
    for (const c of consoles) {
      await c.waitForAlarm((a) => a.id === alarm.id, 5_000);
      expect(opened(c, alarm.id)).toBe(1);
    }
  });

  it('lets an operator on the standby node acknowledge (as a tool) and resolve (as the browser): every console on both nodes shows it, and the pendant hears it', async () => {
    const active = await topology.active();
    const standby = topology.consoles.find((c) => c !== active)!;
    const pendant = online[0]!;
    const alarm = await alarmOf(pendant.id);
    const heard = new Promise<void>((resolve) => pendant.on('acknowledged', (a) => a.alarmId === alarm.deviceAlarmId && resolve()));
    const response = await fetch(`${standby.http}/api/alarms/${alarm.id}/ack`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rooms.police.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'on it' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as AlarmView).state).toBe('acknowledged');
    for (const c of consoles) await c.waitForAlarm((a) => a.id === alarm.id && a.state === 'acknowledged', 5_000);
    await heard;
    // A relayed read is access-logged once, by the active node, with the operator's address (the load
    // balancer's X-Forwarded-For, trusted as in compose), not the relaying node's.
    const detail = await fetch(`${standby.http}/api/alarms/${alarm.id}`, { headers: { authorization: `Bearer ${rooms.vt.token}`, 'x-forwarded-for': '203.0.113.9' } });
    expect(detail.status).toBe(200);
    const logged = await waitFor(async () => {
      const { rows } = await topology.db.pool.query<{ ip: string }>(`SELECT host(ip) AS ip FROM access_log WHERE user_id = $1 AND details->>'channel' = 'detail'`, [rooms.vt.userId]);
      return rows.length > 0 ? rows : null;
    }, 5_000, 'the relayed read in the access log');
    expect(logged).toEqual([{ ip: '203.0.113.9' }]);

    // as the browser does it: the session cookie and the CSRF token, on the standby's console, relayed to
    // the active node (whose own port takes the cookie only with the relay's signature)
    const cookie = `aware_session=${rooms.vt.token}`;
    const session = (await (await fetch(`${standby.http}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const browserResolve = await fetch(`${standby.http}/api/alarms/${alarm.id}/resolve`, {
      method: 'POST',
      headers: { cookie, origin: standby.http, 'x-aware-csrf': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'test' }),
    });
    expect(browserResolve.status).toBe(200);
    // straight to the active node's own port, the same cookie request is refused
    const direct = await fetch(`${active.dispatchHttp}/api/alarms/${alarm.id}/ack`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(direct.status).toBe(403);
  });

  it('resumes a console that moves to the other node from its last sequence number, without a gap or a duplicate', async () => {
    const first = await openConsole(topology.consoles[0].ws(), rooms.police.token);
    await first.waitForEvent((e): e is LiveEvent => e.type === 'snapshot');
    const lastSeq = first.lastSeq()!;
    await first.close();
    // while it is away: a press and a location update
    const pendant = await onlinePendant(pendants[2]!, topology.brokers[1].url());
    online.push(pendant);
    await pressUntilConfirmed(pendant);
    const moved = await openConsole(topology.consoles[1].ws(), rooms.police.token, { sinceSeq: lastSeq });
    consoles.push(moved);
    await moved.waitForAlarm((a) => a.deviceId === pendant.id, 5_000);
    const seqs = moved.events.filter((e) => e.type !== 'ping').map((e) => (e as { seq: number }).seq);
    expect(moved.events.some((e) => e.type === 'snapshot')).toBe(false);
    expect(seqs[0]).toBe(lastSeq + 1);
    expect(seqs).toEqual(seqs.map((_, i) => lastSeq + 1 + i));
  });

  it("brings a pendant's low battery, raised by the ingest process, to the Veilig Thuis consoles on both nodes, never the police; an operator on the standby takes and resolves it", async () => {
    const p = await createAssignedPendant(topology.db.pool, 'e2e-battery-1', 'utrecht');
    online.push(await onlinePendant(p, topology.brokers[1].url(), { batteryPercent: 12 }));
    // consolesOn: per node the police console, then Veilig Thuis
    const [policeA, vtA, policeB, vtB] = consoles as [TestConsole, TestConsole, TestConsole, TestConsole];
    type Technical = Extract<LiveEvent, { type: 'technical' }>;
    const change = (c: TestConsole, what: Technical['change']) =>
      c.waitForEvent((e): e is Technical => e.type === 'technical' && e.technical.deviceId === p.id && e.change === what, 20_000);
    const opened = await change(vtA, 'opened');
    await change(vtB, 'opened');
    expect(opened.technical).toMatchObject({ kind: 'battery_low', clearedAt: null, handling: null });

    const active = await topology.active();
    const standby = topology.consoles.find((c) => c !== active)!;
    const taken = await fetch(`${standby.http}/api/technical/${opened.technical.id}/ack`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rooms.vt.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(taken.status).toBe(200);
    expect(((await taken.json()) as TechnicalAlarmView).handling).toMatchObject({ resolvedAt: null });
    for (const c of [vtA, vtB]) await change(c, 'acknowledged');

    // as the browser does it, on the standby's console: cookie and CSRF token, relayed to the active node
    const cookie = `aware_session=${rooms.vt.token}`;
    const session = (await (await fetch(`${standby.http}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const resolved = await fetch(`${standby.http}/api/technical/${opened.technical.id}/resolve`, {
      method: 'POST',
      headers: { cookie, origin: standby.http, 'x-aware-csrf': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ resolution: 'pendant_charged' }),
    });
    expect(resolved.status).toBe(200);
    for (const c of [vtA, vtB]) expect((await change(c, 'resolved')).technical.handling).toMatchObject({ resolution: 'pendant_charged' });
    const { rows } = await topology.db.pool.query(`SELECT kind::text, resolution, resolved_by FROM technical_alarms WHERE device_id = $1`, [p.id]);
    expect(rows).toEqual([{ kind: 'battery_low', resolution: 'pendant_charged', resolved_by: rooms.vt.userId }]);
    for (const c of [policeA, policeB]) expect(c.events.some((e) => e.type === 'technical')).toBe(false);
  });

  it('carries casework across the nodes: filed and decided on one, registered and issued on the other; the new secret works on either broker, a press shows her dossier on both nodes, and the return cuts the pendant off everywhere', async () => {
    const [nodeA, nodeB] = topology.consoles;
    const db = topology.db.pool;
    // as a tool would (bearer token), on whichever node the load balancer picks
    const call = async <T>(user: TestUser, node: { http: string }, method: 'POST' | 'GET', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${node.http}${path}`, {
        method,
        headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    };
    const caseWorker = await createUser(db, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    const members = await Promise.all((['police', 'moviera', 'veilig_thuis'] as const).map((organisation) => createUser(db, { organisation, region: 'utrecht', roles: ['commissie_member'] })));
    const deviceAdmin = await createUser(db, { organisation: 'veilig_thuis', region: null, roles: ['device_admin'] });

    const draft = await call<ApplicationView>(caseWorker, nodeA, 'POST', '/api/applications', { content: initialContent({ name: 'Noor Visser' }) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await call(caseWorker, nodeA, 'POST', `/api/applications/${draft.body.id}/submit`)).status).toBe(200);
    for (const member of members) {
      const voted = await call(member, nodeB, 'POST', `/api/applications/${draft.body.id}/votes`, { vote: 'approve', motivation: 'voldoet aan de voorwaarden' });
      expect(voted.status, JSON.stringify(voted.body)).toBe(200);
    }
    const registered = await call<RegisteredPendants>(deviceAdmin, nodeB, 'POST', '/api/stock', { pendants: [{ id: 'e2e-issued-1', region: 'utrecht' }] });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const issued = await call<IssuedPendant>(deviceAdmin, nodeA, 'POST', '/api/assignments', { applicationId: draft.body.id, deviceId: 'e2e-issued-1' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { deviceId, secret } = issued.body;

    // the supplier's secret stopped working at the hand-over; the new one works on the other broker too
    const port = (b: number) => topology.brokers[b]!.port;
    const heartbeat = (b: number, password: string) =>
      mosquittoPub([...credentials(port(b), deviceId, deviceId, password), '-t', deviceTopic(deviceId, 'hb'), '-q', '1', '-m', JSON.stringify({ ts: Date.now(), battery: 90 })]);
    expect((await heartbeat(0, registered.body.pendants[0]!.secret)).code).not.toBe(0);
    expect((await heartbeat(0, secret)).code).toBe(0);
    const pendant = await onlinePendant({ id: deviceId, secret, clientId: null }, topology.brokers[1].url());
    online.push(pendant);
    await pressUntilConfirmed(pendant);
    for (const c of consoles) await c.waitForAlarm((a) => a.deviceId === deviceId && a.dossier?.clientName === 'Noor Visser', 10_000);

    // returned on the other node: the broker it is on drops it, and neither broker lets it back in
    const dropped = once(pendant, 'disconnected');
    const refused = once(pendant, 'refused');
    const returned = await call(deviceAdmin, nodeB, 'POST', `/api/assignments/${issued.body.assignmentId}/return`, { reason: 'withdrawn' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(204);
    const within = <T>(p: Promise<T>, what: string) =>
      Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within 10 s`)), 10_000).unref())]);
    await within(dropped, 'drop of the returned pendant by its broker');
    await within(refused, 'refusal of the returned pendant when it reconnects');
    expect((await heartbeat(0, secret)).code).not.toBe(0);
  });
});
