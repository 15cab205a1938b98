import { Writable } from 'node:stream';

const HOLD = Symbol('aware.heldUntilImmediate');
type Held = Writable & { [HOLD]?: number };
let holds = 0;

/**
 * What is written to a service subscriber's socket in one turn of the event loop leaves in one write
 * system call (one per 16 KiB).
 *
 * mqtt-packet corks the socket for each packet and uncorks it on the next tick, and aedes delivers each
 * routed message in a tick of its own, so a service that receives every pendant's messages (ingest,
 * dispatch) cost the broker one `writev` per message. On loopback and on a busy host that call is the
 * broker's largest single cost (half its CPU time at 5,000 QoS 1 msg/s in bench/broker, the kernel's
 * work for both ends of the connection). Here the first write of a turn adds one more cork level, released
 * in that turn's check phase (setImmediate), after the poll phase has read and routed what arrived: the
 * deliveries of a turn go out together, at most one turn later than before. A turn's writes go out early
 * once they fill the socket's buffer (its high-water mark, 16 KiB), so a flood routed in one long turn
 * still reaches the kernel as it comes instead of piling up here. Flow control is unchanged: a write
 * still reports a full buffer, and `end()` still flushes at once.
 *
 * Per connection, for the few service connections only: a pendant receives a packet now and then, and
 * holding its writes would only add a timer.
 */
export function coalesceWrites(stream: Writable): void {
  (stream as Held).cork = corkForTheTurn;
}

function corkForTheTurn(this: Held): void {
  if (this[HOLD] && this.writableLength >= this.writableHighWaterMark) {
    this[HOLD] = 0;
    Writable.prototype.uncork.call(this);
  }
  if (!this[HOLD]) {
    const hold = ++holds;
    this[HOLD] = hold;
    Writable.prototype.cork.call(this);
    setImmediate(release, this, hold);
  }
  Writable.prototype.cork.call(this);
}

/** Ends the turn's hold, unless it already ended early (a later hold has its own release). */
function release(stream: Held, hold: number): void {
  if (stream[HOLD] !== hold) return;
  stream[HOLD] = 0;
  stream.uncork();
}
