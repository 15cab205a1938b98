import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@aware/protocol';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../src/outbox/sign.js';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';
import { startWebhookReceiver, type ReceivedRequest } from './helpers/webhook-receiver.js';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';

describe('outbound notifications', () => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let board: TestConsole;
  let pendant: TestPendantClient;
  let alarmId: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    const webhooks = [
      { name: 'police-cad', url: `${receiver.url}/cad`, secret: SECRET, format: 'json', events: ['opened', 'escalated'] },
      { name: 'vt-oncall', url: `${receiver.url}/oncall`, secret: SECRET, format: 'cap', events: ['escalated'], regions: ['utrecht'] },
      { name: 'broken', url: `${receiver.url}/fail/x`, secret: SECRET, format: 'json', events: ['opened'] },
    ];
    stack = await startStack({
      DISPATCH_WEBHOOKS: JSON.stringify(webhooks),
      DISPATCH_ESCALATION_MS: '600',
      DISPATCH_OUTBOX_MAX_ATTEMPTS: '3',
      DISPATCH_OUTBOX_BACKOFF_BASE_MS: '100',
      DISPATCH_OUTBOX_BACKOFF_MAX_MS: '400',
      DISPATCH_OUTBOX_POLL_MS: '100',
    });
    const p = await createAssignedPendant(stack.db.pool, 'pendant-hook-1', 'utrecht');
    // dispatch learns of a new assignment by NOTIFY, asynchronously: the webhooks route on its region
    await waitFor(() => stack.dispatch.context.directory.get(p.id)?.assignment, 5_000, 'directory to learn of the assignment');
    const user = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    board = await openConsole(stack.wsUrl, user.token);
    pendant = await connectPendant(stack.mqttUrl, p);
    const deviceAlarmId = await pendant.press({ fix: { lat: 52.1, lon: 5.1, acc: 15 } });
    alarmId = (await board.waitForAlarm((a) => a.deviceAlarmId === deviceAlarmId)).id;
  });

  afterAll(async () => {
    await board?.close();
    await pendant?.close();
    await stack?.stop();
    await receiver?.close();
  });

  const received = (path: string, topic: string) =>
    waitFor(() => receiver.requests.find((r) => r.path === path && r.headers['x-aware-event'] === topic), 5_000, `${topic} at ${path}`);
  const signedCorrectly = (r: ReceivedRequest) =>
    verifySignature(SECRET, Number(r.headers[TIMESTAMP_HEADER]), r.body, String(r.headers[SIGNATURE_HEADER]));

  it('posts the new alarm to the control-room system as JSON with a valid HMAC-SHA256 signature and no dossier', async () => {
    const request = await received('/cad', 'alarm.opened');
    expect(signedCorrectly(request)).toBe(true);
    expect(verifySignature('another-secret-of-at-least-32-characters', Number(request.headers[TIMESTAMP_HEADER]), request.body, String(request.headers[SIGNATURE_HEADER]))).toBe(false);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ topic: 'alarm.opened', alarm: { id: alarmId, region: 'utrecht', dossier: null, lastFix: { lat: 52.1 } } });
    expect(request.headers['content-type']).toContain('application/json');
    await board.waitForEvent((e): e is LiveEvent => e.type === 'notification' && e.target === 'police-cad' && e.state === 'delivered');
  });

  it('retries a failing receiver with backoff and shows the dead letter on the consoles', async () => {
    const dead = await board.waitForEvent(
      (e): e is Extract<LiveEvent, { type: 'notification' }> => e.type === 'notification' && e.target === 'broken' && e.state === 'dead',
      8_000,
    );
    expect(dead).toMatchObject({ alarmId, attempts: 3 });
    const attempts = receiver.requests.filter((r) => r.path === '/fail/x');
    expect(attempts).toHaveLength(3);
    expect(attempts.every(signedCorrectly)).toBe(true);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(attempts[1]!.at - attempts[0]!.at - 60);
    expect(board.events.filter((e) => e.type === 'notification' && e.target === 'broken' && e.state === 'retrying')).toHaveLength(2);
    const { rows } = await stack.db.pool.query(`SELECT state, attempts, last_status FROM outbox WHERE target = 'broken'`);
    expect(rows).toEqual([{ state: 'dead', attempts: 3, last_status: 500 }]);
  });

  it('notifies the escalation target in CAP 1.2 when nobody acknowledged in time', async () => {
    const request = await received('/oncall', 'alarm.escalated');
    expect(signedCorrectly(request)).toBe(true);
    expect(request.headers['content-type']).toContain('application/cap+xml');
    expect(request.body).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(request.body).toMatch(/<circle>52\.100000,5\.100000 0\.015<\/circle>/);
    expect(request.body).toMatch(/<sent>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00<\/sent>/);
    await received('/cad', 'alarm.escalated');
  });
});
