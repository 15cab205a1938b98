import type { Client } from 'aedes';
import { internals } from '../aedes-internals.js';
import { ByteQueue } from './byte-queue.js';
import { parkIdlePacket } from './idle-packet.js';

/**
 * Memory per idle connection (the goal: under 10 KB, for 100,000 pendants on one node), and what an
 * idle connection keeps alive between messages. Things aedes and mqtt-packet keep per connection that
 * cost more than they need, trimmed at accept time.
 * Each replacement does the same job; the broker tests exercise every path.
 */
export function trimClient(client: Client): void {
  const c = internals(client) as ReturnType<typeof internals> & { _eos: () => void };
  // 1. unparsed bytes: a plain queue instead of a BufferListStream (see byte-queue.ts)
  c._parser._list = new ByteQueue();
  // 2. aedes watches the socket with end-of-stream (`finished`), seven closures per connection, to
  //    close the client when the socket ends, errors or closes. It already listens for 'end' and
  //    'error' itself; one shared 'close' listener covers the rest (destroyed by us, by aedes, or by the peer).
  c._eos();
  c._eos = noop;
  c.conn.on('close', closeOwningClient);
  // 3. no packet object held between messages (see idle-packet.ts: it kept every message's objects
  //    alive past a scavenge)
  parkIdlePacket(c._parser);
}

/**
 * mqtt-packet keeps the CONNECT packet for the connection's lifetime (it later reads only its protocol
 * version). That packet holds the username, the password (the device secret, which would stay in
 * memory) and, through the password's Buffer, the whole socket read it arrived in. Keep the version only.
 */
export function forgetConnectPacket(client: Client): void {
  const parser = internals(client)._parser;
  parser.settings = { protocolVersion: parser.settings.protocolVersion ?? 4 };
}

function noop(): void {}

/** aedes sets `conn.client`; one function for every socket. */
function closeOwningClient(this: { client?: Client }): void {
  this.client?.close();
}
