#!/usr/bin/env node
/**
 * Ingest as its own process: `tsx ingest/src/main.ts`. Settings from INGEST_* (config.ts), the
 * database from @aware/db's variables (DATABASE_URL or PG*). Logs JSON to stdout; serves Prometheus
 * metrics on INGEST_METRICS_PORT when set; stops cleanly on SIGINT/SIGTERM (queued heartbeats written).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createPool, loadDbConfig } from '@aware/db';
import { configFromEnv } from './config.js';
import { start } from './start.js';

const config = configFromEnv();
const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
const pool = createPool(loadDbConfig(), { logger, applicationName: 'aware-ingest' });
const registry = new Registry();
const ingest = await start(config, { pool, logger, registry });

const metricsServer =
  config.metricsPort === undefined
    ? null
    : createServer((req, res) => {
        if (req.method !== 'GET' || req.url !== '/metrics') {
          res.writeHead(404).end();
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          () => res.writeHead(500).end(),
        );
      });
if (metricsServer) {
  await new Promise<void>((resolve) => metricsServer.listen(config.metricsPort, config.metricsHost, resolve));
  const { address, port } = metricsServer.address() as AddressInfo;
  logger.info({ metrics: `http://${address}:${port}/metrics` }, 'ingest metrics listening');
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  metricsServer?.close();
  ingest
    .stop()
    .then(() => pool.end())
    .then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
