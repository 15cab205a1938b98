import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';

export interface ListenerAddress {
  readonly host: string;
  readonly port: number;
}

/** Starts `server` on host:port (0 = a free port) and resolves with the address it got. */
export function listen(server: Server, host: string, port: number): Promise<ListenerAddress> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
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
