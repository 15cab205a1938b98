import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A network link between one service and another (a TCP relay on loopback) that the test can cut and
 * heal: cut, every connection over it is reset and new ones are refused, as when a firewall or a switch
 * between the two rejects the traffic; healed, connections go through again. The port stays the same.
 */
export class CuttableLink {
  private readonly sockets = new Set<Socket>();
  private cutValue = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async to(targetHost: string, targetPort: number): Promise<CuttableLink> {
    let link: CuttableLink | null = null;
    const server = createServer((client) => {
      if (!link || link.cutValue) return void client.resetAndDestroy();
      const upstream = connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        link.sockets.add(s);
        s.on('close', () => link?.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    link = new CuttableLink(server, (server.address() as { port: number }).port);
    return link;
  }

  /** `url` with its host and port replaced by this link's end. */
  through(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString().replace(/\/$/, '');
  }

  cut(): void {
    this.cutValue = true;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
  }

  heal(): void {
    this.cutValue = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
