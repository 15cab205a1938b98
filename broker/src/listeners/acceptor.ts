import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { Aedes } from 'aedes';
import type { BrokerContext } from '../context.js';
import { ClientState, attachState, type ListenerKind } from '../client-state.js';
import { limitPacketSize } from '../limits/packet-size.js';
import { trimClient } from '../lean/lean-client.js';

/**
 * Hands accepted streams of every listener to aedes, after the checks that must come before any
 * parsing: the connection limit (a refused socket is closed at once, counted and logged) and the
 * packet-size limit on the new client's parser.
 */
export class Acceptor {
  #open = 0;
  /** One listener function for every socket's close (a closure per socket would cost memory per connection). */
  readonly #closed = (): void => {
    this.#open--;
  };

  constructor(
    private readonly ctx: BrokerContext,
    private readonly broker: Aedes,
  ) {}

  get open(): number {
    return this.#open;
  }

  accept(stream: Duplex, address: string, listener: ListenerKind, req?: IncomingMessage, certCommonName?: string): void {
    if (this.#open >= this.ctx.config.maxConnections) {
      this.ctx.metrics.refused('max_connections').inc();
      this.ctx.log.warn({ code: 'BRK_ERR_MAX_CONNECTIONS', address, listener, open: this.#open }, 'connection limit reached: connection refused');
      stream.destroy();
      return;
    }
    this.#open++;
    stream.once('close', this.#closed);
    const client = this.broker.handle(stream, req);
    const state = new ClientState(address, listener);
    if (certCommonName) state.certCommonName = certCommonName;
    attachState(client, state);
    limitPacketSize(client, this.ctx.config.maxPacketBytes);
    trimClient(client);
  }
}
