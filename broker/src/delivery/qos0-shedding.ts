import type { Writable } from 'node:stream';
import type { Client } from 'aedes';
import { internals } from '../aedes-internals.js';
import { delivered, expectDelivery } from './coalesced-writes.js';

/**
 * QoS 0 to a service subscriber never holds up the publishers.
 *
 * aedes completes a publish only when every subscriber's write has drained, and reads a client's next
 * packet only when its previous ones are complete. One lagging subscriber (ingest behind on a heartbeat
 * storm) would so stop the reading of every heartbeating pendant, and a press queued behind its
 * pendant's heartbeat would wait with it. Here a QoS 0 delivery to a service is written and completed
 * at once; while more than `maxBacklogBytes` wait unsent on that subscriber's socket, further QoS 0
 * deliveries to it are shed and counted (QoS 0 is at most once; a heartbeat is superseded by the next
 * one and the watchdog looks at silence, not at single heartbeats). QoS 1 deliveries (presses, location
 * updates, commands, presence) keep aedes' flow control and are never shed.
 *
 * Installed at login, before the service can subscribe: aedes registers `deliver0` with the emitter
 * when the subscription is made.
 */
export function shedQos0WhenBacklogged(client: Client, maxBacklogBytes: number, onShed: (topic: string) => void): void {
  const target = internals(client);
  const deliver0 = target.deliver0;
  target.deliver0 = (packet, callback) => {
    if (target.conn.writableLength > maxBacklogBytes) {
      onShed(packet.topic);
      // like aedes: complete on the next turn, so a long run of deliveries cannot grow the stack
      setImmediate(callback);
      return;
    }
    expectDelivery(target.conn);
    deliver0(packet, noop);
    // queued behind aedes' write: closes the delivery for coalesced-writes.ts, then completes it
    setImmediate(completeDelivery, target.conn, callback);
  };
}

function completeDelivery(conn: Writable, callback: () => void): void {
  delivered(conn);
  callback();
}

function noop(): void {}
