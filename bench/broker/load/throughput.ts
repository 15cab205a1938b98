import type { MqttClient } from 'mqtt';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import { subscribe, type SubscriberLogin } from './subscriber.js';
import { heartbeatPayload, locationPayload } from './payloads.js';

export interface ThroughputResult {
  readonly qos: 0 | 1;
  readonly sent: number;
  readonly received: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/**
 * Publishes `total` messages round-robin over all pendants (QoS 0 heartbeats or QoS 1 location updates),
 * as fast as the broker takes them with at most `window` not yet delivered, and measures delivery to
 * one service subscriber: received / (last delivery - first publish). Stops early when deliveries
 * stall for 3 s (lost QoS 0 messages never arrive).
 */
export async function measureThroughput(url: string, login: SubscriberLogin, clients: readonly MqttClient[], qos: 0 | 1, total: number, window: number): Promise<ThroughputResult> {
  const channel = qos === 0 ? 'hb' : 'loc';
  const topics = clients.map((c) => deviceTopic(c.options.clientId!, channel));
  const payloads = Array.from({ length: 512 }, (_, i) => (qos === 0 ? heartbeatPayload(i) : locationPayload(i)));
  let received = 0;
  let lastAt = 0;
  let sent = 0;
  let blocked = false;
  let finish: () => void = () => {};

  const pump = (): void => {
    while (sent < total && sent - received < window) {
      const i = sent % clients.length;
      clients[i]!.publish(topics[i]!, payloads[sent % payloads.length]!, { qos });
      sent++;
    }
    blocked = sent < total;
  };
  const sub = await subscribe(url, login, allDevicesFilter(channel), qos, () => {
    received++;
    lastAt = performance.now();
    if (received >= total) finish();
    else if (blocked && sent - received <= window / 2) {
      blocked = false;
      setImmediate(pump);
    }
  });

  const started = performance.now();
  await new Promise<void>((resolve) => {
    let seen = -1;
    const stall = setInterval(() => {
      if (received === seen) finish();
      seen = received;
    }, 3000);
    finish = () => {
      clearInterval(stall);
      resolve();
    };
    pump();
  });
  await new Promise<void>((resolve) => sub.end(false, {}, () => resolve()));
  const seconds = (lastAt - started) / 1000;
  return { qos, sent, received, seconds, perSecond: received / seconds };
}
