import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import mqttPacket from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { start } from '../src/start.js';
import { collectingLogger, dispatchEnv } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

/**
 * A broker that accepts every connection and never acknowledges a SUBSCRIBE: what dispatch met in
 * cluster mode before patches/aedes+1.2.0.patch. Real sockets, real MQTT packets.
 */
function silentSubscribeBroker(): Promise<{ server: Server; url: string; connects: string[]; subscribes: number }> {
  const state = { connects: [] as string[], subscribes: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet) => {
      if (packet.cmd === 'connect') {
        state.connects.push(packet.clientId);
        mqttPacket.writeToStream({ cmd: 'connack', returnCode: 0, sessionPresent: false }, socket);
      } else if (packet.cmd === 'subscribe') {
        state.subscribes++;
      } else if (packet.cmd === 'pingreq') {
        mqttPacket.writeToStream({ cmd: 'pingresp' }, socket);
      }
    });
    socket.on('data', (chunk) => parser.parse(chunk));
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        server,
        url: `mqtt://127.0.0.1:${port}`,
        get connects() {
          return state.connects;
        },
        get subscribes() {
          return state.subscribes;
        },
      });
    }),
  );
}

describe('a broker that never acknowledges the press subscription', () => {
  let db: TestDatabase;
  let journalDir: string;
  let broker: Awaited<ReturnType<typeof silentSubscribeBroker>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    journalDir = await mkdtemp(join(tmpdir(), 'dispatch-suback-'));
    broker = await silentSubscribeBroker();
  });
  afterAll(async () => {
    broker?.server.close();
    await db?.close();
    if (journalDir) await rm(journalDir, { recursive: true, force: true });
  });

  it('is an outage dispatch reports (logged with a code, counted, unhealthy) and retries, and stopping stays bounded', async () => {
    const { logger, lines } = collectingLogger('info');
    const pool = db.newPool({ max: 6 });
    const dispatch = await start(loadConfig(dispatchEnv(broker.url, journalDir, { DISPATCH_MQTT_SUBACK_TIMEOUT_MS: '300', DISPATCH_BROKER_LOSS_MS: '60000' })), { pool, logger });
    try {
      await waitFor(() => lines.filter((l) => l['code'] === 'DSP_ERR_MQTT_SUBSCRIBE_TIMEOUT').length >= 2, 10_000, 'the timeout logged twice');
      // reconnected and subscribed again each time
      expect(broker.connects.filter((id) => id === 'svc:dispatch').length).toBeGreaterThanOrEqual(2);
      expect(broker.subscribes).toBeGreaterThanOrEqual(2);
      const health = (await (await fetch(`${dispatch.address}/healthz`)).json()) as { role: string; broker: boolean };
      expect(health).toMatchObject({ role: 'active', broker: false });
      const metrics = await (await fetch(`${dispatch.address}/metrics`)).text();
      expect(Number(/dispatch_mqtt_subscribe_failures_total (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    } finally {
      // with a SUBSCRIBE still pending: stop() once waited for it forever (the test's timeout would catch that)
      await dispatch.stop();
    }
  }, 30_000);
});
