import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../dispatch/test/helpers/wait.js';
import { startFleet, type Fleet } from './helpers/fleet.js';
import { confirmation, consolesOn, openConsole } from './helpers/people.js';
import { pressStorm, verdict } from './helpers/storm.js';
import { health, type ConsoleNode } from './helpers/topology.js';
import { printTailsOnFailure } from './helpers/service-process.js';

const PENDANTS = 40;

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet('e2e-dfail', PENDANTS);
}, 180_000);

afterEach(printTailsOnFailure);

afterAll(() => fleet?.stop(), 60_000);

describe('the active dispatch node is killed (-9) during a storm of presses', () => {
  it('loses no press and doubles none: the standby takes over and the fleet.consoles show every alarm once', async () => {
    const active = await fleet.topology.active();
    const standby = fleet.topology.consoles.find((c) => c !== active)! as ConsoleNode;
    // relayed by the standby to the active node's feed
    const relayed = await consolesOn([standby.ws()], [fleet.rooms.police, fleet.rooms.vt]);
    fleet.consoles.push(...relayed);
    let killedAt = 0;
    const outcomes = await pressStorm(fleet.pendants, 60, async (i) => {
      if (i !== PENDANTS / 2) return;
      killedAt = Date.now();
      await active.process.kill9();
    });
    // takeover: the standby holds the lease and its press session is subscribed
    const takeover = await standby.process.waitForLog((l) => l.msg === 'active: taking presses', 15_000);
    const takeoverMs = Number(takeover['time']) - killedAt;
    // a relayed console is told to resume (4008) when the feed it followed ends, as is one on the killed
    // node; both come back, through the load balancer, to the survivor
    expect(await Promise.all(relayed.map((c) => c.closed))).toEqual([4008, 4008]);
    const resumed = await Promise.all(relayed.map((c, i) => openConsole(standby.ws(), [fleet.rooms.police, fleet.rooms.vt][i]!.token, { sinceSeq: c.lastSeq() ?? 0 })));
    fleet.consoles.push(...resumed);
    const result = await verdict(fleet.topology.db.pool, outcomes, resumed);
    console.info(`dispatch failover: takeover ${takeoverMs} ms after kill -9; ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ presses: PENDANTS, lost: 0, duplicated: 0 });

    // the killed node is restarted (compose: restart unless-stopped) and comes back as a standby
    await fleet.topology.startConsole(active);
    expect(await health(active)).toMatchObject({ role: 'standby', leader: standby.dispatchHttp });
  }, 120_000);

  it('replaces a node that stalled past its lease, and the woken node steps down to standby', async () => {
    const active = await fleet.topology.active();
    const standby = fleet.topology.consoles.find((c) => c !== active)!;
    const from = standby.process.logs.length;
    active.process.pause();
    try {
      await standby.process.waitForLog((l) => l.msg === 'active: taking presses', 15_000, from);
    } finally {
      active.process.resume();
    }
    await active.process.waitForLog((l) => l.msg === 'no longer the active node: alarm engine stops', 10_000);
    expect((await health(active)).role).toBe('standby');
    await waitFor(async () => (await health(active)).leader === standby.dispatchHttp, 5_000, 'the woken node to see the new active one');
    // and alarms still flow, through the new active node, to a console on the node that stalled
    const board = await openConsole(active.ws(), fleet.rooms.police.token);
    fleet.consoles.push(board);
    const pendant = fleet.pendants[0]!;
    const confirmed = confirmation(pendant, pendant.press(), 15_000);
    await board.waitForAlarm((a) => a.deviceId === pendant.id && a.pressCount >= 2, 15_000);
    await confirmed;
  }, 60_000);
});
