import { createServer, type Server } from 'node:net';
import type { Acceptor } from './acceptor.js';

/** MQTT over plain TCP (1883). */
export function createTcpListener(acceptor: Acceptor): Server {
  return createServer({ noDelay: true }, (socket) => {
    acceptor.accept(socket, socket.remoteAddress ?? 'unknown', 'tcp');
  });
}
