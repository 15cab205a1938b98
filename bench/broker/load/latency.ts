import type { MqttClient } from 'mqtt';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import { subscribe, type SubscriberLogin } from './subscriber.js';
import { locationPayload, locationSeq } from './payloads.js';

export interface LatencyResult {
  readonly rate: number;
  readonly sent: number;
  readonly received: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

/**
 * QoS 1 location updates at a fixed `rate` for `seconds`, round-robin over the pendants, and the time
 * from publish (handed to the pendant's socket) to delivery at one service subscriber in the same process.
 */
export async function measureLatency(url: string, login: SubscriberLogin, clients: readonly MqttClient[], rate: number, seconds: number): Promise<LatencyResult> {
  const total = Math.round(rate * seconds);
  const sentAt = new Float64Array(total);
  const latencies: number[] = [];
  const topics = clients.map((c) => deviceTopic(c.options.clientId!, 'loc'));
  const sub = await subscribe(url, login, allDevicesFilter('loc'), 1, (payload) => {
    const seq = locationSeq(payload);
    if (seq >= 0 && seq < total) latencies.push(performance.now() - sentAt[seq]!);
  });
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) {
        const i = sent % clients.length;
        const payload = locationPayload(sent);
        sentAt[sent] = performance.now();
        clients[i]!.publish(topics[i]!, payload, { qos: 1 });
        sent++;
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  const deadline = performance.now() + 5000;
  while (latencies.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise<void>((resolve) => sub.end(false, {}, () => resolve()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { rate, sent, received: latencies.length, p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999), maxMs: latencies.at(-1) ?? Number.NaN };
}
