import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopic } from '@aware/protocol';

export interface Credentials {
  readonly id: string;
  readonly secret: string;
}

export interface ConnectResult {
  readonly clients: MqttClient[];
  readonly failed: number;
  readonly seconds: number;
}

/**
 * Connects every pendant the way firmware does: CONNECT with its id and secret, then SUBSCRIBE to its own
 * `cmd` topic (QoS 1). At most `concurrency` handshakes in flight (a fleet reconnecting after an outage
 * is spread out by the pendants' backoff, not all in the same millisecond).
 */
export async function connectPendants(url: string, pendants: readonly Credentials[], concurrency: number): Promise<ConnectResult> {
  const clients: MqttClient[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const one = (p: Credentials) =>
    new Promise<void>((resolve) => {
      const client = mqtt.connect(url, {
        clientId: p.id,
        username: p.id,
        password: p.secret,
        clean: true,
        keepalive: 120,
        reconnectPeriod: 0,
        connectTimeout: 120_000,
        protocolVersion: 4,
      });
      const fail = () => {
        failed++;
        client.end(true);
        resolve();
      };
      client.once('error', fail);
      client.once('connect', () => {
        noDelay(client);
        client.subscribe(deviceTopic(p.id, 'cmd'), { qos: 1 }, (err) => {
          client.off('error', fail);
          client.on('error', () => undefined);
          if (err) return fail();
          clients.push(client);
          resolve();
        });
      });
    });
  const worker = async () => {
    for (let i = next++; i < pendants.length; i = next++) await one(pendants[i]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { clients, failed, seconds: (performance.now() - started) / 1000 };
}

/** No Nagle delay on the client's socket (mqtt.js leaves it on); both brokers set it on theirs. */
export function noDelay(client: MqttClient): void {
  (client.stream as unknown as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
}

/** Clean DISCONNECT of every client; resolves when all sockets are closed. */
export async function disconnectAll(clients: readonly MqttClient[]): Promise<void> {
  await Promise.all(clients.map((c) => new Promise<void>((resolve) => c.end(false, {}, () => resolve()))));
}
