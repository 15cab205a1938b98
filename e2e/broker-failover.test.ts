import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../dispatch/test/helpers/wait.js';
import { startFleet, type Fleet } from './helpers/fleet.js';
import { consolesOn, createAssignedPendant, onlinePendant, pressUntilConfirmed } from './helpers/people.js';
import { pressStorm, verdict } from './helpers/storm.js';
import { printTailsOnFailure } from './helpers/service-process.js';

const PENDANTS = 40;

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet('e2e-bfail', PENDANTS);
}, 180_000);

afterEach(printTailsOnFailure);

afterAll(() => fleet?.stop(), 60_000);

describe('a broker node is killed (-9) during a storm of presses', () => {
  it('loses no press and doubles none: its fleet.pendants, dispatch and ingest carry on through the other node', async () => {
    fleet.consoles.push(...(await consolesOn([fleet.topology.consoles[0].ws(), fleet.topology.consoles[1].ws()], [fleet.rooms.police, fleet.rooms.vt])));
    const [broker1] = fleet.topology.brokers;
    let reconnected = 0;
    for (const p of fleet.pendants) p.on('connected', () => reconnected++);
    const outcomes = await pressStorm(fleet.pendants, 60, async (i) => {
      if (i === PENDANTS / 2) await broker1.process.kill9();
    });
    const result = await verdict(fleet.topology.db.pool, outcomes, fleet.consoles);
    console.info(`broker failover: ${reconnected} fleet.pendants reconnected to the surviving broker; ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ presses: PENDANTS, lost: 0, duplicated: 0 });
    expect(reconnected).toBe(PENDANTS / 2);
    await waitFor(() => fleet.pendants.every((p) => p.connected), 10_000, 'every pendant online again');
  }, 120_000);

  it('takes the restarted node back into the cluster: a press on it reaches the fleet.consoles of both nodes', async () => {
    const [broker1] = fleet.topology.brokers;
    await fleet.topology.startBroker(broker1);
    const p = await createAssignedPendant(fleet.topology.db.pool, 'e2e-bfail-back', 'utrecht');
    const pendant = await onlinePendant(p, broker1.url());
    fleet.pendants.push(pendant);
    await pressUntilConfirmed(pendant);
    for (const c of fleet.consoles) await c.waitForAlarm((a) => a.deviceId === p.id, 5_000);
    // one alarm, however many times the pendant had to send it (a busy machine may need a resend)
    const { rows } = await fleet.topology.db.pool.query(`SELECT count(*)::int AS n FROM alarms WHERE device_id = $1`, [p.id]);
    expect(rows[0].n).toBe(1);
  }, 60_000);
});
