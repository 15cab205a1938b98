import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { serviceClientId, serviceUsername, type ServiceClient } from '@aware/protocol';
import type { Pendant } from './broker-fixture.js';
import { SERVICE_SECRETS } from './broker-fixture.js';

const BASE: IClientOptions = { reconnectPeriod: 0, connectTimeout: 10_000, keepalive: 30, protocolVersion: 4 };

/** Every client a test opens, so `closeAllClients` in afterEach can end them. */
const open = new Set<MqttClient>();

export type MessageListener = (topic: string, payload: Buffer) => void;

/**
 * Connects and resolves on CONNACK. A resumed persistent session gets its queued messages right behind
 * the CONNACK, often in the same TCP read, so a listener attached after this resolves can miss them:
 * pass `onMessage` to have it attached before the CONNECT is sent.
 */
export function connect(url: string, options: IClientOptions, onMessage?: MessageListener): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...BASE, ...options });
    if (onMessage) client.on('message', onMessage);
    open.add(client);
    const fail = (err: Error) => {
      client.end(true);
      reject(err);
    };
    client.once('connect', () => {
      client.off('error', fail);
      resolve(client);
    });
    client.once('error', fail);
    client.once('close', () => fail(new Error('closed before CONNACK')));
  });
}

export function connectPendant(url: string, pendant: Pendant, options: IClientOptions = {}): Promise<MqttClient> {
  return connect(url, { clientId: pendant.id, username: pendant.id, password: pendant.secret, ...options });
}

export function connectService(url: string, service: ServiceClient, options: IClientOptions = {}): Promise<MqttClient> {
  return connect(url, {
    clientId: serviceClientId(service, `t${Math.random().toString(36).slice(2, 8)}`),
    username: serviceUsername(service),
    password: SERVICE_SECRETS[service],
    ...options,
  });
}

/** Connects expecting a refusal; resolves with the CONNACK return code. */
export async function connackCode(url: string, options: IClientOptions): Promise<number> {
  try {
    const client = await connect(url, options);
    client.end(true);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    throw err;
  }
  throw new Error('connection was accepted');
}

export interface Received {
  topic: string;
  payload: Buffer;
  retain: boolean;
}

/** Collects the messages a client receives, for `next` to wait on. */
export function inbox(client: MqttClient) {
  const messages: Received[] = [];
  const waiters: Array<() => void> = [];
  client.on('message', (topic, payload, packet) => {
    messages.push({ topic, payload, retain: packet.retain });
    for (const w of waiters.splice(0)) w();
  });
  return {
    messages,
    async next(predicate: (m: Received) => boolean, timeoutMs = 5000): Promise<Received> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) {
          messages.splice(messages.indexOf(found), 1);
          return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no matching message in time');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
  };
}

export function subscribe(client: MqttClient, filter: string, qos: 0 | 1 = 1): Promise<number> {
  return new Promise((resolve, reject) => {
    client.subscribe(filter, { qos }, (err, granted) => {
      // mqtt.js reports a SUBACK failure (0x80) as an error carrying the code
      const suback = (err as { packet?: { granted?: number[] } } | null)?.packet;
      if (suback?.granted?.[0] === 128) return resolve(128);
      return err ? reject(err) : resolve(granted?.[0]?.qos ?? -1);
    });
  });
}

export function publish(client: MqttClient, topic: string, payload: string | Buffer, qos: 0 | 1 = 1, retain = false): Promise<void> {
  return new Promise((resolve, reject) => {
    client.publish(topic, payload, { qos, retain }, (err) => (err ? reject(err) : resolve()));
  });
}

/** Resolves when the broker closes the client's connection. */
export function closed(client: MqttClient, timeoutMs = 5000): Promise<void> {
  if (!client.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('connection still open')), timeoutMs);
    client.once('close', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

export function end(client: MqttClient): Promise<void> {
  open.delete(client);
  return new Promise((resolve) => client.end(false, {}, () => resolve()));
}

export async function closeAllClients(): Promise<void> {
  const clients = [...open];
  open.clear();
  await Promise.all(clients.map((c) => new Promise<void>((resolve) => c.end(true, {}, () => resolve()))));
}
