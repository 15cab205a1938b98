import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { ByteQueue } from './byte-queue.js';

describe('byte queue', () => {
  it('reads across appends and consumes from the front', () => {
    const q = new ByteQueue();
    q.append(Buffer.from([1, 2, 3]));
    q.append(Buffer.from([4, 5]));
    expect(q.length).toBe(5);
    expect(q.readUInt8(3)).toBe(4);
    expect(q.readUInt16BE(1)).toBe(0x0203);
    q.consume(2);
    q.append(Buffer.from([6]));
    expect(q.readUInt32BE(0)).toBe(0x03040506);
    expect([...q.slice(0, 3)]).toEqual([3, 4, 5]);
    q.consume(1);
    expect(q.readUInt8(3)).toBeUndefined();
    q.consume(10);
    expect(q.length).toBe(0);
    expect(q.slice().length).toBe(0);
  });

  it('decodes strings in a range', () => {
    const q = new ByteQueue().append(Buffer.from('xxMQTTyy'));
    expect(q.toString('utf8', 2, 6)).toBe('MQTT');
  });

  it('lets mqtt-packet parse packets split at every byte', () => {
    const packets = [
      mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'p-1', keepalive: 30, username: 'p-1', password: Buffer.from('s3cret') }),
      mqttPacket.generate({ cmd: 'publish', topic: 'aware/v1/d/p-1/hb', payload: Buffer.from('{"a":1}'), qos: 1, messageId: 7, retain: false, dup: false }),
      mqttPacket.generate({ cmd: 'pingreq' }),
    ];
    const bytes = Buffer.concat(packets);
    const parser = mqttPacket.parser({ protocolVersion: 4 }) as unknown as { _list: unknown; on: (e: string, f: (p: unknown) => void) => void; parse: (b: Buffer) => void };
    parser._list = new ByteQueue();
    const seen: Array<{ cmd: string; payload?: Buffer; topic?: string }> = [];
    parser.on('packet', (p) => seen.push(p as { cmd: string }));
    for (let i = 0; i < bytes.length; i++) parser.parse(bytes.subarray(i, i + 1));
    expect(seen.map((p) => p.cmd)).toEqual(['connect', 'publish', 'pingreq']);
    expect(seen[1]!.topic).toBe('aware/v1/d/p-1/hb');
    expect(seen[1]!.payload!.toString()).toBe('{"a":1}');
  });
});
