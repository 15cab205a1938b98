import { allDevicesFilter } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { DispatchConfig } from '../config.js';
import { DispatchErrorCode, messageOf } from '../errors.js';
import { installDeferredAcks, type DeliveryHandler } from './deferred-ack.js';

/** What dispatch subscribes to, QoS 1: presses and location updates of every pendant. */
export const SUBSCRIPTIONS = [allDevicesFilter('alarm'), allDevicesFilter('loc')] as const;

/**
 * Dispatch's connection to the broker: a fixed client id with a persistent session (clean: false) and
 * QoS 1 subscriptions, so presses published while dispatch is down are queued by the broker and
 * delivered when it is back. Deliveries are acknowledged only when `handle` says so (deferred-ack.ts).
 */
export function connectBroker(config: DispatchConfig['mqtt'], log: Logger, handle: DeliveryHandler): MqttClient {
  const client = mqtt.connect(config.url, {
    clientId: config.clientId,
    username: config.username,
    password: config.password,
    clean: false,
    protocolVersion: 4,
    keepalive: 15,
    reconnectPeriod: 500,
    connectTimeout: 10_000,
    // start() connects once memory is warm, so redeliveries are recognised
    manualConnect: true,
    // mqtt.js logs each packet through `debug`, whose calls allocate even when it is off: silent unless DEBUG is set
    ...(process.env['DEBUG'] ? {} : { log: () => undefined }),
  });
  installDeferredAcks(client, handle, (error, delivery) =>
    log.error({ code: DispatchErrorCode.INTERNAL, err: messageOf(error), topic: delivery.topic }, 'message handling failed; left unacknowledged for redelivery'),
  );
  client.on('connect', (connack) => {
    log.info({ sessionPresent: connack.sessionPresent }, 'connected to the broker');
    client.subscribe([...SUBSCRIPTIONS], { qos: 1 }, (error, granted) => {
      const refused = granted?.filter((g) => g.qos === 128) ?? [];
      if (error || refused.length > 0) {
        log.error({ code: DispatchErrorCode.MQTT_SUBSCRIBE, err: error?.message, refused: refused.map((g) => g.topic) }, 'subscription refused');
      }
    });
  });
  client.on('error', (error) => log.warn({ err: error.message }, 'broker connection error'));
  client.on('offline', () => log.warn('broker connection lost; reconnecting'));
  return client;
}
