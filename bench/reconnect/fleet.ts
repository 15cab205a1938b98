/**
 * The fleet of bench/reconnect: its own process (10,000 client sockets; forked by run.ts, IPC for the
 * phases). Every pendant connects as firmware does (CONNECT with its id and secret, SUBSCRIBE to its
 * `cmd`), reconnects every `reconnectPeriodMs` while the broker is away, and after each connect sends a
 * heartbeat, repeated every 2 s until the run's subscriber has seen one from it since the restart
 * ("a heartbeat accepted"). Times are wall-clock ms (Date.now), comparable with the parent's.
 */
import { readFile } from 'node:fs/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';

export interface FleetJob {
  readonly url: string;
  readonly pendantsFile: string;
  readonly subscriber: { readonly username: string; readonly password: string; readonly clientId: string };
  readonly reconnectPeriodMs: number;
  readonly connectConcurrency: number;
}

export type FleetMessage =
  | { type: 'ready'; coldConnectMs: number[] }
  | { type: 'result'; connectedAt: (number | null)[]; heartbeatAt: (number | null)[] };
export type ParentMessage = { cmd: 'killed' } | { cmd: 'report'; timeoutMs: number };

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as FleetJob;
const pendants = JSON.parse(await readFile(job.pendantsFile, 'utf8')) as { id: string; secret: string }[];
const index = new Map(pendants.map((p, i) => [p.id, i]));
const connectedAt: (number | null)[] = pendants.map(() => null);
const heartbeatAt: (number | null)[] = pendants.map(() => null);
const send = (m: FleetMessage) => process.send!(m);
let seq = 0;

const subscriber = mqtt.connect(job.url, { ...job.subscriber, clean: true, keepalive: 30, reconnectPeriod: 200, protocolVersion: 4 });
subscriber.on('connect', () => subscriber.subscribe(allDevicesFilter('hb'), { qos: 0 }));
subscriber.on('error', () => undefined);
subscriber.on('message', (topic) => {
  const i = index.get(topic.split('/')[3] ?? '');
  if (i !== undefined) heartbeatAt[i] ??= Date.now();
});

const heartbeat = () =>
  JSON.stringify({ seq: seq++ & 0xffffffff, ts: Date.now(), battery: 80, charging: false, rssi: -70, firmware: 'bench-1.0' });

function pendant(p: { id: string; secret: string }, i: number): MqttClient {
  const client = mqtt.connect(job.url, {
    clientId: p.id,
    username: p.id,
    password: p.secret,
    clean: true,
    keepalive: 120,
    reconnectPeriod: job.reconnectPeriodMs,
    connectTimeout: 60_000,
    protocolVersion: 4,
  });
  let timer: NodeJS.Timeout | null = null;
  const beat = () => {
    if (heartbeatAt[i] !== null || !client.connected) return;
    client.publish(deviceTopic(p.id, 'hb'), heartbeat(), { qos: 0 });
    timer = setTimeout(beat, 2_000);
  };
  client.on('connect', () => {
    connectedAt[i] ??= Date.now();
    client.subscribe(deviceTopic(p.id, 'cmd'), { qos: 1 });
    if (timer) clearTimeout(timer);
    beat();
  });
  client.on('error', () => undefined);
  return client;
}

// cold start: connect at most `connectConcurrency` at a time
const started = Date.now();
const clients: MqttClient[] = [];
for (let i = 0; i < pendants.length; i++) {
  clients.push(pendant(pendants[i]!, i));
  while (i - connectedAt.filter((t) => t !== null).length >= job.connectConcurrency) await new Promise((r) => setTimeout(r, 5));
}
while (heartbeatAt.some((t) => t === null) || connectedAt.some((t) => t === null)) await new Promise((r) => setTimeout(r, 50));
send({ type: 'ready', coldConnectMs: connectedAt.map((t) => t! - started) });

process.on('message', async (m: ParentMessage) => {
  if (m.cmd === 'killed') {
    connectedAt.fill(null);
    heartbeatAt.fill(null);
    return;
  }
  const deadline = Date.now() + m.timeoutMs;
  while (Date.now() < deadline && (heartbeatAt.some((t) => t === null) || connectedAt.some((t) => t === null))) await new Promise((r) => setTimeout(r, 50));
  send({ type: 'result', connectedAt, heartbeatAt });
  for (const c of clients) c.end(true);
  subscriber.end(true);
  setTimeout(() => process.exit(0), 200);
});
