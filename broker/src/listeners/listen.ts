import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';

export interface ListenerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Starts `server` on host:port (0 = a free port) and resolves with the address it got. `backlog`: how
 * many connections the kernel may hold completed for us to accept (capped by net.core.somaxconn).
 * Node's default, 511, is far too few for a fleet reconnecting at once after a broker restart: the
 * overflow's SYNs are dropped and each such pendant retries 1, 3, 7, 15, 31 s later (TCP's backoff),
 * which was most of the long tail of a 10,000-pendant reconnect (bench/reconnect).
 */
export function listen(server: Server, host: string, port: number, backlog: number): Promise<ListenerAddress> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog }, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({ host: address.address, port: address.port });
    });
  });
}

/** Stops accepting connections; existing ones are closed by whoever owns them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
