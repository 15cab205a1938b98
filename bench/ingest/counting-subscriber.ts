/**
 * The broker-only consumer: logs in as ingest would (svc:ingest), subscribes to every heartbeat and
 * only counts them per second on a raw socket, so the broker's delivery rate is measured without a
 * consumer's own cost. Latency from the `ts` of every 50th message. Driven over IPC by run.ts.
 */
import { connect } from 'node:net';
import { Histogram } from './histogram.js';
import { PACKET, PacketReader, connectPacket, subscribePacket } from './mqtt-wire.js';

type Command = { cmd: 'start'; host: string; port: number; username: string; password: string } | { cmd: 'report' } | { cmd: 'reset' } | { cmd: 'exit' };

const histogram = new Histogram();
const perSecond = new Map<number, number>();
let received = 0;

function onPublish(body: Buffer): void {
  received++;
  const second = Math.floor(Date.now() / 1000);
  perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  if (received % 50 !== 0) return;
  const topicLength = body.readUInt16BE(0);
  const payload = body.subarray(2 + topicLength).toString('utf8');
  const at = payload.indexOf('"ts":');
  if (at >= 0) histogram.record(Date.now() - Number.parseInt(payload.slice(at + 5, at + 25), 10));
}

process.on('message', (message: Command) => {
  if (message.cmd === 'start') {
    const socket = connect({ host: message.host, port: message.port, noDelay: true });
    const reader = new PacketReader();
    socket.on('data', (chunk) =>
      reader.push(chunk, (type, body) => {
        if (type === PACKET.PUBLISH) onPublish(body);
        else if (type === PACKET.CONNACK) socket.write(subscribePacket(1, 'aware/v1/d/+/hb', 0));
        else if (type === PACKET.SUBACK) process.send?.({ event: 'subscribed', granted: body[2] });
      }),
    );
    socket.on('error', (err) => process.send?.({ event: 'error', message: err.message }));
    socket.write(connectPacket(`svc:ingest:bench-${process.pid}`, message.username, message.password, 120));
  } else if (message.cmd === 'reset') {
    histogram.reset();
    perSecond.clear();
    received = 0;
    process.send?.({ event: 'reset' });
  } else if (message.cmd === 'report') {
    process.send?.({ event: 'report', received, perSecond: [...perSecond.entries()], histogram: histogram.toJSON() });
  } else {
    process.exit(0);
  }
});
process.send?.({ event: 'ready' });
