import { allDevicesFilter } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { DispatchConfig } from '../config.js';
import { DispatchErrorCode, messageOf } from '../errors.js';
import type { DispatchMetrics } from '../metrics.js';
import { installDeferredAcks, type DeliveryHandler } from './deferred-ack.js';

/** What the active dispatch subscribes to, QoS 1: presses and location updates of every pendant. */
export const SUBSCRIPTIONS = [allDevicesFilter('alarm'), allDevicesFilter('loc')] as const;

export interface PressSessionOptions {
  readonly config: DispatchConfig['mqtt'];
  readonly log: Logger;
  readonly metrics: DispatchMetrics;
  readonly handle: DeliveryHandler;
  /** Asked before every reconnect: only the lease holder may (re)open the session. */
  readonly mayConnect: () => Promise<boolean>;
  /** Each time the subscription is acknowledged (presses arrive from now on). */
  readonly onSubscribed?: () => void;
}

/**
 * The active node's broker session: the fixed client id `svc:dispatch` (DISPATCH_MQTT_CLIENT_ID) with a
 * persistent session (clean: false) and QoS 1 subscriptions. The session belongs to the *role*, not to a
 * node: presses published while no node holds it, and those the previous holder received but never
 * acknowledged, wait in the broker and go to whichever node opens it next, so a takeover loses nothing.
 * The broker lets one connection hold a client id [MQTT-3.1.4-2]: opening it takes it from a stalled
 * former holder, and this class reopens it only when `mayConnect()` (the lease) says so, never by itself.
 *
 * A SUBSCRIBE not acknowledged within `subackTimeoutMs` is an outage (no presses would arrive): it is
 * logged (DSP_ERR_MQTT_SUBSCRIBE_TIMEOUT), counted, and the connection is dropped and opened again.
 */
export class PressSession {
  readonly client: MqttClient;
  private subscribedValue = false;
  private downSinceValue: number | null = performance.now();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private subackTimer: NodeJS.Timeout | null = null;
  private ended = false;
  private readonly log: Logger;

  constructor(private readonly o: PressSessionOptions) {
    this.log = o.log;
    this.client = mqtt.connect(o.config.urls[0]!, {
      servers: [...o.config.servers],
      clientId: o.config.clientId,
      username: o.config.username,
      password: o.config.password,
      clean: false,
      protocolVersion: 4,
      // a silent link to the broker (no reset) is noticed within about two intervals, on both sides
      keepalive: 3,
      // reconnects are ours (lease-gated), see reconnectLater()
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      manualConnect: true,
      // mqtt.js logs each packet through `debug`, whose calls allocate even when it is off: silent unless DEBUG is set
      ...(process.env['DEBUG'] ? {} : { log: () => undefined }),
    });
    installDeferredAcks(this.client, o.handle, (error, delivery) =>
      this.log.error({ code: DispatchErrorCode.INTERNAL, err: messageOf(error), topic: delivery.topic }, 'message handling failed; left unacknowledged for redelivery'),
    );
    this.client.on('connect', (connack) => this.onConnect(connack.sessionPresent));
    this.client.on('close', () => this.onClose());
    this.client.on('error', (error) => this.log.warn({ err: error.message }, 'broker connection error'));
  }

  /** Connected and subscribed: presses arrive. */
  get subscribed(): boolean {
    return this.subscribedValue;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Since when (performance.now) the session has not been subscribed; null while it is. */
  get downSince(): number | null {
    return this.downSinceValue;
  }

  open(): void {
    this.client.connect();
  }

  /** Closes the session; pending PUBACKs are not sent (the broker redelivers those messages). Bounded. */
  async end(timeoutMs: number): Promise<void> {
    this.ended = true;
    this.clearTimers();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => this.client.end(true, {}, () => resolve()), timeoutMs);
      this.client.end(false, {}, () => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  private onConnect(sessionPresent: boolean): void {
    this.log.info({ sessionPresent }, 'press session connected to the broker');
    const timeoutMs = this.o.config.subackTimeoutMs;
    this.subackTimer = setTimeout(() => {
      this.subackTimer = null;
      this.o.metrics.subscribeTimeouts.inc();
      this.log.error(
        { code: DispatchErrorCode.MQTT_SUBSCRIBE_TIMEOUT, timeoutMs, filters: SUBSCRIPTIONS },
        'the broker did not acknowledge the subscription: no presses can arrive; reconnecting',
      );
      // drop the connection, not the client: end() would close the stores that hold unacknowledged commands
      this.client.stream?.destroy();
    }, timeoutMs);
    this.client.subscribe([...SUBSCRIPTIONS], { qos: 1 }, (error, granted) => {
      if (this.subackTimer) clearTimeout(this.subackTimer);
      this.subackTimer = null;
      const refused = granted?.filter((g) => g.qos === 128) ?? [];
      if (error || refused.length > 0) {
        this.o.metrics.subscribeTimeouts.inc();
        this.log.error({ code: DispatchErrorCode.MQTT_SUBSCRIBE, err: error?.message, refused: refused.map((g) => g.topic) }, 'subscription refused');
        return;
      }
      this.subscribedValue = true;
      this.downSinceValue = null;
      this.log.info({ filters: SUBSCRIPTIONS }, 'press session subscribed');
      this.o.onSubscribed?.();
    });
  }

  private onClose(): void {
    if (this.subackTimer) clearTimeout(this.subackTimer);
    this.subackTimer = null;
    if (this.subscribedValue) this.log.warn('press session lost; reconnecting when the lease allows');
    this.subscribedValue = false;
    this.downSinceValue ??= performance.now();
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.ended || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.o.mayConnect().then(
        (may) => {
          if (this.ended || this.client.connected) return;
          if (!may) return this.reconnectLater();
          // keep mqtt.js' stores: unacknowledged commands (alarm_received) are resent on the new connection
          this.client.reconnect({ incomingStore: this.client.incomingStore, outgoingStore: this.client.outgoingStore });
        },
        () => this.reconnectLater(),
      );
    }, 500);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.subackTimer) clearTimeout(this.subackTimer);
    this.reconnectTimer = null;
    this.subackTimer = null;
  }
}

