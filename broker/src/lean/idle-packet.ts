import type { ParserInternals } from '../aedes-internals.js';

type PacketObject = ParserInternals['packet'];
type IdleParser = ParserInternals & { _list: { length: number } };
type PacketClass = new () => PacketObject;

let idle: PacketObject | undefined;
let Packet: PacketClass | undefined;

/**
 * Between two messages a connection holds no packet object.
 *
 * mqtt-packet allocates the next packet as soon as it has emitted one, and the parser keeps that empty
 * packet until the connection's next message. A pendant sends one every few seconds, so with thousands
 * of connections every such packet outlives a scavenge and is promoted. V8 then pretenures the
 * allocation site: every packet, including the one being filled with a message's topic and payload, is
 * born in the old generation, and a dead old packet keeps its young topic and payload alive through the
 * next scavenge (1.5 MB promoted per second at 5,000 msg/s over 10,000 pendants, most of it those, and
 * every scavenge copies them: 8-10 ms pauses, the broker's p99).
 *
 * This parse, set per connection, takes a fresh packet when bytes arrive and, once everything received
 * is parsed, parks the parser on one shared frozen packet, so each message's objects die young.
 * A packet still incomplete at the end of a read is kept as it is.
 */
export function parkIdlePacket(parser: ParserInternals): void {
  Packet ??= parser.packet.constructor as PacketClass;
  idle ??= Object.freeze(new Packet());
  (parser as IdleParser).packet = idle;
  (parser as unknown as { parse: typeof parseThenPark }).parse = parseThenPark;
}

function parseThenPark(this: IdleParser, buf: Buffer): number {
  if (this.packet === idle) this.packet = new Packet!();
  // the own property shadows mqtt-packet's Parser.prototype.parse, which does the parsing
  const left = (Object.getPrototypeOf(this) as { parse: (b: Buffer) => number }).parse.call(this, buf);
  if (left === 0 && this._stateCounter === 0 && this.packet.length === -1 && this.packet.cmd === null) this.packet = idle!;
  return left;
}
