import type { Aedes } from 'aedes';

const DROPPED = Symbol('aware.dropped');

/** Marks a packet that passed authorization only so the client stays connected: it must go nowhere. */
export function markDropped(packet: object): void {
  (packet as Record<symbol, boolean>)[DROPPED] = true;
}

type PublishFn = (packet: object, client?: unknown, done?: (err?: Error) => void) => void;

/**
 * MQTT 3.1.1 cannot refuse a single PUBLISH: the only answer is closing the connection [MQTT-3.3.5-2],
 * and aedes closes it whenever `authorizePublish` returns an error. A pendant whose heartbeat fails
 * validation (a clock that is not set yet, a firmware bug) must not be thrown off the network for it,
 * or its next alarm would wait for a reconnect. So the hook marks such a packet and lets it through
 * (QoS 1 is acknowledged: resending it would not make it valid), and this wrapper around the broker's
 * `publish` (the one path every client publish and will takes) drops it before routing or storing it.
 */
export function installDropFilter(broker: Aedes): void {
  const publish = (broker.publish as unknown as PublishFn).bind(broker);
  (broker as unknown as { publish: PublishFn }).publish = function publishUnlessDropped(packet, client, done) {
    if ((packet as Record<symbol, boolean>)[DROPPED]) {
      const callback = typeof client === 'function' ? (client as (err?: Error) => void) : done;
      if (callback) setImmediate(callback);
      return;
    }
    publish(packet, client, done);
  };
}
