import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { coalesceWrites } from './coalesced-writes.js';

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
});

/** A connected socket pair over loopback; `received` collects what the far end reads. */
async function pair(): Promise<{ near: Socket; received: () => Buffer; ended: Promise<unknown> }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const near = connect((server.address() as { port: number }).port, '127.0.0.1');
  await once(near, 'connect');
  const [far] = await accepted;
  server.close();
  open.push(near, far);
  const chunks: Buffer[] = [];
  far.on('data', (c: Buffer) => chunks.push(c));
  return { near, received: () => Buffer.concat(chunks), ended: once(far, 'end') };
}

/** Counts the socket's calls into the kernel (one `_writev` or `_write` each). */
function countWrites(socket: Socket): () => number {
  let n = 0;
  const s = socket as unknown as { _writev: (...a: unknown[]) => void; _write: (...a: unknown[]) => void };
  const writev = s._writev.bind(socket);
  const write = s._write.bind(socket);
  s._writev = (...a) => (n++, writev(...a));
  s._write = (...a) => (n++, write(...a));
  return () => n;
}

const publish = (i: number, bytes = 40) =>
  ({ cmd: 'publish', topic: `aware/v1/d/p-${i}/hb`, payload: Buffer.alloc(bytes, 120), qos: 0, retain: false, dup: false }) as const;

const nextTick = () => new Promise((resolve) => process.nextTick(resolve));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("a service subscriber's socket", () => {
  it('sends the packets written to it in one turn of the event loop in one write, in order', async () => {
    const { near, received } = await pair();
    coalesceWrites(near);
    const writes = countWrites(near);
    const expected: Buffer[] = [];
    // as aedes delivers: each packet in a tick of its own, within one turn
    for (let i = 0; i < 50; i++) {
      await nextTick();
      mqttPacket.writeToStream(publish(i), near);
      expected.push(mqttPacket.generate(publish(i)));
    }
    await nextTurn();
    await until(() => received().length === Buffer.concat(expected).length);
    expect(received().equals(Buffer.concat(expected))).toBe(true);
    expect(writes()).toBe(1);
  });

  it('without it, mqtt-packet makes one write per packet', async () => {
    const { near, received } = await pair();
    const writes = countWrites(near);
    for (let i = 0; i < 50; i++) {
      await nextTick();
      mqttPacket.writeToStream(publish(i), near);
    }
    await nextTurn();
    await until(() => received().length > 0);
    expect(writes()).toBeGreaterThan(40);
  });

  it('sends a flood written in one long turn as it fills the buffer, not all at the end of the turn', async () => {
    const { near, received } = await pair();
    coalesceWrites(near);
    const writes = countWrites(near);
    let bytes = 0;
    for (let i = 0; i < 2000; i++) {
      await nextTick();
      mqttPacket.writeToStream(publish(i, 200), near);
      bytes += mqttPacket.generate(publish(i, 200)).length;
    }
    // still in the same turn: everything but the last partial buffer has been handed to the kernel
    expect(near.writableLength).toBeLessThan(near.writableHighWaterMark + 300);
    expect(writes()).toBeGreaterThanOrEqual(Math.floor(bytes / near.writableHighWaterMark) - 1);
    await nextTurn();
    await until(() => received().length === bytes);
    expect(received().length).toBe(bytes);
  });

  it('still flushes everything on end()', async () => {
    const { near, received, ended } = await pair();
    coalesceWrites(near);
    mqttPacket.writeToStream(publish(1), near);
    mqttPacket.writeToStream(publish(2), near);
    near.end();
    await ended;
    expect(received().equals(Buffer.concat([mqttPacket.generate(publish(1)), mqttPacket.generate(publish(2))]))).toBe(true);
  });
});
