import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, provision, provisionLegacy, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connackCode, connectPendant, end } from './helpers/mqtt-clients.js';
import { metricValue } from './helpers/metrics.js';

/**
 * Pendants reach the platform through mobile operators' carrier-grade NAT: thousands share a few
 * addresses. Every client here comes from 127.0.0.1, one such address.
 */
describe('logins behind one shared address', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let broken: Pendant;
  let neighbours: Pendant[];

  beforeAll(async () => {
    db = await createTestDatabase();
    [broken] = await provision(db, ['p-cgnat-broken']);
    neighbours = await provision(db, Array.from({ length: 8 }, (_, i) => `p-cgnat-${i}`));
    broker = await startTestBroker(db, { BROKER_AUTH_FAILURE_DELAY_MAX_MS: '5000' });
  });
  afterEach(() => closeAllClients());
  afterAll(async () => {
    await broker?.stop();
    await db?.close();
  });

  const login = (p: Pendant, secret = p.secret) => ({ clientId: p.id, username: p.id, password: secret });
  const timed = async (fn: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };

  it('answers correct logins of other pendants at once, however often one device on the address failed', async () => {
    // a pendant flashed with a wrong secret, and somebody trying ids that do not exist, on the same address
    for (let i = 0; i < 6; i++) expect(await connackCode(broker.url, login(broken, 'w'.repeat(43)))).toBe(5);
    for (let i = 0; i < 6; i++) expect(await connackCode(broker.url, login({ id: `p-nobody-${i}`, secret: 'w'.repeat(43) }))).toBe(5);

    const cachedBefore = await metricValue(broker.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome: 'cache' });
    const waits: number[] = [];
    for (const p of neighbours) waits.push(await timed(async () => end(await connectPendant(broker.url, p))));
    // each was checked against its stored hash (none was in the credential cache) ...
    expect(await metricValue(broker.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome: 'cache' })).toBe(cachedBefore);
    // ... and none was held: an address-wide delay after six failures was 3.2 s and more
    expect(Math.max(...waits)).toBeLessThan(1_000);
  });

  it('still slows down the device id that keeps failing', async () => {
    const held = await timed(() => connackCode(broker.url, login(broken, 'w'.repeat(43))));
    expect(held).toBeGreaterThanOrEqual(2_000);
    // and its own correct secret still gets in at once: a wrong guess never locks the real pendant out
    expect(await timed(async () => end(await connectPendant(broker.url, broken)))).toBeLessThan(1_000);
  });

  it('gives an address a budget of failed slow (argon2id) checks that successful logins do not spend', async () => {
    const strict = await startTestBroker(db, { BROKER_AUTH_FAILURE_DELAY_MAX_MS: '5000', BROKER_AUTH_ADDRESS_SLOW_FAILURES: '3' });
    try {
      const legacy = await provisionLegacy(db, Array.from({ length: 8 }, (_, i) => `p-legacy-${i}`));
      // successful slow logins spend none of it
      for (const p of legacy.slice(0, 2)) await end(await connectPendant(strict.url, p));
      // wrong secrets for six other old pendants: three are free, each further one doubles the next slow check's wait
      for (const p of legacy.slice(2)) expect(await connackCode(strict.url, login(p, 'v'.repeat(43)))).toBe(5);
      expect(await timed(() => connackCode(strict.url, login(legacy[2]!, 'v'.repeat(43))))).toBeGreaterThanOrEqual(300);
      // pendants with keyed hashes on that address are not held by it
      expect(await timed(async () => end(await connectPendant(strict.url, neighbours[0]!)))).toBeLessThan(1_000);
    } finally {
      await closeAllClients();
      await strict.stop();
    }
  });
});
