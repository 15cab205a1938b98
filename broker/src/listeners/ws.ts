import { createServer, type Server } from 'node:http';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { Acceptor } from './acceptor.js';

/**
 * MQTT over WebSocket (browser tools), on `path` (default /mqtt). A WebSocket message may carry at most
 * twice the broker's packet limit; the packet limit itself is enforced on the MQTT stream.
 */
export function createWsListener(path: string, maxPacketBytes: number, acceptor: Acceptor): { server: Server; wss: WebSocketServer } {
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket only\n');
  });
  const wss = new WebSocketServer({ server, path, maxPayload: maxPacketBytes * 2, perMessageDeflate: false });
  wss.on('connection', (ws, req) => {
    const stream = createWebSocketStream(ws);
    // a peer that goes away mid-write makes the stream error; aedes sees the close
    stream.on('error', () => stream.destroy());
    acceptor.accept(stream, req.socket.remoteAddress ?? 'unknown', 'ws', req);
  });
  return { server, wss };
}
