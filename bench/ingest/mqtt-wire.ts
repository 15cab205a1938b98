/**
 * Just enough MQTT 3.1.1 on raw sockets for a load generator and a counting subscriber that cost
 * next to no CPU (the machine's two cores belong to the broker, ingest and PostgreSQL under test).
 * Packet layouts: MQTT 3.1.1 section 3 (CONNECT 3.1, PUBLISH 3.3, SUBSCRIBE 3.8, PINGREQ 3.12).
 */

function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    bytes.push(b);
  } while (n > 0);
  return Buffer.from(bytes);
}

function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
}

/** CONNECT with clean session, username and password [MQTT-3.1.2]. */
export function connectPacket(clientId: string, username: string, password: string, keepaliveS = 60): Buffer {
  const header = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, keepaliveS >> 8, keepaliveS & 0xff])]);
  const body = Buffer.concat([header, str(clientId), str(username), str(password)]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

/** Topic part of a QoS 0 PUBLISH, encoded once per pendant. */
export function publishPrefix(topic: string): Buffer {
  return str(topic);
}

/** PUBLISH QoS 0, no retain [MQTT-3.3.1]. */
export function publishPacket(topicPrefix: Buffer, payload: Buffer): Buffer {
  const len = topicPrefix.length + payload.length;
  return Buffer.concat([Buffer.from([0x30]), remainingLength(len), topicPrefix, payload]);
}

/** SUBSCRIBE to one filter [MQTT-3.8.1-1: fixed header flags 0010]. */
export function subscribePacket(packetId: number, filter: string, qos: 0 | 1): Buffer {
  const body = Buffer.concat([Buffer.from([packetId >> 8, packetId & 0xff]), str(filter), Buffer.from([qos])]);
  return Buffer.concat([Buffer.from([0x82]), remainingLength(body.length), body]);
}

export const PINGREQ = Buffer.from([0xc0, 0x00]);

export interface Packet {
  type: number;
  body: Buffer;
}

/** Splits a byte stream into MQTT packets (type = upper nibble of the first byte). */
export class PacketReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onPacket: (type: number, body: Buffer) => void): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let offset = 0;
    for (;;) {
      if (this.buf.length - offset < 2) break;
      let len = 0;
      let mult = 1;
      let i = offset + 1;
      let complete = false;
      while (i < this.buf.length) {
        const b = this.buf[i++]!;
        len += (b & 0x7f) * mult;
        mult *= 128;
        if ((b & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete || this.buf.length - i < len) break;
      onPacket(this.buf[offset]! >> 4, this.buf.subarray(i, i + len));
      offset = i + len;
    }
    this.buf = offset === this.buf.length ? Buffer.alloc(0) : this.buf.subarray(offset);
  }
}

export const PACKET = { CONNACK: 2, PUBLISH: 3, SUBACK: 9, PINGRESP: 13 } as const;
