import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../dispatch/test/helpers/wait.js';
import { CuttableLink } from './helpers/cuttable-link.js';
import { startFleet, type Fleet } from './helpers/fleet.js';
import { consolesOn } from './helpers/people.js';
import { pressStorm, verdict } from './helpers/storm.js';
import { health } from './helpers/topology.js';
import { printTailsOnFailure } from './helpers/service-process.js';

const PENDANTS = 60;

let fleet: Fleet;
let dbLink: CuttableLink;
let brokerLink: CuttableLink;

beforeAll(async () => {
  fleet = await startFleet('e2e-part', PENDANTS, {
    // console-1 (the first active node) reaches the database and the brokers over links the test can cut
    console1Env: async ({ dbUrl, brokerUrls }) => {
      const db = new URL(dbUrl);
      dbLink = await CuttableLink.to(db.hostname, Number(db.port || 5432));
      const broker = new URL(brokerUrls[0]!);
      brokerLink = await CuttableLink.to(broker.hostname, Number(broker.port));
      return { DATABASE_URL: dbLink.through(dbUrl), DISPATCH_MQTT_URL: brokerLink.through(brokerUrls[0]!) };
    },
  });
}, 180_000);

afterEach(printTailsOnFailure);

afterAll(async () => {
  await fleet?.stop();
  await dbLink?.close();
  await brokerLink?.close();
}, 60_000);

describe('the active dispatch node is cut off', () => {
  it('from the database: it stops confirming, the standby (which reaches the database) takes over; every alarm is on the fleet.consoles before the link heals', async () => {
    const [node1, node2] = fleet.topology.consoles;
    expect((await health(node1)).role).toBe('active');
    fleet.consoles.push(...(await consolesOn([node2.ws()], [fleet.rooms.police, fleet.rooms.vt])));
    let cutAt = 0;
    const outcomes = await pressStorm(fleet.pendants.slice(0, 30), 100, (i) => {
      if (i !== 10) return;
      cutAt = Date.now();
      dbLink.cut();
    });
    // A database outage would let node1 go on from its journal; a standby that still reaches the database
    // tells it this is not one, so node1 stops before it confirms a press nobody else would know of.
    await node1.process.waitForLog((l) => l.msg === 'no longer the active node: alarm engine stops', 10_000);
    const line = await node2.process.waitForLog((l) => l.msg === 'active: taking presses', 15_000);
    console.info(`database cut: ${node2.instance} active ${Number(line['time']) - cutAt} ms after the cut`);
    // fleet.consoles relayed to node1 were told to resume: back, to the new active node
    const boards = await consolesOn([node2.ws()], [fleet.rooms.police, fleet.rooms.vt]);
    fleet.consoles.push(...boards);
    // while node1 is still cut off: every press confirmed and stored once, every alarm on the fleet.consoles
    const result = await verdict(fleet.topology.db.pool, outcomes, boards);
    console.info(`database cut: ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ presses: 30, lost: 0, duplicated: 0 });

    // healed: what node1 had journaled but never confirmed goes in (idempotent), nothing doubles
    dbLink.heal();
    await waitFor(async () => (await health(node1)).role === 'standby' && node1.process.logs.some((l) => String(l.msg).startsWith('journal of an earlier term replayed')), 20_000, 'node1 back as a standby, its journal handed in');
    expect((await verdict(fleet.topology.db.pool, outcomes, boards)).duplicated).toBe(0);
  }, 120_000);

  it('from its broker: it gives the lease up and the standby, which reaches the other broker, takes over', async () => {
    // console-2 is active now; make console-1 active again over its links, then cut its broker link
    const [node1, node2] = fleet.topology.consoles;
    await node2.process.stop();
    await waitFor(async () => (await health(node1)).role === 'active', 15_000, 'console-1 active again');
    await fleet.topology.startConsole(node2);
    const from = node2.process.logs.length;
    const boards = await consolesOn([node2.ws()], [fleet.rooms.police, fleet.rooms.vt]);
    fleet.consoles.push(...boards);
    let cutAt = 0;
    const outcomes = await pressStorm(fleet.pendants.slice(30), 100, (i) => {
      if (i !== 10) return;
      cutAt = Date.now();
      brokerLink.cut();
    });
    const line = await node2.process.waitForLog((l) => l.msg === 'active: taking presses', 15_000, from);
    console.info(`broker cut: ${node2.instance} active ${Number(line['time']) - cutAt} ms after the cut`);
    const resumed = await consolesOn([node2.ws()], [fleet.rooms.police, fleet.rooms.vt]);
    fleet.consoles.push(...resumed);
    const result = await verdict(fleet.topology.db.pool, [...outcomes], resumed);
    console.info(`broker cut: ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ presses: 30, lost: 0, duplicated: 0 });
    brokerLink.heal();
  }, 120_000);
});
