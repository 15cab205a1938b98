import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, publishHeartbeat, startStack, unassign, waitFor, type Stack } from './helpers/fixture.js';
import { K, listenTechnical, sleep, technicalOf as technicalRows } from './helpers/technical.js';

describe('device changes and battery episodes', () => {
  let stack: Stack;
  let technical: Awaited<ReturnType<typeof listenTechnical>>;

  beforeAll(async () => {
    stack = await startStack();
    technical = await listenTechnical(stack.db.url);
  });
  afterAll(async () => {
    await technical?.end();
    await stack?.stop();
  });

  const technicalOf = (deviceId: string, kind?: string) => technicalRows(stack.db.pool, deviceId, kind);

  it('a shorter heartbeat interval takes effect at once, and a pendant taken out of service is no longer watched', async () => {
    const ingest = await stack.startIngest({ silentMultiplier: K });
    const [slow, leaving] = await stack.provision(['reconf-1', 'leaving-1'], { hbIntervalS: 60 });
    const s = await stack.connectPendant(slow!);
    const l = await stack.connectPendant(leaving!);
    await publishHeartbeat(s, slow!.id, heartbeat());
    await publishHeartbeat(l, leaving!.id, heartbeat());
    await sleep(300);
    await stack.db.pool.query("UPDATE devices SET hb_interval_s = 5 WHERE id IN ('reconf-1', 'leaving-1')");
    await unassign(stack.db, leaving!.id);
    await waitFor(async () => (await technicalOf(slow!.id)).length === 1, 5000, 'alarm at the new interval');
    await sleep(500);
    expect(await technicalOf(leaving!.id)).toHaveLength(0);
    await ingest.stop();
  });

  it('low and critical battery raise one alarm per episode, ended by charging or a recovered level', async () => {
    const [p] = await stack.provision(['battery-1']);
    const ingest = await stack.startIngest({ silentMultiplier: 20 });
    const client = await stack.connectPendant(p!);
    const t0 = Date.now() - 60_000;
    const levels: [number, boolean][] = [[30, false], [19, false], [15, false], [18, false], [3, false], [2, false], [4, true], [22, false], [19, false], [12, false]];
    for (const [i, [battery, charging]] of levels.entries()) {
      await publishHeartbeat(client, p!.id, heartbeat({ seq: i, ts: t0 + i * 1000, battery, charging }));
    }
    await waitFor(async () => (await technicalOf(p!.id)).length === 3, 5000, 'three alarms');
    await sleep(300);
    const rows = await technicalOf(p!.id);
    // Heartbeats of one burst share a millisecond: compare as a set.
    expect(rows.map((r) => `${r.kind}:${r.cleared_at === null ? 'open' : 'cleared'}`).sort()).toEqual([
      'battery_critical:cleared',
      'battery_low:cleared',
      'battery_low:open',
    ]);
    expect(rows.filter((r) => r.kind === 'battery_low').map((r) => r.detail['battery'])).toEqual(expect.arrayContaining([19, 19]));
    expect(rows.find((r) => r.kind === 'battery_critical')!.detail).toMatchObject({ battery: 3 });
    await ingest.stop();
  });
});
