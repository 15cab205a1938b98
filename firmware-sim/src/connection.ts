import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import mqtt, { Store, type MqttClient } from 'mqtt';
import { parseBrokerUrls } from '@aware/protocol';
import { RECONNECT_BACKOFF, backoffDelay, type BackoffPolicy } from './model/backoff.js';
import type { Random } from './model/random.js';

export interface ConnectionOptions {
  /** One broker URL, or several comma-separated (tried in turn on each reconnect). */
  url: string;
  deviceId: string;
  secret: string;
  /** The last will: what the broker publishes when this connection dies without a DISCONNECT. */
  will: { topic: string; payload: string; qos: 0 | 1; retain: boolean };
  keepaliveS: number;
  connectTimeoutMs: number;
  reconnect?: BackoffPolicy;
  random: Random;
}

export type DownReason = 'network_down' | 'connection_lost' | 'stopped' | 'refused';

export interface ConnectionEvents {
  up: [{ sessionPresent: boolean }];
  down: [{ reason: DownReason }];
  reconnecting: [{ attempt: number; delayMs: number }];
  /** CONNACK with a refusal: the pendant gives up (bad credentials are not fixed by retrying). */
  refused: [{ returnCode: number; message: string }];
  /** A connection attempt failed at the transport (refused socket, timeout); it will be retried. */
  connectError: [{ message: string }];
  message: [topic: string, payload: Buffer];
}

/** MQTT 3.1.1 CONNACK return codes [MQTT-3.2.2.3]. */
const CONNACK_REFUSALS: Readonly<Record<number, string>> = {
  1: 'unacceptable protocol version',
  2: 'client identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

/**
 * One device's MQTT 3.1.1 connection: persistent session (clean: false, client id = device id),
 * last will, and its own reconnect loop with exponential backoff and jitter instead of mqtt.js's
 * fixed period. The session stores survive reconnects, so unacknowledged QoS 1 publishes are
 * resent and the broker delivers commands queued while the pendant was away.
 */
export class Connection extends EventEmitter<ConnectionEvents> {
  private client: MqttClient | null = null;
  private readonly stores = { incomingStore: new Store(), outgoingStore: new Store() };
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private networkUp = true;
  private stopped = false;
  private refused = false;
  private wasUp = false;

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  /** Connected, and the radio is up (a dropped link counts at once, before the socket reports it). */
  get connected(): boolean {
    return this.networkUp && this.client?.connected === true;
  }

  open(): void {
    if (this.client) return;
    const { deviceId, secret, will } = this.options;
    const { urls, servers } = parseBrokerUrls(this.options.url);
    const client = mqtt.connect(urls[0]!, {
      ...(servers.length > 1 ? { servers: [...servers] } : {}),
      clientId: deviceId,
      username: deviceId,
      password: secret,
      protocolVersion: 4,
      clean: false,
      keepalive: this.options.keepaliveS,
      connectTimeout: this.options.connectTimeoutMs,
      reconnectPeriod: 0,
      queueQoSZero: false,
      will: { topic: will.topic, payload: Buffer.from(will.payload), qos: will.qos, retain: will.retain },
      ...this.stores,
    });
    client.on('connect', (connack) => this.onUp(connack.sessionPresent));
    client.on('close', () => this.onClose());
    client.on('error', (err) => this.onError(err));
    client.on('message', (topic, payload) => this.emit('message', topic, payload));
    this.client = client;
  }

  subscribe(topic: string, qos: 0 | 1): void {
    this.client?.subscribe(topic, { qos });
  }

  /** Fire and forget: QoS 1 delivery is mqtt.js's job, application retries are the pendant's. */
  publish(topic: string, payload: string, qos: 0 | 1, retain: boolean): void {
    this.client?.publish(topic, payload, { qos, retain }, () => undefined);
  }

  /** Loses or regains the radio link. Losing it drops the socket without DISCONNECT: the will fires. */
  setNetwork(up: boolean): void {
    if (up === this.networkUp) return;
    this.networkUp = up;
    this.clearReconnect();
    if (!up) {
      this.client?.stream?.destroy();
    } else if (!this.stopped && !this.refused && this.client && !this.client.connected) {
      this.attempt = 0;
      this.scheduleReconnect();
    }
  }

  get isNetworkUp(): boolean {
    return this.networkUp;
  }

  /** Clean shutdown: DISCONNECT (the broker discards the will), or a hard close after `graceMs`. */
  async close(graceMs = 2000): Promise<void> {
    this.stopped = true;
    this.clearReconnect();
    const client = this.client;
    if (!client) return;
    if (!client.connected) {
      client.end(true);
      return;
    }
    // a broker that does not take the DISCONNECT in time gets the socket closed under it
    const timer = setTimeout(() => client.stream?.destroy(), graceMs);
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    clearTimeout(timer);
  }

  private onUp(sessionPresent: boolean): void {
    // Small packets must leave at once: Nagle would hold a press back for the peer's delayed ACK.
    (this.client?.stream as Partial<Socket> | undefined)?.setNoDelay?.(true);
    this.attempt = 0;
    this.wasUp = true;
    this.emit('up', { sessionPresent });
  }

  private onClose(): void {
    if (this.wasUp) {
      this.wasUp = false;
      const reason: DownReason = this.stopped ? 'stopped' : !this.networkUp ? 'network_down' : 'connection_lost';
      this.emit('down', { reason });
    }
    if (!this.stopped && !this.refused && this.networkUp) this.scheduleReconnect();
  }

  private onError(err: Error & { code?: unknown }): void {
    const code = typeof err.code === 'number' ? err.code : undefined;
    if (code !== undefined && CONNACK_REFUSALS[code] && err.message.startsWith('Connection refused')) {
      this.refused = true;
      this.clearReconnect();
      this.client?.end(true);
      this.emit('refused', { returnCode: code, message: `connection refused: ${CONNACK_REFUSALS[code]}` });
      return;
    }
    this.emit('connectError', { message: err.message });
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    this.attempt += 1;
    const delayMs = backoffDelay(this.attempt, this.options.reconnect ?? RECONNECT_BACKOFF, this.options.random);
    this.emit('reconnecting', { attempt: this.attempt, delayMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped && !this.refused && this.networkUp) this.client?.reconnect(this.stores);
    }, delayMs);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}
