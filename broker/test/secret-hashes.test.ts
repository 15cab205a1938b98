import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, provision, provisionLegacy, startTestBroker, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connackCode, connectPendant, end } from './helpers/mqtt-clients.js';
import { metricValue } from './helpers/metrics.js';

/** Device secrets are kept as keyed hashes; argon2id hashes from before migrate on the pendant's next login. */
describe('device secret hashes', () => {
  let db: TestDatabase;
  let broker: TestBroker;

  beforeAll(async () => {
    db = await createTestDatabase();
    broker = await startTestBroker(db);
  });
  afterEach(() => closeAllClients());
  afterAll(async () => {
    await broker?.stop();
    await db?.close();
  });

  const stored = async (id: string) =>
    (
      await db.pool.query<{ secret_hash: string; secret_rotated_at: Date; credential_hash: string; credentials: number }>(
        `SELECT d.secret_hash, d.secret_rotated_at,
                (SELECT c.secret_hash FROM device_credentials c WHERE c.device_id = d.id AND c.revoked_at IS NULL) AS credential_hash,
                (SELECT count(*)::int FROM device_credentials c WHERE c.device_id = d.id) AS credentials
         FROM devices d WHERE d.id = $1`,
        [id],
      )
    ).rows[0]!;
  const outcome = (o: string) => metricValue(broker.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome: o });

  it('stores a new pendant secret as a keyed hash and checks it without the slow path', async () => {
    const [p] = await provision(db, ['p-hash-new']);
    expect((await stored(p!.id)).secret_hash).toMatch(/^\$hmac-sha256\$k=/);
    const verified = await outcome('verified');
    await end(await connectPendant(broker.url, p!));
    expect(await outcome('verified')).toBe(verified + 1);
  });

  it('lets a pendant with an argon2id hash in once, then stores its keyed hash without counting it as a rotation', async () => {
    const [p] = await provisionLegacy(db, ['p-hash-legacy']);
    const before = await stored(p!.id);
    expect(before.secret_hash).toMatch(/^\$argon2id\$/);

    expect(await connackCode(broker.url, { clientId: p!.id, username: p!.id, password: 'q'.repeat(43) })).toBe(5);
    expect((await stored(p!.id)).secret_hash).toBe(before.secret_hash);

    const legacy = await outcome('verified_legacy');
    const client = await connectPendant(broker.url, p!);
    expect(await outcome('verified_legacy')).toBe(legacy + 1);
    const after = await stored(p!.id);
    expect(after.secret_hash).toMatch(/^\$hmac-sha256\$k=/);
    expect(after.credential_hash).toBe(after.secret_hash);
    expect(after.credentials).toBe(before.credentials);
    expect(after.secret_rotated_at).toEqual(before.secret_rotated_at);
    // the revocation poll (every 500 ms here) does not take the new form for a rotation
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(client.connected).toBe(true);
    await end(client);

    // another broker (no cache) checks the keyed hash now
    const other = await startTestBroker(db);
    try {
      await end(await connectPendant(other.url, p!));
      expect(await metricValue(other.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome: 'verified' })).toBe(1);
      expect(await metricValue(other.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome: 'verified_legacy' })).toBe(0);
    } finally {
      await other.stop();
    }
  });
});
