import { createDevice } from '@aware/db';
import { createTestDatabase } from '@aware/db/testing';
import { randomBytes } from 'node:crypto';
import { startAwareBroker } from './aware-broker.js';
import { startResponder, type Responder, type ResponderOptions } from './responder.js';


/**
 * TEST HARNESS: the real thing the simulator's acceptance tests run against: our broker on a
 * fresh test database, pendants registered through the device registry (test devices in stock,
 * which the broker admits), and a stand-in for dispatch logged in as the sim-admin service.
 */
export interface TestBroker {
  url: string;
  databaseUrl: string;
  /** Registers a test pendant and returns its credentials. */
  device(): Promise<{ id: string; secret: string }>;
  responder(options?: Omit<ResponderOptions, 'url' | 'username' | 'password'>): Promise<Responder>;
  stop(): Promise<void>;
}

export async function startTestBroker(): Promise<TestBroker> {
  const db = await createTestDatabase();
  const broker = await startAwareBroker(db.url).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  return {
    url: broker.url,
    databaseUrl: db.url,
    device: () => createDevice(db.pool, { id: `sim-t-${randomBytes(5).toString('hex')}`, isTest: true }),
    responder: (options = {}) => startResponder({ url: broker.url, ...broker.admin, ...options }),
    async stop() {
      await broker.stop();
      await db.close();
    },
  };
}
