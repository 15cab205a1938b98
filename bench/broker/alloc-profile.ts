/**
 * Where plain aedes allocates while it routes QoS 1 messages: V8's sampling heap profiler, counting
 * objects that garbage collection already took (allocation, not retention, is what drives the broker's
 * GC pauses). 200 publishers and one subscriber (alloc-load.ts) in a child process; 25,000 messages at
 * 5,000/s. Prints bytes per message, in all and by allocation site.
 *
 *   node --import tsx bench/broker/alloc-profile.ts            # as the broker runs (quiet mqtt-packet debug)
 *   DEBUG=none node --import tsx bench/broker/alloc-profile.ts # with mqtt-packet's debug calls as they are
 */
import { quietMqttPacketDebug } from '../../broker/src/lean/quiet-debug.js';
quietMqttPacketDebug();
import { createServer } from 'node:net';
import { Session } from 'node:inspector/promises';
import { fork } from 'node:child_process';

// loaded after the debug hook (a static import would load mqtt-packet first)
const { Aedes } = await import('aedes');
const broker = await Aedes.createBroker({ concurrency: 0 });
const server = createServer({ noDelay: true }, broker.handle);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const session = new Session();
session.connect();
const child = fork(new URL('./alloc-load.ts', import.meta.url).pathname, [String(port)], { execArgv: ['--import', 'tsx'] });
await new Promise((r) => child.once('message', r)); // connected
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
child.send('go');
const done = await new Promise<{ n: number }>((r) => child.once('message', r as never));
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const self = new Map<string, number>();
const walk = (n: Node, stack: string[]) => {
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
  const key = `${k}  <  ${stack.slice(-2).join(' < ')}`;
  self.set(key, (self.get(key) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, [...stack, k]);
};
walk(profile.head, []);
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('messages', done.n, 'sampled bytes/msg', Math.round(total / done.n));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(Math.round(v / done.n)).padStart(6), k.slice(0, 230));
child.kill();
process.exit(0);
