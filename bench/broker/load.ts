/**
 * The load generator: its own process (10,000 client sockets), run by run.ts once per broker.
 * argv[2] is a JSON file with the job; the result is printed as one JSON line on stdout.
 */
import { readFile } from 'node:fs/promises';
import { connectPendants, disconnectAll, type Credentials } from './load/pendant-clients.js';
import { measureThroughput } from './load/throughput.js';
import { measureLatency } from './load/latency.js';
import { rssBytes } from './load/rss.js';
import type { SubscriberLogin } from './load/subscriber.js';

export interface LoadJob {
  readonly url: string;
  readonly brokerPid: number;
  readonly pendantsFile: string;
  readonly connectConcurrency: number;
  readonly qos0Messages: number;
  readonly qos1Messages: number;
  readonly window: number;
  /** Fixed QoS 1 rates to measure latency at, msg/s. */
  readonly latencyRates: readonly number[];
  readonly latencySeconds: number;
  readonly settleMs: number;
  /** Send the broker SIGUSR2 (a full GC, gc-on-signal.mjs) before each memory sample. */
  readonly gcBeforeSample: boolean;
  readonly hbSubscriber: SubscriberLogin;
  readonly locSubscriber: SubscriberLogin;
}

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as LoadJob;
const pendants = JSON.parse(await readFile(job.pendantsFile, 'utf8')) as Credentials[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Idle for a while, then (Node brokers) collect garbage and give V8 a moment to return freed pages. */
const settle = async () => {
  await sleep(job.settleMs);
  if (job.gcBeforeSample) {
    process.kill(job.brokerPid, 'SIGUSR2');
    await sleep(2000);
  }
};
const log = (msg: string) => process.stderr.write(`[load ${new URL(job.url).port}] ${msg}\n`);

await settle();
const rssBaseline = await rssBytes(job.brokerPid);
log(`connecting ${pendants.length} pendants, in two halves`);
const half = Math.floor(pendants.length / 2);
const firstHalf = await connectPendants(job.url, pendants.slice(0, half), job.connectConcurrency);
await settle();
const rssAtHalf = await rssBytes(job.brokerPid);
const secondHalf = await connectPendants(job.url, pendants.slice(half), job.connectConcurrency);
const first = {
  clients: [...firstHalf.clients, ...secondHalf.clients],
  failed: firstHalf.failed + secondHalf.failed,
  seconds: firstHalf.seconds + secondHalf.seconds,
};
log(`round 1: ${first.clients.length} connected, ${first.failed} failed in ${first.seconds.toFixed(1)} s`);
await settle();
const rssAfterFirst = await rssBytes(job.brokerPid);
await disconnectAll(first.clients);
await settle();
const second = await connectPendants(job.url, pendants, job.connectConcurrency);
log(`round 2 (reconnect): ${second.clients.length} connected, ${second.failed} failed in ${second.seconds.toFixed(1)} s`);
await settle();
const rssAfterSecond = await rssBytes(job.brokerPid);
const clients = second.clients;

log('QoS 0 throughput');
const qos0 = await measureThroughput(job.url, job.hbSubscriber, clients, 0, job.qos0Messages, job.window);
log('QoS 1 throughput');
const qos1 = await measureThroughput(job.url, job.locSubscriber, clients, 1, job.qos1Messages, job.window);
const latency = [];
for (const rate of job.latencyRates) {
  log(`latency at ${rate} QoS 1 msg/s`);
  latency.push(await measureLatency(job.url, job.locSubscriber, clients, rate, job.latencySeconds));
}
const rssAfterLoad = await rssBytes(job.brokerPid);
await disconnectAll(clients);

const n = pendants.length;
const result = {
  pendants: n,
  connect: {
    cold: { connected: first.clients.length, failed: first.failed, seconds: first.seconds, perSecond: first.clients.length / first.seconds },
    reconnect: { connected: second.clients.length, failed: second.failed, seconds: second.seconds, perSecond: second.clients.length / second.seconds },
  },
  memory: {
    baselineRssBytes: rssBaseline,
    afterColdConnectRssBytes: rssAfterFirst,
    afterReconnectRssBytes: rssAfterSecond,
    afterLoadRssBytes: rssAfterLoad,
    rssAtHalfBytes: rssAtHalf,
    /** What one more idle pendant costs: RSS growth over the second half (fixed costs such as argon2's
     *  thread arenas and first-use caches land in the first half). The figure for 100,000 pendants. */
    perIdleConnectionBytes: (rssAfterFirst - rssAtHalf) / (n - half),
    /** RSS growth over all n, fixed costs included. */
    averagePerConnectionBytes: (Math.max(rssAfterFirst, rssAfterSecond) - rssBaseline) / n,
  },
  qos0,
  qos1,
  latency,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
