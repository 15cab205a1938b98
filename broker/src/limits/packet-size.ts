import type { Client } from 'aedes';
import { internals, type ParserInternals } from '../aedes-internals.js';
import { BrokerError } from '../errors.js';

const MAX_BYTES = Symbol('aware.maxPacketBytes');
type LimitedParser = ParserInternals & { client: { broker: { [MAX_BYTES]?: number } } };

/**
 * Refuses a packet as soon as its fixed header announces more than `maxBytes` (remaining length),
 * before a byte of it is buffered: aedes has no packet-size option, and mqtt-packet would otherwise
 * collect up to 256 MiB for one packet. The parser error closes that one connection.
 */
export function limitPacketSize(client: Client, maxBytes: number): void {
  const parser = internals(client)._parser as LimitedParser;
  // the limit lives on the broker (one per broker, not one more property per connection)
  parser.client.broker[MAX_BYTES] = maxBytes;
  parser._parseLength = parseLengthWithLimit;
}

function parseLengthWithLimit(this: LimitedParser): boolean {
  // the own property shadows mqtt-packet's Parser.prototype._parseLength, which does the parsing
  const done = (Object.getPrototypeOf(this) as ParserInternals)._parseLength.call(this);
  const max = this.client.broker[MAX_BYTES]!;
  if (done && this.packet.length > max) {
    this._emitError(new BrokerError('BRK_ERR_PACKET_TOO_LARGE', `${this.packet.length} > ${max} bytes`));
    return false;
  }
  return done;
}
