import { serviceClientId } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { DispatchConfig } from '../config.js';

/**
 * Every dispatch node's own broker connection (client id `svc:dispatch:{instance}`, clean session, no
 * subscriptions): a standby takes the lease only while this is up, so it never becomes the active node
 * without a way to the pendants. The active node's presses come over its press session (press-session.ts).
 */
export function connectNodeLink(config: DispatchConfig['mqtt'], instance: string, log: Logger): MqttClient {
  const client = mqtt.connect(config.urls[0]!, {
    servers: [...config.servers],
    clientId: serviceClientId('dispatch', instance),
    username: config.username,
    password: config.password,
    clean: true,
    protocolVersion: 4,
    keepalive: 5,
    reconnectPeriod: 500,
    connectTimeout: 5_000,
    ...(process.env['DEBUG'] ? {} : { log: () => undefined }),
  });
  client.on('connect', () => log.info('node link to the broker up'));
  client.on('offline', () => log.warn('node link to the broker down; reconnecting'));
  client.on('error', (error) => log.debug({ err: error.message }, 'node link error'));
  return client;
}

