/**
 * Load generator child process: pendants as raw MQTT sockets (mqtt-wire.ts), each with its real
 * device credentials, publishing QoS 0 heartbeats at an open-loop total rate. `ts` is the send time,
 * from which the parent measures publish-to-committed latency. Driven over IPC by run.ts.
 */
import { connect, type Socket } from 'node:net';
import { PINGREQ, PACKET, PacketReader, connectPacket, publishPacket, publishPrefix } from './mqtt-wire.js';

interface Pendant {
  id: string;
  socket: Socket;
  prefix: Buffer;
  seq: number;
  battery: number;
}

type Command =
  | { cmd: 'connect'; host: string; port: number; ids: string[]; secret: string; concurrency: number }
  | { cmd: 'run'; rate: number; seconds: number }
  | { cmd: 'exit' };

const pendants: Pendant[] = [];
let pinger: NodeJS.Timeout | undefined;

function send(message: unknown): void {
  process.send?.(message);
}

function connectOne(host: string, port: number, id: string, secret: string): Promise<Pendant> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const reader = new PacketReader();
    const timer = setTimeout(() => reject(new Error(`${id}: no CONNACK`)), 30_000);
    socket.on('error', reject);
    socket.on('data', (chunk) =>
      reader.push(chunk, (type, body) => {
        if (type !== PACKET.CONNACK) return;
        clearTimeout(timer);
        if (body[1] !== 0) return reject(new Error(`${id}: CONNACK return code ${body[1]}`));
        resolve({ id, socket, prefix: publishPrefix(`aware/v1/d/${id}/hb`), seq: 0, battery: 30 + Math.floor(Math.random() * 70) });
      }),
    );
    socket.write(connectPacket(id, id, secret, 120));
  });
}

async function connectAll(c: Extract<Command, { cmd: 'connect' }>): Promise<void> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < c.ids.length) {
      const id = c.ids[next++]!;
      pendants.push(await connectOne(c.host, c.port, id, c.secret));
    }
  };
  await Promise.all(Array.from({ length: c.concurrency }, worker));
  for (const p of pendants) p.socket.on('close', () => send({ event: 'closed', id: p.id }));
  pinger = setInterval(() => pendants.forEach((p) => p.socket.write(PINGREQ)), 30_000);
  send({ event: 'connected', n: pendants.length, ms: performance.now() - started });
}

function heartbeatPayload(p: Pendant, now: number): Buffer {
  const hb: Record<string, unknown> = { seq: p.seq++, ts: now, battery: p.battery, charging: false, rssi: -60 - (p.seq % 40), firmware: 'bench-1.0.0' };
  if (p.seq % 2 === 0) hb['fix'] = { lat: 52.09 + (p.seq % 100) / 10_000, lon: 5.12, acc: 12 };
  return Buffer.from(JSON.stringify(hb));
}

function run(rate: number, seconds: number): void {
  const start = performance.now();
  const perSecond: number[] = new Array(Math.ceil(seconds)).fill(0);
  let sent = 0;
  let skipped = 0;
  let cursor = 0;
  const tick = () => {
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds) {
      send({ event: 'done', sent, skipped, perSecond });
      return;
    }
    const due = Math.floor(rate * elapsed) - sent - skipped;
    const now = Date.now();
    const second = Math.floor(elapsed);
    for (let i = 0; i < due; i++) {
      const p = pendants[cursor]!;
      cursor = (cursor + 1) % pendants.length;
      if (p.socket.writableNeedDrain) {
        skipped++;
        continue;
      }
      p.socket.write(publishPacket(p.prefix, heartbeatPayload(p, now)));
      sent++;
      perSecond[second]!++;
    }
    setTimeout(tick, 1);
  };
  tick();
}

process.on('message', (message: Command) => {
  if (message.cmd === 'connect') {
    connectAll(message).catch((err: Error) => send({ event: 'error', message: err.message }));
  } else if (message.cmd === 'run') {
    run(message.rate, message.seconds);
  } else {
    if (pinger) clearInterval(pinger);
    for (const p of pendants) p.socket.destroy();
    process.exit(0);
  }
});
send({ event: 'ready' });
