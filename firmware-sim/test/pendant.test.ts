import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { deviceTopic, parseUplink } from '@aware/protocol';
import { Pendant } from '../src/pendant.js';
import type { PendantOptions } from '../src/pendant-options.js';
import type { SentMessage } from '../src/pendant-events.js';
import { startMosquitto, type PrivateMosquitto } from './harness/mosquitto.js';
import { cmdId, startResponder, type Responder } from './harness/responder.js';
import { waitForEvent } from './harness/wait.js';

const FAST = { initialMs: 100, maxMs: 400, factor: 2 };

let broker: PrivateMosquitto;
const open: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.stop()));
});

let counter = 0;
function pendant(overrides: Partial<PendantOptions> = {}): Pendant {
  counter += 1;
  const p = new Pendant({
    id: `sim-unit-${process.pid}-${counter}`,
    secret: 'unused-by-mosquitto',
    url: broker.url,
    seed: counter,
    gps: { missingRate: 0, coarseRate: 0 },
    alarmRetry: FAST,
    reconnect: FAST,
    ...overrides,
  });
  open.push(p);
  return p;
}

async function responder(options: Partial<Parameters<typeof startResponder>[0]> = {}): Promise<Responder> {
  const r = await startResponder({ url: broker.url, ...options });
  open.push(r);
  return r;
}

function sentOn(p: Pendant, channel: SentMessage['channel']): SentMessage[] {
  const sent: SentMessage[] = [];
  p.on('sent', (m) => m.channel === channel && sent.push(m));
  return sent;
}

describe('pendant against a broker', () => {
  it('says it is online, heartbeats at once, and a press is confirmed by alarm_received', async () => {
    await responder();
    const p = pendant();
    const heartbeats = sentOn(p, 'hb');
    p.start();
    await waitForEvent(p, 'connected');
    expect(heartbeats).toHaveLength(1);
    const alarmId = p.press();
    const [confirmed] = await waitForEvent<[{ alarmId: string; latencyMs: number; attempts: number }]>(p, 'confirmed');
    expect(confirmed.alarmId).toBe(alarmId);
    expect(confirmed.attempts).toBe(1);
    expect(confirmed.latencyMs).toBeGreaterThan(0);
    expect(p.snapshot().presses[0]).toMatchObject({ alarmId, confirmed: true });
  });

  it('resends an unanswered press with a growing attempt count until it is confirmed', async () => {
    let answer = false;
    const r = await responder({ answer: () => answer });
    const p = pendant();
    p.start();
    await waitForEvent(p, 'connected');
    const alarmId = p.press();
    await waitForEvent(p, 'sent', (m: SentMessage) => m.channel === 'alarm' && m.payload.attempt === 3);
    answer = true;
    const [confirmed] = await waitForEvent<[{ attempts: number }]>(p, 'confirmed');
    expect(confirmed.attempts).toBeGreaterThanOrEqual(3);
    const attempts = r.presses.filter((x) => x.press.alarmId === alarmId).map((x) => x.press.attempt);
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
    expect(new Set(r.presses.map((x) => x.press.ts)).size).toBe(1);
  });

  it('keeps a press made without network and sends it first thing after reconnecting', async () => {
    await responder();
    const p = pendant();
    p.start();
    await waitForEvent(p, 'connected');
    p.setNetwork(false);
    await waitForEvent(p, 'disconnected');
    const pressed = waitForEvent<[{ online: boolean }]>(p, 'pressed');
    p.press();
    expect((await pressed)[0].online).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(p.snapshot().connected).toBe(false);
    const order: string[] = [];
    p.on('sent', (m) => order.push(m.channel));
    p.setNetwork(true);
    await waitForEvent(p, 'confirmed');
    expect(order.slice(0, 3)).toEqual(['status', 'alarm', 'hb']);
  });

  it('leaves a retained offline status through its last will when the network drops', async () => {
    const p = pendant();
    p.start();
    await waitForEvent(p, 'connected');
    const watcher = await mqtt.connectAsync(broker.url, { clientId: `watch-${p.id}` });
    open.push({ stop: () => watcher.endAsync(true) });
    const states: string[] = [];
    watcher.on('message', (_t, payload) => {
      const status = parseUplink('status', payload);
      if (status.ok) states.push(status.value.state);
    });
    await watcher.subscribeAsync(deviceTopic(p.id, 'status'), { qos: 1 });
    p.setNetwork(false);
    await expect.poll(() => states).toEqual(['online', 'offline']);
  });

  it('receives a command sent while it was offline, thanks to its persistent session', async () => {
    const r = await responder();
    const p = pendant();
    p.start();
    await waitForEvent(p, 'connected');
    p.setNetwork(false);
    await waitForEvent(p, 'disconnected');
    await r.send(p.id, { type: 'config', hbIntervalS: 7, cmdId: cmdId(), ts: Date.now() });
    p.setNetwork(true);
    const [changed] = await waitForEvent<[{ hbIntervalS: number }]>(p, 'configChanged');
    expect(changed.hbIntervalS).toBe(7);
    expect(p.hbIntervalS).toBe(7);
  });

  it('answers locate with a heartbeat carrying a fix, test with a self-test, and ignores invalid commands', async () => {
    const r = await responder();
    const p = pendant();
    p.start();
    await waitForEvent(p, 'connected');
    const heartbeat = waitForEvent<[SentMessage]>(p, 'sent', (m: SentMessage) => m.channel === 'hb' && m.payload.fix !== undefined);
    await r.send(p.id, { type: 'locate', cmdId: cmdId(), ts: Date.now() });
    const [hb] = await heartbeat;
    expect(hb.channel === 'hb' && hb.payload.fix?.lat).toBeGreaterThan(51.9);
    const selfTest = waitForEvent(p, 'selfTest');
    await r.send(p.id, { type: 'test', cmdId: cmdId(), ts: Date.now() });
    await selfTest;
    const raw = await mqtt.connectAsync(broker.url, { clientId: `raw-${p.id}` });
    open.push({ stop: () => raw.endAsync(true) });
    const invalid = waitForEvent<[{ code: string }]>(p, 'invalidCommand');
    await raw.publishAsync(deviceTopic(p.id, 'cmd'), '{"type":"self_destruct"}', { qos: 1 });
    expect((await invalid)[0].code).toBe('PROTO_ERR_PAYLOAD_INVALID');
  });

  it('sends its trail on loc while an alarm is active and stops after the operator acknowledged', async () => {
    const r = await responder();
    const p = pendant({ locIntervalS: 0.05, trailAfterAckS: 0.2 });
    p.start();
    await waitForEvent(p, 'connected');
    const locs = sentOn(p, 'loc');
    const alarmId = p.press();
    await expect.poll(() => locs.length).toBeGreaterThan(2);
    expect(locs.every((m) => m.channel === 'loc' && m.payload.alarmId === alarmId)).toBe(true);
    const ended = waitForEvent(p, 'trailEnded');
    await r.send(p.id, { type: 'operator_acknowledged', alarmId, cmdId: cmdId(), ts: Date.now() });
    await ended;
    const count = locs.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(locs.length).toBe(count);
  });

  it('stops and reports a refusal when the broker rejects its credentials', async () => {
    const strict = await startMosquitto({ anonymous: false });
    open.push(strict);
    const p = pendant({ url: strict.url });
    p.start();
    const [refused] = await waitForEvent<[{ returnCode: number; message: string }]>(p, 'refused');
    expect(refused.returnCode).toBe(5);
    expect(refused.message).toMatch(/not authorized/);
  });
});
