import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { allDevicesFilter, deviceTopic, parseCommand, serviceClientId, serviceUsername } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import type { Credential } from './database.js';

/** One press, timed on this process's monotonic clock (ms). */
export interface PressRecord {
  readonly key: string;
  readonly deviceId: string;
  readonly t0: number;
  measured: boolean;
  /** Broker-only floor: the same publish reaching a plain subscriber. */
  floor?: number;
  consoles: [number | undefined, number | undefined];
  confirm?: number;
  alarmId?: string;
  resolved?: number;
  /** How many `opened` events for this press each console got (1 expected). */
  openedCount: [number, number];
}

interface Presser {
  readonly id: string;
  readonly client: MqttClient;
  busy: boolean;
}

/**
 * The measuring side, all in this process so every time is on one clock: presser pendants (real MQTT
 * connections, real credentials), two consoles (police and Veilig Thuis, real WebSockets with sessions),
 * a broker-only subscriber for the floor, and an operator who resolves each alarm once both consoles
 * showed it and the pendant was confirmed (so the pendant's next press opens a new alarm).
 */
/** Where each part connects: in the cluster topology the pressers and the floor are on different brokers. */
export interface MeasurementUrls {
  /** The broker the pressing pendants use. */
  readonly press: string;
  /** The broker of the plain subscriber that gives the broker-only floor (dispatch's broker). */
  readonly floor: string;
  /** The active dispatch node's HTTP API (the operator's resolves). */
  readonly http: string;
  /** The police and the Veilig Thuis console's node (the second may be a standby that relays). */
  readonly consoles: readonly [string, string];
}

export class Measurement {
  readonly records = new Map<string, PressRecord>();
  readonly loop = monitorEventLoopDelay({ resolution: 1 });
  private readonly pressers: Presser[] = [];
  private readonly idle: Presser[] = [];
  private readonly consoles: WebSocket[] = [];
  private floor!: MqttClient;
  unexpected = 0;
  starved = 0;
  resolveErrors = 0;

  constructor(
    private readonly urls: MeasurementUrls,
    private readonly operatorToken: string,
  ) {}

  async connect(pressers: Credential[], consoleTokens: [string, string], simAdminSecret: string): Promise<void> {
    this.floor = await mqtt.connectAsync(this.urls.floor, {
      clientId: serviceClientId('sim-admin', `floor-${randomBytes(3).toString('hex')}`),
      username: serviceUsername('sim-admin'),
      password: simAdminSecret,
      reconnectPeriod: 0,
    });
    this.floor.on('message', (_topic, payload) => {
      const now = performance.now();
      const key = extractAlarmId(payload);
      const r = key ? this.records.get(key) : undefined;
      if (r && r.floor === undefined) r.floor = now;
    });
    await this.floor.subscribeAsync(allDevicesFilter('alarm'), { qos: 1 });

    for (const [index, token] of consoleTokens.entries()) this.consoles.push(await this.openConsole(index as 0 | 1, token, this.urls.consoles[index]!));

    for (let i = 0; i < pressers.length; i += 50) {
      await Promise.all(pressers.slice(i, i + 50).map((c) => this.connectPresser(c)));
    }
    this.loop.enable();
  }

  private async connectPresser(c: Credential): Promise<void> {
    const client = await mqtt.connectAsync(this.urls.press, { clientId: c.id, username: c.id, password: c.secret, reconnectPeriod: 0, keepalive: 60 });
    const presser: Presser = { id: c.id, client, busy: false };
    client.on('message', (_topic, payload) => {
      const now = performance.now();
      const command = parseCommand(payload);
      if (!command.ok || command.value.type !== 'alarm_received') return;
      const r = this.records.get(command.value.alarmId);
      if (r && r.confirm === undefined) {
        r.confirm = now;
        this.maybeResolve(r);
      }
    });
    await client.subscribeAsync(deviceTopic(c.id, 'cmd'), { qos: 1 });
    this.pressers.push(presser);
    this.idle.push(presser);
  }

  private openConsole(index: 0 | 1, token: string, httpUrl: string): Promise<WebSocket> {
    const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/api/live`, { headers: { cookie: `aware_session=${token}` } });
    ws.on('message', (data) => {
      const now = performance.now();
      const event = JSON.parse(String(data)) as { type: string; change?: string; alarm?: { id: string; deviceAlarmId: string | null } };
      if (event.type === 'ping') return void ws.send('{"type":"pong"}');
      if (event.type !== 'alarm' || event.change !== 'opened' || !event.alarm?.deviceAlarmId) return;
      const r = this.records.get(event.alarm.deviceAlarmId);
      if (!r) return void this.unexpected++;
      r.openedCount[index]++;
      if (r.consoles[index] === undefined) r.consoles[index] = now;
      r.alarmId = event.alarm.id;
      this.maybeResolve(r);
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`live feed refused: ${res.statusCode}`)));
    });
  }

  /** One press from an idle presser; false when every presser is still busy with its previous alarm. */
  press(measured: boolean): boolean {
    const presser = this.idle.shift();
    if (!presser) {
      this.starved++;
      return false;
    }
    presser.busy = true;
    const key = randomBytes(12).toString('base64url');
    const payload = JSON.stringify({ alarmId: key, ts: Date.now(), battery: 77, fix: { lat: 52.0907, lon: 5.1214, acc: 12 } });
    this.records.set(key, { key, deviceId: presser.id, t0: performance.now(), measured, consoles: [undefined, undefined], openedCount: [0, 0] });
    presser.client.publish(deviceTopic(presser.id, 'alarm'), payload, { qos: 1 });
    return true;
  }

  private maybeResolve(r: PressRecord): void {
    if (r.confirm === undefined || r.consoles[0] === undefined || r.consoles[1] === undefined || !r.alarmId || r.resolved !== undefined) return;
    r.resolved = 0;
    fetch(`${this.urls.http}/api/alarms/${r.alarmId}/resolve`, {
      method: 'POST',
      headers: { cookie: `aware_session=${this.operatorToken}`, 'content-type': 'application/json' },
      body: '{"outcome":"test"}',
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) this.resolveErrors++;
      })
      .catch(() => this.resolveErrors++)
      .finally(() => {
        r.resolved = performance.now();
        const presser = this.pressers.find((p) => p.id === r.deviceId)!;
        presser.busy = false;
        this.idle.push(presser);
      });
  }

  /** Waits until every press is confirmed, shown on both consoles and resolved (or `timeoutMs` passed). */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ([...this.records.values()].every((r) => r.resolved !== undefined && r.resolved > 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    this.loop.disable();
    for (const ws of this.consoles) ws.close();
    await Promise.all(this.pressers.map((p) => p.client.endAsync(true)));
    await this.floor?.endAsync(true);
  }
}

function extractAlarmId(payload: Buffer): string | undefined {
  const match = /"alarmId":"([A-Za-z0-9_-]+)"/.exec(payload.toString());
  return match?.[1];
}
