import type { Aedes, Client } from 'aedes';

/**
 * The few private parts of aedes 1.2 the broker touches, typed in one place so an aedes upgrade has one
 * file to check:
 * - `Client._parser`: the mqtt-packet parser, to refuse an oversized packet as soon as its length is read
 *   (aedes has no packet-size option and would buffer up to 256 MiB), and to trim what it keeps per
 *   connection (lean/lean-client.ts);
 * - `Client._disconnected` / `errored`: how the connection ended, for the presence reason;
 * - `Client.deliver0` / `deliverQoS`: how aedes hands a routed message to a subscriber, wrapped for
 *   service subscribers (delivery/qos0-shedding.ts, delivery/coalesced-writes.ts);
 * - `Aedes.clients`: the local client of an id, for takeover and revocation.
 */
export interface ParserInternals {
  /** mqtt-packet's Packet being filled in (length -1 and cmd null until its header is read). */
  packet: { length: number; cmd: string | null };
  /** Which parsing step comes next (0: a new packet's header). */
  _stateCounter: number;
  /** mqtt-packet keeps the CONNECT packet here for the connection's lifetime (for its protocol version). */
  settings: { protocolVersion?: number };
  /** The bytes not yet parsed: a `bl` BufferListStream (a whole Duplex stream) per connection. */
  _list: unknown;
  _parseLength(): boolean;
  _emitError(err: Error): void;
  client: ClientInternals;
}

/** aedes' delivery of a routed message to this client; the callback completes the publish. */
export type Deliver = (packet: { topic: string; qos: number }, callback: () => void) => void;

export interface ClientInternals extends Client {
  _parser: ParserInternals;
  deliver0: Deliver;
  deliverQoS: Deliver;
  _disconnected: boolean;
  errored: boolean;
  broker: Aedes;
}

export function internals(client: Client): ClientInternals {
  return client as ClientInternals;
}

export function localClient(broker: Aedes, clientId: string): Client | undefined {
  return (broker as unknown as { clients: Record<string, Client | undefined> }).clients[clientId];
}

export function localClients(broker: Aedes): Client[] {
  return Object.values((broker as unknown as { clients: Record<string, Client> }).clients);
}
