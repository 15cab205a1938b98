import { AlarmChange, AlarmOutcome, AlarmState, LIMITS, Organisation, TechnicalKind } from '@aware/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_STATUSES } from '../src/devices/status.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('value sets in SQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const enumValues = async (type: string): Promise<string[]> =>
    (await db.pool.query<{ v: string }>(`SELECT unnest(enum_range(NULL::${type}))::text AS v`)).rows.map((r) => r.v);
  const constraint = async (table: string, column: string): Promise<string> =>
    (
      await db.pool.query<{ def: string }>(
        `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
         WHERE c.conrelid = $1::regclass AND a.attname = $2 AND c.contype = 'c'`,
        [table, column],
      )
    ).rows[0]?.def ?? '';

  it.each([
    ['alarm_state', AlarmState.options],
    ['alarm_outcome', AlarmOutcome.options],
    ['alarm_change', AlarmChange.options],
    ['technical_kind', TechnicalKind.options],
    ['device_status', DEVICE_STATUSES],
  ])('%s has exactly the values of the TypeScript contract', async (type, values) => {
    expect(await enumValues(type)).toEqual([...values]);
  });

  it('organisations are the protocol’s organisations', async () => {
    const { rows } = await db.pool.query<{ code: string }>('SELECT code FROM organisations ORDER BY code');
    expect(rows.map((r) => r.code)).toEqual([...Organisation.options].sort());
  });

  it('device ids and alarm ids are checked with the protocol’s patterns', async () => {
    expect(await constraint('devices', 'id')).toContain(`'${LIMITS.deviceIdPattern.source}'`);
    expect(await constraint('alarms', 'device_alarm_id')).toContain(`'${LIMITS.alarmIdPattern.source}'`);
    expect(await constraint('alarm_presses', 'device_alarm_id')).toContain(`'${LIMITS.alarmIdPattern.source}'`);
  });

  it('the heartbeat interval range is the protocol’s', async () => {
    const def = await constraint('devices', 'hb_interval_s');
    expect(def).toContain(`>= ${LIMITS.minHeartbeatIntervalS}`);
    expect(def).toContain(`<= ${LIMITS.maxHeartbeatIntervalS}`);
    const { rows } = await db.pool.query<{ d: string }>(
      `SELECT column_default AS d FROM information_schema.columns WHERE table_name = 'devices' AND column_name = 'hb_interval_s'`,
    );
    expect(rows[0]?.d).toBe(String(LIMITS.defaultHeartbeatIntervalS));
  });
});
