import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { PRESENCE_FILTER, allDevicesFilter, parseBrokerUrls } from '@aware/protocol';
import type { IngestConfig } from './config.js';
import { IngestError, messageOf } from './errors.js';

/**
 * What ingest subscribes to, and nothing more: heartbeats (QoS 0, may be lost, never redelivered)
 * and the broker's presence events (QoS 1). Never alarms: the alarm path does not pass through ingest.
 */
export const SUBSCRIPTIONS = {
  [allDevicesFilter('hb')]: { qos: 0 },
  [PRESENCE_FILTER]: { qos: 1 },
} as const;

export interface BrokerHandlers {
  onMessage: (topic: string, payload: Buffer) => void;
  /** Connected and subscribed (first time and after every reconnect). */
  onReady: () => void;
  /** The connection is gone; mqtt.js keeps reconnecting. */
  onLost: () => void;
}

/**
 * Connects ingest's internal client and resolves once it is subscribed; rejects with
 * ING_ERR_MQTT_CONNECT if that does not happen within `mqttConnectTimeoutMs`.
 */
export function subscribeToBroker(
  config: IngestConfig,
  overrides: IClientOptions,
  handlers: BrokerHandlers,
  logger: Logger,
): Promise<MqttClient> {
  const log = logger.child({ component: 'broker' });
  const brokers = parseBrokerUrls(config.mqttUrl);
  const client = mqtt.connect(brokers.urls[0]!, {
    ...(brokers.servers.length > 1 ? { servers: [...brokers.servers] } : {}),
    clientId: config.mqttClientId,
    username: config.mqttUsername,
    password: config.mqttPassword,
    protocolVersion: 4,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 1000,
    connectTimeout: config.mqttConnectTimeoutMs,
    resubscribe: false,
    // mqtt.js logs each packet through `debug`, whose calls allocate even when it is off: silent unless DEBUG is set
    ...(process.env['DEBUG'] ? {} : { log: () => undefined }),
    ...overrides,
  });
  let connected = false;
  let settle: ((err?: Error) => void) | undefined;
  const started = new Promise<MqttClient>((resolve, reject) => {
    let lastError = 'no answer';
    const timer = setTimeout(() => settle?.(new IngestError('ING_ERR_MQTT_CONNECT', config.mqttUrl, lastError)), config.mqttConnectTimeoutMs);
    client.on('error', (err) => (lastError = messageOf(err)));
    settle = (err) => {
      settle = undefined;
      clearTimeout(timer);
      if (err) {
        client.end(true);
        reject(err);
      } else {
        resolve(client);
      }
    };
  });

  client.on('message', handlers.onMessage);
  client.on('connect', () => {
    connected = true;
    client.subscribe(SUBSCRIPTIONS, (err, granted) => {
      const refused = granted?.find((g) => g.qos === 128);
      if (err || refused) {
        log.error({ err: err ? messageOf(err) : undefined, topic: refused?.topic }, 'ING_ERR_MQTT_SUBSCRIBE');
        const failure = new IngestError('ING_ERR_MQTT_SUBSCRIBE', refused?.topic ?? Object.keys(SUBSCRIPTIONS).join(', '));
        if (settle) settle(failure);
        else client.end(true);
        return;
      }
      log.info({ url: config.mqttUrl }, 'subscribed to heartbeats and presence');
      handlers.onReady();
      settle?.();
    });
  });
  client.on('close', () => {
    if (!connected) return;
    connected = false;
    if (!client.disconnecting) log.warn('lost the broker connection; reconnecting');
    handlers.onLost();
  });
  client.on('error', (err) => log.warn({ err: messageOf(err) }, 'broker client error'));
  return started;
}
