import type { Pendant } from '@aware/firmware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../dispatch/test/helpers/wait.js';
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
    const p = await createAssignedPendant(topology.db.pool, `e2e-bfail-${String(i).padStart(2, '0')}`, 'utrecht');
    // half start on broker-1, half on broker-2; each moves to the other one when its broker goes away
    const urls = i % 2 === 0 ? topology.mqttUrls : topology.mqttUrls.split(',').reverse().join(',');
    pendants.push(await onlinePendant(p, urls));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(consoles.map((c) => c.close()));
  await Promise.all(pendants.map((p) => p.stop()));
  await topology?.stop();
}, 60_000);

describe('a broker node is killed (-9) during a storm of presses', () => {
  it('loses no press and doubles none: its pendants, dispatch and ingest carry on through the other node', async () => {
    consoles.push(...(await consolesOn([topology.consoles[0].ws(), topology.consoles[1].ws()], [rooms.police, rooms.vt])));
    const [broker1] = topology.brokers;
    let reconnected = 0;
    for (const p of pendants) p.on('connected', () => reconnected++);
    const outcomes = await pressStorm(pendants, 60, async (i) => {
      if (i === PENDANTS / 2) await broker1.process.kill9();
    });
    const result = await verdict(topology.db.pool, outcomes, consoles);
    console.info(`broker failover: ${reconnected} pendants reconnected to the surviving broker; ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ presses: PENDANTS, lost: 0, duplicated: 0 });
    expect(reconnected).toBe(PENDANTS / 2);
    await waitFor(() => pendants.every((p) => p.connected), 10_000, 'every pendant online again');
  }, 120_000);

  it('takes the restarted node back into the cluster: a press on it reaches the consoles of both nodes', async () => {
    const [broker1] = topology.brokers;
    await topology.startBroker(broker1);
    const p = await createAssignedPendant(topology.db.pool, 'e2e-bfail-back', 'utrecht');
    const pendant = await onlinePendant(p, broker1.url());
    pendants.push(pendant);
    const { attempts } = await pressUntilConfirmed(pendant);
    expect(attempts).toBe(1);
    for (const c of consoles) await c.waitForAlarm((a) => a.deviceId === p.id, 5_000);
  }, 60_000);
});
