import { readFileSync } from 'node:fs';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { BrokerConfig } from '../config.js';
import type { BrokerContext } from '../context.js';
import { BrokerError } from '../errors.js';
import type { Acceptor } from './acceptor.js';

/**
 * MQTT over TLS (8883). With a CA configured, clients may present a certificate signed by it; with
 * `requireClientCert`, a client without a valid one fails the handshake, and its certificate's common
 * name must equal its MQTT username (hooks/authenticate.ts), so a secret alone is not enough.
 */
export function createTlsListener(tlsConfig: NonNullable<BrokerConfig['tls']>, ctx: BrokerContext, acceptor: Acceptor): Server {
  let files;
  try {
    files = {
      cert: readFileSync(tlsConfig.certFile),
      key: readFileSync(tlsConfig.keyFile),
      ...(tlsConfig.caFile ? { ca: readFileSync(tlsConfig.caFile) } : {}),
    };
  } catch (err) {
    throw new BrokerError('BRK_ERR_TLS_FILES', (err as Error).message);
  }
  const server = createServer(
    {
      ...files,
      minVersion: 'TLSv1.2',
      requestCert: tlsConfig.caFile !== null,
      rejectUnauthorized: tlsConfig.requireClientCert,
      handshakeTimeout: ctx.config.connectTimeoutMs,
    },
    (socket: TLSSocket) => {
      socket.setNoDelay(true);
      const cn = socket.authorized ? commonName(socket) : undefined;
      acceptor.accept(socket, socket.remoteAddress ?? 'unknown', 'tls', undefined, cn);
    },
  );
  server.on('tlsClientError', (err, socket) => {
    ctx.log.info({ address: socket.remoteAddress ?? null, error: err.message }, 'TLS handshake failed');
  });
  return server;
}

function commonName(socket: TLSSocket): string | undefined {
  const subject = socket.getPeerCertificate()?.subject as { CN?: string | string[] } | undefined;
  const cn = subject?.CN;
  return Array.isArray(cn) ? cn[0] : cn;
}
