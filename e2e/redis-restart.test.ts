import type { Pendant } from '@aware/firmware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolesOn, controlRooms, createAssignedPendant, onlinePendant, pressUntilConfirmed, type TestConsole, type TestUser } from './helpers/people.js';
import { pressStorm, verdict } from './helpers/storm.js';
import { startTopology, type Topology } from './helpers/topology.js';

const PENDANTS = 40;

let topology: Topology;
let rooms: { police: TestUser; vt: TestUser };
const pendants: Pendant[] = [];
const consoles: TestConsole[] = [];

beforeAll(async () => {
  topology = await startTopology();
  rooms = await controlRooms(topology.db.pool);
  for (let i = 0; i < PENDANTS; i++) {
    const p = await createAssignedPendant(topology.db.pool, `e2e-redis-${String(i).padStart(2, '0')}`, 'utrecht');
    pendants.push(await onlinePendant(p, i % 2 === 0 ? topology.mqttUrls : topology.mqttUrls.split(',').reverse().join(',')));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(consoles.map((c) => c.close()));
  await Promise.all(pendants.map((p) => p.stop()));
  await topology?.stop();
}, 60_000);

describe('Redis, which the brokers share, goes down for 10 s and restarts during a storm of presses', () => {
  it('loses no press and doubles none; the brokers ride it out (presses wait for Redis, pendants resend)', async () => {
    consoles.push(...(await consolesOn([topology.consoles[0].ws(), topology.consoles[1].ws()], [rooms.police, rooms.vt])));
    let restart: Promise<void> = Promise.resolve();
    const outcomes = await pressStorm(pendants, 100, (i) => {
      if (i === 10) restart = topology.redis.restart(10_000);
    });
    await restart;
    const result = await verdict(topology.db.pool, outcomes, consoles);
    console.info(`redis restart: ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ presses: PENDANTS, lost: 0, duplicated: 0 });
    // no broker went down with Redis (mqemitter-redis' connection errors once ended the process)
    expect(topology.brokers.map((b) => b.process.running)).toEqual([true, true]);
  }, 120_000);

  it('delivers presses at the first attempt again once Redis is back', async () => {
    const p = await createAssignedPendant(topology.db.pool, 'e2e-redis-after', 'utrecht');
    const pendant = await onlinePendant(p, topology.brokers[0].url());
    pendants.push(pendant);
    expect((await pressUntilConfirmed(pendant)).attempts).toBe(1);
    for (const c of consoles) await c.waitForAlarm((a) => a.deviceId === p.id, 5_000);
  }, 60_000);
});
