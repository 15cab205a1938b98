import type { Client } from 'aedes';
import type { PresenceReason, ServiceClient } from '@aware/protocol';

export type ListenerKind = 'tcp' | 'tls' | 'ws';

/**
 * What the broker knows about one connection, beyond aedes' own client. One small object per connection
 * (memory per idle pendant matters at 100,000 connections), created when the socket is accepted.
 */
export class ClientState {
  /** Set by authentication: a device id, or the service a service client logs in as. */
  deviceId: string | null = null;
  service: ServiceClient | null = null;
  /** The secret hash the device logged in with: a rotation (new hash) disconnects it (revocation.ts). */
  secretHash: string | null = null;
  /** Common name of a verified TLS client certificate; must equal the username when certificates are required. */
  certCommonName: string | null = null;
  /** GCRA theoretical arrival time of the next message, ms (per-device rate limit). */
  rateTat = 0;
  /** Why the connection is being closed, when the broker (not the peer) decided it. */
  closeReason: PresenceReason | null = null;

  constructor(
    readonly address: string,
    readonly listener: ListenerKind,
  ) {}
}

const STATE = Symbol('aware.clientState');

export function attachState(client: Client, state: ClientState): void {
  (client as unknown as Record<symbol, ClientState>)[STATE] = state;
}

/** The state of a client accepted by our listeners; aedes' own will publishes pass a null client. */
export function stateOf(client: Client | null | undefined): ClientState | undefined {
  return client ? (client as unknown as Record<symbol, ClientState | undefined>)[STATE] : undefined;
}
