import type { MqttClient } from 'mqtt';
import mqttPacket from 'mqtt-packet';
import type { Duplex } from 'node:stream';

/**
 * QoS 1 deliveries acknowledged when *we* say so, without holding up the next message.
 *
 * mqtt.js sends PUBACK when `handleMessage`'s callback is called without an error, and handles the next
 * incoming packet only after that: waiting for durability there would make every press wait for the
 * previous one's database write. So `handleMessage` (mqtt.js' documented override point) calls back at
 * once with DEFERRED, which makes mqtt.js skip its own PUBACK and move on (mqtt.js 5.x, handlers/publish.js:
 * an error from handleMessage is passed to the packet pump, which ignores it); our `handle` runs the
 * message and, when its promise resolves, we write the PUBACK ourselves on the connection the message
 * came in on. If that connection is gone by then, no PUBACK is sent: the broker redelivers the message on
 * the new session [MQTT-4.4.0-1] and the handler recognises it. A handler that rejects leaves it
 * unacknowledged too. `dispatch/test/deferred-ack.test.ts` pins this behaviour against the real broker.
 */
const DEFERRED = new Error('dispatch: PUBACK deferred until durable');

export interface Delivery {
  readonly topic: string;
  readonly payload: Buffer;
  readonly qos: 0 | 1 | 2;
  readonly dup: boolean;
}

/** Returns a promise for deliveries to acknowledge when it resolves, or undefined to acknowledge at once. */
export type DeliveryHandler = (delivery: Delivery) => Promise<void> | undefined;

export function installDeferredAcks(client: MqttClient, handle: DeliveryHandler, onError: (error: unknown, delivery: Delivery) => void): void {
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    const delivery: Delivery = { topic: packet.topic, payload: Buffer.from(packet.payload as Buffer), qos: packet.qos, dup: packet.dup };
    let pending: Promise<void> | undefined;
    try {
      pending = handle(delivery);
    } catch (error) {
      onError(error, delivery);
      pending = undefined;
    }
    if (packet.qos !== 1 || pending === undefined || packet.messageId === undefined) return callback();
    const stream = client.stream as Duplex;
    const messageId = packet.messageId;
    callback(DEFERRED);
    pending.then(
      () => {
        if (client.stream === stream && client.connected && stream.writable) {
          mqttPacket.writeToStream({ cmd: 'puback', messageId }, stream);
        }
      },
      (error: unknown) => onError(error, delivery),
    );
  };
}
