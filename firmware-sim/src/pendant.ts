import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  CHANNEL_QOS,
  UPLINK_SCHEMAS,
  deviceTopic,
  encodeJson,
  parseCommand,
  type Command,
  type UplinkChannel,
  type UplinkPayload,
} from '@aware/protocol';
import type { z } from 'zod';
import { AlarmBook, type PressRecord } from './alarms.js';
import { counterAlarmIds } from './model/alarm-id.js';
import { Connection } from './connection.js';
import { ALARM_RETRY_BACKOFF, backoffDelay } from './model/backoff.js';
import { advanceBattery, reportedPercent, type Battery } from './model/battery.js';
import { GPS_DEFAULTS, Gps } from './model/gps.js';
import { homeLocation } from './model/homes.js';
import { gaussian, seededRandom, type Random } from './model/random.js';
import { PENDANT_DEFAULTS, type PendantOptions } from './pendant-options.js';
import { Trail } from './trail.js';
import type { PendantEvents, SentMessage } from './pendant-events.js';
import type { PendantSnapshot } from './pendant-snapshot.js';

/** Confirmed presses a pendant keeps for its snapshot. */
const KEEP_CONFIRMED = 20;

/**
 * A simulated AWARE pendant speaking wire contract v1 over its own MQTT connection.
 *
 * - Heartbeat (`hb`, QoS 0) at once on every connect, then every `hbIntervalS`; dropped while offline.
 * - Button press: a device-generated alarm id, `alarm` at QoS 1, resent with a growing `attempt`
 *   (3 s, 6 s ... 30 s) until `alarm_received` names that id. Pressed offline, it waits in memory
 *   and goes out first thing on reconnect.
 * - Trail: `loc` every `locIntervalS` from the press until `trailAfterAckS` after
 *   `operator_acknowledged`, or `trailMaxS` after the last press, whichever comes first (the device
 *   is never told an alarm is resolved, so it needs a bound of its own). The GPS is on meanwhile.
 * - Commands: `locate` (a `loc` during an alarm, else a heartbeat with a fix), `config`
 *   (heartbeat interval), `test` (self-test, answered with a heartbeat).
 * - Retained `status` online on connect; the last will says offline.
 */
export class Pendant extends EventEmitter<PendantEvents> {
  readonly id: string;
  hbIntervalS: number;
  readonly stats = { heartbeats: 0, presses: 0, alarmPublishes: 0, alarmResends: 0, locs: 0, commands: 0, confirmed: 0 };

  private readonly options: PendantOptions;
  private readonly random: Random;
  private readonly connection: Connection;
  private readonly gps: Gps;
  private readonly alarms: AlarmBook;
  private battery: Battery;
  private batteryAt = performance.now();
  private rssi = -75;
  private seq = 0;
  private hbTimer: NodeJS.Timeout | null = null;
  private readonly trail: Trail;
  private stopped = false;

  constructor(options: PendantOptions) {
    super();
    this.options = options;
    this.id = options.id;
    this.hbIntervalS = options.hbIntervalS ?? PENDANT_DEFAULTS.hbIntervalS;
    this.random = options.random ?? seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.battery = { ...(options.battery ?? PENDANT_DEFAULTS.battery) };
    this.alarms = new AlarmBook(options.alarmIds === 'counter' ? counterAlarmIds() : undefined);
    const home = options.home ?? homeLocation(this.random, options.town);
    this.gps = new Gps({ home, random: this.random, ...options.gps }, performance.now());
    this.trail = new Trail(
      {
        intervalMs: (options.locIntervalS ?? PENDANT_DEFAULTS.locIntervalS) * 1000,
        maxMs: (options.trailMaxS ?? PENDANT_DEFAULTS.trailMaxS) * 1000,
        afterAckMs: (options.trailAfterAckS ?? PENDANT_DEFAULTS.trailAfterAckS) * 1000,
      },
      {
        tick: (alarmId) => this.sendLocation(alarmId),
        gpsSwitch: () => this.settleBattery(),
        started: (alarmId) => this.emit('trailStarted', { alarmId }),
        ended: (alarmId) => this.emit('trailEnded', { alarmId }),
      },
    );
    this.connection = new Connection({
      url: options.url,
      deviceId: options.id,
      secret: options.secret,
      will: { topic: deviceTopic(this.id, 'status'), payload: encodeJson(UPLINK_SCHEMAS.status, { state: 'offline' }), ...CHANNEL_QOS.status },
      keepaliveS: options.keepaliveS ?? PENDANT_DEFAULTS.keepaliveS,
      connectTimeoutMs: options.connectTimeoutMs ?? PENDANT_DEFAULTS.connectTimeoutMs,
      reconnect: options.reconnect,
      random: this.random,
    });
    this.connection.on('up', (info) => this.onConnected(info.sessionPresent));
    this.connection.on('down', (info) => this.onDisconnected(info));
    this.connection.on('reconnecting', (info) => this.emit('reconnecting', info));
    this.connection.on('refused', (info) => this.onRefused(info));
    this.connection.on('connectError', (info) => this.emit('connectError', info));
    this.connection.on('message', (_topic, payload) => this.onCommandPayload(payload));
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  /** Power on: connect, and keep reconnecting until stopped. */
  start(): void {
    this.connection.open();
  }

  /** Power off cleanly: retained `status` offline, DISCONNECT, all timers stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clearHeartbeat();
    this.trail.stop();
    this.alarms.clearTimers();
    this.publish('status', { state: 'offline', ts: Date.now() });
    await this.connection.close();
  }

  /** The button; `test`: the wearer's deliberate test press (sent with `test: true`). Returns the new alarm id. */
  press(o: { test?: boolean } = {}): string {
    const record = this.alarms.press(this.gps.fix(performance.now(), Date.now()), this.batteryPercent(), o.test === true);
    this.stats.presses += 1;
    this.emit('pressed', { alarmId: record.alarmId, online: this.connected });
    this.sendAlarm(record);
    this.trail.start(record.alarmId);
    return record.alarmId;
  }

  /** Loses (false) or regains (true) the mobile network. Presses meanwhile are kept and sent later. */
  setNetwork(up: boolean): void {
    this.connection.setNetwork(up);
  }

  get networkUp(): boolean {
    return this.connection.isNetworkUp;
  }

  setBattery(percent: number, charging = this.battery.charging): void {
    this.battery = { percent, charging };
    this.batteryAt = performance.now();
  }

  /** Starts walking `meters` at `speedMps` (walking pace by default); returns the walk's duration in ms. */
  walk(meters: number, speedMps: number = GPS_DEFAULTS.walkSpeedMps): number {
    this.gps.startWalk(meters, speedMps, performance.now());
    return (meters / speedMps) * 1000;
  }

  snapshot(): PendantSnapshot {
    const now = performance.now();
    return {
      id: this.id,
      connected: this.connected,
      networkUp: this.networkUp,
      battery: this.batteryPercent(),
      charging: this.battery.charging,
      hbIntervalS: this.hbIntervalS,
      walking: this.gps.isWalking(now),
      walkedM: Math.round(this.gps.odometerM),
      trailAlarmId: this.trail.alarmId,
      presses: this.alarms.summary(),
      stats: { ...this.stats },
    };
  }

  private onConnected(sessionPresent: boolean): void {
    this.connection.subscribe(deviceTopic(this.id, 'cmd'), CHANNEL_QOS.cmd.qos);
    this.publish('status', { state: 'online', ts: Date.now() });
    this.emit('connected', { sessionPresent });
    for (const press of this.alarms.unconfirmed()) this.sendAlarm(press);
    this.sendHeartbeat(false);
    this.scheduleHeartbeat();
  }

  private onDisconnected(info: PendantEvents['disconnected'][0]): void {
    this.clearHeartbeat();
    this.alarms.clearTimers();
    this.emit('disconnected', info);
  }

  private onRefused(info: PendantEvents['refused'][0]): void {
    this.stopped = true;
    this.clearHeartbeat();
    this.trail.stop();
    this.alarms.clearTimers();
    this.emit('refused', info);
  }

  private sendAlarm(press: PressRecord): void {
    if (press.retryTimer) clearTimeout(press.retryTimer);
    press.retryTimer = null;
    if (press.confirmedAt !== null || this.stopped) return;
    const sent = this.publish('alarm', {
      alarmId: press.alarmId,
      ts: press.ts,
      ...(press.fix ? { fix: press.fix } : {}),
      battery: press.battery,
      attempt: press.attempts + 1,
      ...(press.test ? { test: true as const } : {}),
    });
    if (!sent) return; // offline: onConnected sends it
    press.attempts += 1;
    this.stats.alarmPublishes += 1;
    if (press.attempts > 1) this.stats.alarmResends += 1;
    const delay = backoffDelay(press.attempts, this.options.alarmRetry ?? ALARM_RETRY_BACKOFF, this.random);
    press.retryTimer = setTimeout(() => this.sendAlarm(press), delay);
  }

  private onCommandPayload(payload: Buffer): void {
    const decoded = parseCommand(payload);
    if (!decoded.ok) {
      this.emit('invalidCommand', { code: decoded.code, message: decoded.message });
      return;
    }
    this.stats.commands += 1;
    const command = decoded.value;
    this.emit('command', command);
    this.obey(command);
  }

  private obey(command: Command): void {
    switch (command.type) {
      case 'alarm_received': {
        const press = this.alarms.get(command.alarmId);
        if (!press || press.confirmedAt !== null) return;
        press.confirmedAt = performance.now();
        if (press.retryTimer) clearTimeout(press.retryTimer);
        press.retryTimer = null;
        this.stats.confirmed += 1;
        this.emit('confirmed', { alarmId: press.alarmId, latencyMs: press.confirmedAt - press.pressedAt, attempts: press.attempts });
        this.alarms.prune(KEEP_CONFIRMED);
        return;
      }
      case 'operator_acknowledged': {
        const press = this.alarms.get(command.alarmId);
        if (press) press.acknowledged = true;
        this.trail.acknowledged();
        this.emit('acknowledged', { alarmId: command.alarmId });
        return;
      }
      case 'locate':
        if (this.trail.alarmId) this.sendLocation(this.trail.alarmId);
        else this.sendHeartbeat(true);
        return;
      case 'config':
        this.hbIntervalS = command.hbIntervalS;
        this.emit('configChanged', { hbIntervalS: command.hbIntervalS });
        this.scheduleHeartbeat();
        return;
      case 'test':
        this.emit('selfTest');
        this.sendHeartbeat(false);
        return;
    }
  }

  private sendHeartbeat(withFix: boolean): void {
    const now = performance.now();
    this.rssi = Math.round(Math.min(-55, Math.max(-115, this.rssi + gaussian(this.random) * 2)));
    const fix = withFix ? this.gps.fix(now, Date.now()) : undefined;
    const sent = this.publish('hb', {
      seq: this.seq,
      ts: Date.now(),
      battery: this.batteryPercent(),
      charging: this.battery.charging,
      rssi: this.rssi,
      firmware: this.options.firmware ?? PENDANT_DEFAULTS.firmware,
      ...(fix ? { fix } : {}),
    });
    if (!sent) return;
    this.seq = (this.seq + 1) % 2 ** 32;
    this.stats.heartbeats += 1;
  }

  private scheduleHeartbeat(): void {
    this.clearHeartbeat();
    if (this.stopped) return;
    this.hbTimer = setTimeout(() => {
      this.hbTimer = null;
      this.sendHeartbeat(false);
      if (this.connected) this.scheduleHeartbeat();
    }, this.hbIntervalS * 1000);
  }

  private clearHeartbeat(): void {
    if (this.hbTimer) clearTimeout(this.hbTimer);
    this.hbTimer = null;
  }

  private sendLocation(alarmId: string): void {
    const fix = this.gps.fix(performance.now(), Date.now());
    if (!fix) return; // no satellites this time: try again next tick
    if (this.publish('loc', { alarmId, ts: Date.now(), fix, battery: this.batteryPercent() })) this.stats.locs += 1;
  }

  /** Brings the battery model up to now (GPS on while a trail runs). */
  private settleBattery(): void {
    const now = performance.now();
    this.battery = advanceBattery(this.battery, now - this.batteryAt, { gpsOn: this.trail.alarmId !== null });
    this.batteryAt = now;
  }

  private batteryPercent(): number {
    this.settleBattery();
    return reportedPercent(this.battery);
  }

  /** Validates with the protocol's schema and publishes; false when offline (nothing is queued). */
  private publish<C extends UplinkChannel>(channel: C, payload: UplinkPayload<C>): boolean {
    if (!this.connection.connected) return false;
    const schema = UPLINK_SCHEMAS[channel] as unknown as z.ZodType<UplinkPayload<C>>;
    const { qos, retain } = CHANNEL_QOS[channel];
    this.connection.publish(deviceTopic(this.id, channel), encodeJson(schema, payload), qos, retain);
    this.emit('sent', { channel, payload } as SentMessage);
    return true;
  }
}
