import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startControlApi, type ControlApi } from '../src/control-api.js';
import { Pendant } from '../src/pendant.js';
import { startMosquitto, type PrivateMosquitto } from './harness/mosquitto.js';
import { startResponder, type Responder } from './harness/responder.js';
import { waitForEvent } from './harness/wait.js';

let broker: PrivateMosquitto;
let responder: Responder;
let pendant: Pendant;
let api: ControlApi;

beforeAll(async () => {
  broker = await startMosquitto();
  responder = await startResponder({ url: broker.url });
});
afterAll(async () => {
  await responder.stop();
  await broker.stop();
});
afterEach(async () => {
  await api.close();
  await pendant.stop();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`http://127.0.0.1:${api.port}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: await res.json() };
}

describe('control API', () => {
  it('drives a running pendant over HTTP: press, network, battery, walk, and says what it did', async () => {
    pendant = new Pendant({ id: `sim-api-${process.pid}`, secret: 'x', url: broker.url, seed: 1 });
    api = await startControlApi(new Map([[pendant.id, pendant]]));
    pendant.start();
    await waitForEvent(pendant, 'connected');

    const events = await fetch(`http://127.0.0.1:${api.port}/events`);
    const reader = events.body!.getReader();
    const press = await call('POST', `/pendants/${pendant.id}/press`);
    expect(press.status).toBe(201);
    await waitForEvent(pendant, 'confirmed');
    let streamed = '';
    while (!streamed.includes('"event":"confirmed"')) streamed += new TextDecoder().decode((await reader.read()).value);
    expect(streamed).toContain(`"alarmId":"${press.json.alarmId}"`);
    await reader.cancel();

    expect((await call('POST', `/pendants/${pendant.id}/battery`, { percent: 9, charging: true })).json).toMatchObject({ battery: 9, charging: true });
    expect((await call('POST', `/pendants/${pendant.id}/walk`, { meters: 70 })).json).toEqual({ durationMs: 50_000 });
    expect((await call('POST', `/pendants/${pendant.id}/network`, { up: false })).json).toMatchObject({ connected: false, networkUp: false });
    const [listed] = (await call('GET', '/pendants')).json;
    expect(listed).toMatchObject({ id: pendant.id, walking: true, presses: [{ alarmId: press.json.alarmId, confirmed: true }] });
  });

  it('answers bad requests with the platform error body', async () => {
    pendant = new Pendant({ id: `sim-api2-${process.pid}`, secret: 'x', url: broker.url, seed: 2 });
    api = await startControlApi(new Map([[pendant.id, pendant]]));
    expect(await call('POST', '/pendants/nobody/press')).toEqual({
      status: 404,
      json: { code: 'SIM_API_UNKNOWN_PENDANT', message: 'no pendant nobody', statusCode: 404 },
    });
    const bad = await call('POST', `/pendants/${pendant.id}/battery`, { percent: 140 });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('SIM_API_BODY_INVALID');
    expect((await call('DELETE', `/pendants/${pendant.id}`)).json.code).toBe('SIM_API_NOT_FOUND');
  });
});
