import mqtt, { type MqttClient } from 'mqtt';
import { noDelay } from './pendant-clients.js';

export interface SubscriberLogin {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
}

/** An internal service's subscription: the one consumer the benchmark measures delivery at. */
export function subscribe(url: string, login: SubscriberLogin, filter: string, qos: 0 | 1, onMessage: (payload: Buffer) => void): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...login, clean: true, keepalive: 60, reconnectPeriod: 0, protocolVersion: 4 });
    client.once('error', reject);
    client.on('message', (_topic, payload) => onMessage(payload));
    client.once('connect', () => {
      noDelay(client);
      client.subscribe(filter, { qos }, (err, granted) => {
        if (err || granted?.[0]?.qos !== qos) return reject(err ?? new Error(`subscription to ${filter} refused`));
        resolve(client);
      });
    });
  });
}
