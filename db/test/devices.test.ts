import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDeviceSecretKeys } from '../src/device-secrets.js';

const verifyDeviceSecret = async (hash: string, secret: string) => (await processDeviceSecretKeys().verify(hash, secret)).ok;
import {
  createDevice,
  findDeviceForAuth,
  getDevice,
  listDevices,
  rotateDeviceSecret,
  setDeviceStatus,
} from '../src/devices/index.js';
import { DbErrorCode } from '../src/errors.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('the device registry', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('registers a pendant in stock and returns its secret once, storing only a keyed hash', async () => {
    const { id, secret } = await createDevice(db.pool, { id: 'pendant-0001', region: 'utrecht' });
    expect(id).toBe('pendant-0001');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const everything = await db.pool.query<{ row: string }>(
      `SELECT row_to_json(d)::text AS row FROM devices d UNION ALL SELECT row_to_json(c)::text FROM device_credentials c`,
    );
    for (const { row } of everything.rows) expect(row).not.toContain(secret);
    const device = await findDeviceForAuth(db.pool, id);
    expect(device).toMatchObject({ id, status: 'stock', region: 'utrecht', isTest: false, hbIntervalS: 30 });
    expect(device?.secretHash).toMatch(/^\$hmac-sha256\$k=/);
  });

  it('authenticates with the returned secret and with nothing else', async () => {
    const { id, secret } = await createDevice(db.pool, { id: 'pendant-0002', isTest: true, hbIntervalS: 60 });
    const device = await findDeviceForAuth(db.pool, id);
    expect(device).toMatchObject({ isTest: true, hbIntervalS: 60, region: null });
    expect(await verifyDeviceSecret(device?.secretHash ?? '', secret)).toBe(true);
    expect(await verifyDeviceSecret(device?.secretHash ?? '', `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });

  it('refuses a duplicate id, an id outside the protocol format and an unknown region, each with its code', async () => {
    await expect(createDevice(db.pool, { id: 'pendant-0001' })).rejects.toMatchObject({ code: DbErrorCode.DEVICE_EXISTS });
    for (const id of ['Pendant-0003', 'p1', 'pendant\u200b-0003', '-pendant', 'x'.repeat(33)]) {
      await expect(createDevice(db.pool, { id })).rejects.toMatchObject({ code: DbErrorCode.DEVICE_ID_INVALID });
    }
    await expect(createDevice(db.pool, { id: 'pendant-0003', region: 'atlantis' })).rejects.toMatchObject({ code: DbErrorCode.REGION_UNKNOWN });
    await expect(createDevice(db.pool, { id: 'pendant-0003', hbIntervalS: 1 })).rejects.toMatchObject({ code: DbErrorCode.DEVICE_OPTIONS_INVALID });
    expect(await getDevice(db.pool, 'pendant-0003')).toBeNull();
  });

  it('finds nothing for an unknown or malformed id', async () => {
    expect(await findDeviceForAuth(db.pool, 'pendant-9999')).toBeNull();
    expect(await findDeviceForAuth(db.pool, "x' OR '1'='1")).toBeNull();
  });

  it('rotates a secret so that only the new one authenticates, keeping the revoked one in the history', async () => {
    const { id, secret: first } = await createDevice(db.pool, { id: 'pendant-0004' });
    const second = await rotateDeviceSecret(db.pool, id, { reason: 'handed to client' });
    expect(second).not.toBe(first);
    const hash = (await findDeviceForAuth(db.pool, id))?.secretHash ?? '';
    expect(await verifyDeviceSecret(hash, second)).toBe(true);
    expect(await verifyDeviceSecret(hash, first)).toBe(false);
    const history = await db.pool.query<{ current: boolean; revoke_reason: string | null }>(
      'SELECT revoked_at IS NULL AS current, revoke_reason FROM device_credentials WHERE device_id = $1 ORDER BY id',
      [id],
    );
    expect(history.rows).toEqual([
      { current: false, revoke_reason: 'handed to client' },
      { current: true, revoke_reason: null },
    ]);
    await expect(rotateDeviceSecret(db.pool, 'pendant-nope')).rejects.toMatchObject({ code: DbErrorCode.DEVICE_NOT_FOUND });
  });

  it('keeps exactly one current secret even when two rotations race', async () => {
    const { id } = await createDevice(db.pool, { id: 'pendant-0005' });
    const results = await Promise.allSettled([rotateDeviceSecret(db.pool, id), rotateDeviceSecret(db.pool, id)]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const current = await db.pool.query('SELECT secret_hash FROM device_credentials WHERE device_id = $1 AND revoked_at IS NULL', [id]);
    expect(current.rowCount).toBe(1);
    expect(current.rows[0].secret_hash).toBe((await findDeviceForAuth(db.pool, id))?.secretHash);
  });

  it('revokes a pendant together with its secret, and brings it back only after a fresh secret', async () => {
    const { id } = await createDevice(db.pool, { id: 'pendant-0006' });
    await setDeviceStatus(db.pool, id, 'active');
    await setDeviceStatus(db.pool, id, 'revoked');
    expect((await getDevice(db.pool, id))?.status).toBe('revoked');
    const current = await db.pool.query('SELECT 1 FROM device_credentials WHERE device_id = $1 AND revoked_at IS NULL', [id]);
    expect(current.rowCount).toBe(0);
    await expect(setDeviceStatus(db.pool, id, 'active')).rejects.toMatchObject({ code: DbErrorCode.DEVICE_NEEDS_NEW_SECRET });
    await rotateDeviceSecret(db.pool, id, { reason: 're-provisioned' });
    await setDeviceStatus(db.pool, id, 'stock');
    expect((await getDevice(db.pool, id))?.status).toBe('stock');
    await expect(setDeviceStatus(db.pool, 'pendant-nope', 'active')).rejects.toMatchObject({ code: DbErrorCode.DEVICE_NOT_FOUND });
  });

  it('lists devices in id order, filtered and page by page', async () => {
    await createDevice(db.pool, { id: 'pendant-0007', region: 'utrecht' });
    const inUtrecht = await listDevices(db.pool, { region: 'utrecht' });
    expect(inUtrecht.map((d) => d.id)).toEqual(['pendant-0001', 'pendant-0007']);
    expect(inUtrecht[0]).not.toHaveProperty('secretHash');
    expect((await listDevices(db.pool, { isTest: true })).map((d) => d.id)).toEqual(['pendant-0002']);
    const page1 = await listDevices(db.pool, { limit: 2 });
    const page2 = await listDevices(db.pool, { limit: 2, afterId: page1.at(-1)?.id ?? '' });
    expect(page1.map((d) => d.id)).toEqual(['pendant-0001', 'pendant-0002']);
    expect(page2[0]?.id).toBe('pendant-0004');
  });
});
