import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { delivered, expectDelivery, holdAnnouncedWrites } from './coalesced-writes.js';

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

/** As aedes and the broker's delivery wrappers do: announce, write in an immediate, close in the next one. */
function deliver(socket: Socket, packet: Parameters<typeof mqttPacket.generate>[0], afterWrite?: () => void): void {
  expectDelivery(socket);
  setImmediate(() => {
    mqttPacket.writeToStream(packet, socket);
    afterWrite?.();
  });
  setImmediate(delivered, socket);
}
/** Resolves in the check phase, after every immediate queued before it. */
const afterQueuedImmediates = () => new Promise<void>((resolve) => setImmediate(resolve));
const nextTick = () => new Promise((resolve) => process.nextTick(resolve));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("a service subscriber's socket", () => {
  it('sends the deliveries routed in one batch in one write, in order, before the batch ends', async () => {
    const { near, received } = await pair();
    holdAnnouncedWrites(near);
    const writes = countWrites(near);
    const expected: Buffer[] = [];
    for (let i = 0; i < 50; i++) {
      deliver(near, publish(i));
      expected.push(mqttPacket.generate(publish(i)));
    }
    await afterQueuedImmediates();
    expect(writes()).toBe(1);
    expect(near.writableLength).toBe(0);
    await until(() => received().length === Buffer.concat(expected).length);
    expect(received().equals(Buffer.concat(expected))).toBe(true);
  });

  it('without it, mqtt-packet makes one write per packet', async () => {
    const { near, received } = await pair();
    const writes = countWrites(near);
    for (let i = 0; i < 50; i++) setImmediate(() => mqttPacket.writeToStream(publish(i), near));
    await afterQueuedImmediates();
    await until(() => received().length > 0);
    expect(writes()).toBeGreaterThan(40);
  });

  it('sends a press at QoS 1 routed among heartbeats in the same check phase, never a turn later', async () => {
    const { near, received } = await pair();
    holdAnnouncedWrites(near);
    const press = { cmd: 'publish', topic: 'aware/v1/d/p-9/alarm', payload: Buffer.from('{"alarmId":"x"}'), qos: 1, messageId: 9, retain: false, dup: false } as const;
    const packets = [publish(1), publish(2), press, publish(3)];
    for (const p of packets) deliver(near, p);
    await afterQueuedImmediates();
    // the batch is over: everything, the press included, has been handed to the kernel
    expect(near.writableLength).toBe(0);
    const expected = Buffer.concat(packets.map((p) => mqttPacket.generate(p)));
    await until(() => received().length === expected.length);
    expect(received().equals(expected)).toBe(true);
  });

  it('sends a flood routed in one long batch as it fills the buffer, not all at the end', async () => {
    const { near, received } = await pair();
    holdAnnouncedWrites(near);
    const writes = countWrites(near);
    let bytes = 0;
    let mostHeld = 0;
    for (let i = 0; i < 2000; i++) {
      deliver(near, publish(i, 200), () => (mostHeld = Math.max(mostHeld, near.writableLength)));
      bytes += mqttPacket.generate(publish(i, 200)).length;
    }
    await afterQueuedImmediates();
    expect(mostHeld).toBeLessThan(near.writableHighWaterMark + 300);
    expect(writes()).toBeGreaterThanOrEqual(Math.floor(bytes / near.writableHighWaterMark) - 1);
    await until(() => received().length === bytes);
    expect(received().length).toBe(bytes);
  });

  it('does not hold a write that no delivery announced (an acknowledgement to the service)', async () => {
    const { near, received } = await pair();
    holdAnnouncedWrites(near);
    const writes = countWrites(near);
    mqttPacket.writeToStream({ cmd: 'puback', messageId: 7 }, near);
    await nextTick();
    expect(writes()).toBe(1);
    await until(() => received().length === 4);
  });

  it('still flushes everything on end()', async () => {
    const { near, received, ended } = await pair();
    holdAnnouncedWrites(near);
    expectDelivery(near);
    mqttPacket.writeToStream(publish(1), near);
    mqttPacket.writeToStream(publish(2), near);
    near.end();
    await ended;
    expect(received().equals(Buffer.concat([mqttPacket.generate(publish(1)), mqttPacket.generate(publish(2))]))).toBe(true);
  });
});
