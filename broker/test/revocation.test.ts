import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rotateDeviceSecret, setDeviceStatus } from '@aware/db';
import { PRESENCE_FILTER, PresenceEvent, presenceTopic } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, closed, connackCode, connectPendant, connectService, end, inbox, subscribe } from './helpers/mqtt-clients.js';

let db: TestDatabase;
let broker: TestBroker;

beforeAll(async () => {
  db = await createTestDatabase();
  // the default poll interval (1 s), as in production
  broker = await startTestBroker(db, { BROKER_REVOCATION_POLL_MS: '1000' });
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await broker?.stop();
  await db?.close();
});

describe('revocation', () => {
  it.each([['disabled'], ['revoked']] as const)(
    'disconnects a pendant within 5 s of being %s, with presence reason revoked, and refuses it afterwards',
    async (status) => {
      const [p] = await provision(db, [`p-revoke-${status}`]);
      const ingest = await connectService(broker.url, 'ingest');
      const box = inbox(ingest);
      await subscribe(ingest, PRESENCE_FILTER, 1);
      const client = await connectPendant(broker.url, p!);
      const changed = Date.now();
      await setDeviceStatus(db.pool, p!.id, status);
      await closed(client, 5000);
      expect(Date.now() - changed).toBeLessThan(5000);
      const offline = await box.next((m) => m.topic === presenceTopic(p!.id) && PresenceEvent.parse(JSON.parse(m.payload.toString())).state === 'offline');
      expect(PresenceEvent.parse(JSON.parse(offline.payload.toString())).reason).toBe('revoked');
      expect(await connackCode(broker.url, { clientId: p!.id, username: p!.id, password: p!.secret })).toBe(5);
      expect(broker.logs.some((l) => l.event === 'security.revoked' && l.deviceId === p!.id)).toBe(true);
    },
  );

  it('disconnects a pendant whose secret is rotated; the new secret connects and stays', async () => {
    const [p] = await provision(db, ['p-revoke-rotate']);
    const client = await connectPendant(broker.url, p!);
    const secret = await rotateDeviceSecret(db.pool, p!.id);
    await closed(client, 5000);
    const renewed = await connectPendant(broker.url, { id: p!.id, secret });
    await new Promise((r) => setTimeout(r, 2500)); // two more polls see the rotation again (overlap)
    expect(renewed.connected).toBe(true);
    await end(renewed);
  });

  it('leaves other pendants connected', async () => {
    const [a, b] = await provision(db, ['p-revoke-a', 'p-revoke-b']);
    const ca = await connectPendant(broker.url, a!);
    const cb = await connectPendant(broker.url, b!);
    await setDeviceStatus(db.pool, a!.id, 'disabled');
    await closed(ca, 5000);
    expect(cb.connected).toBe(true);
  });
});
