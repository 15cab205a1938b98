import { Writable } from 'node:stream';
import type { Client } from 'aedes';
import { internals } from '../aedes-internals.js';

const PENDING = Symbol('aware.deliveriesInThisBatch');
const HELD = Symbol('aware.writesHeld');
type Conn = Writable & { [PENDING]?: number; [HELD]?: boolean };

/**
 * The deliveries aedes routes to a service subscriber (ingest, dispatch) in one batch of immediates
 * leave in one write system call (one per 16 KiB), instead of one each.
 *
 * aedes writes every routed message in an immediate of its own, and mqtt-packet corks the socket for
 * each packet and uncorks it on the next tick: a service that receives every pendant's messages cost
 * the broker one `writev` per message. On loopback and on a busy host that call is the broker's largest
 * single cost (half its CPU time at 5,000 QoS 1 msg/s in bench/broker, the kernel's work for both ends).
 *
 * Each delivery is announced before aedes schedules its write (`expectDelivery`) and closed by an
 * immediate queued right behind that write (`delivered`). While deliveries are announced, writes to the
 * socket are held (one more cork level); when the last announced delivery of the batch is closed, in the
 * same check phase, they leave together. So nothing waits for another turn of the event loop: a press
 * leaves with the deliveries routed beside it, no later than the end of that batch. A delivery whose
 * write comes later (a persistent session's store round trip) is simply not held. Held writes go out early
 * once they fill the socket's buffer (its high-water mark, 16 KiB). Flow control is unchanged: a write
 * still reports a full buffer, and `end()` still flushes at once.
 */
export function coalesceDeliveries(client: Client): void {
  const target = internals(client);
  const conn = target.conn;
  holdAnnouncedWrites(conn);
  const deliverQoS = target.deliverQoS;
  target.deliverQoS = (packet, callback) => {
    expectDelivery(conn);
    deliverQoS(packet, callback);
    setImmediate(delivered, conn);
  };
}

/** From now on, writes to `conn` are held while deliveries to it are announced. */
export function holdAnnouncedWrites(conn: Writable): void {
  (conn as Conn).cork = corkPacket;
}

/** A delivery to `conn` is about to be scheduled; pair with `delivered` in an immediate queued after it. */
export function expectDelivery(conn: Writable): void {
  const c = conn as Conn;
  c[PENDING] = (c[PENDING] ?? 0) + 1;
}

/** The delivery's write has run (or was not needed); the batch's last one lets the held writes go. */
export function delivered(conn: Writable): void {
  const c = conn as Conn;
  c[PENDING] = (c[PENDING] ?? 1) - 1;
  if (c[PENDING] === 0 && c[HELD] === true) {
    c[HELD] = false;
    c.uncork();
  }
}

function corkPacket(this: Conn): void {
  if (this[HELD] === true && this.writableLength >= this.writableHighWaterMark) {
    // a full buffer leaves now; the packets after it start a new hold
    this[HELD] = false;
    Writable.prototype.uncork.call(this);
  }
  if (this[HELD] !== true && (this[PENDING] ?? 0) > 0) {
    this[HELD] = true;
    Writable.prototype.cork.call(this);
  }
  Writable.prototype.cork.call(this);
}
