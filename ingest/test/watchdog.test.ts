import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, publishHeartbeat, startStack, unassign, waitFor, type Stack } from './helpers/fixture.js';
import { K, SILENT_MS, listenTechnical, sleep, technicalOf as technicalRows } from './helpers/technical.js';

describe('the missed-heartbeat watchdog', () => {
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
  const noticesOf = (deviceId: string) => technical.noticesOf(deviceId);

  it('a silent assigned pendant raises exactly one technical alarm within the configured time and it clears when the pendant returns', async () => {
    const [assigned, unassigned] = await Promise.all([
      stack.provision(['silent-1']).then((p) => p[0]!),
      stack.provision(['silent-stock-1'], { assigned: false }).then((p) => p[0]!),
    ]);
    const ingest = await stack.startIngest({ silentMultiplier: K });
    const a = await stack.connectPendant(assigned);
    const u = await stack.connectPendant(unassigned);
    await publishHeartbeat(u, unassigned.id, heartbeat());
    await publishHeartbeat(a, assigned.id, heartbeat());
    const heardAt = Date.now();

    const [alarm] = await waitFor(async () => ((await technicalOf(assigned.id)).length > 0 ? technicalOf(assigned.id) : undefined), 5000, 'silent alarm');
    const after = alarm!.opened_at.getTime() - heardAt;
    expect(after).toBeGreaterThanOrEqual(SILENT_MS - 100);
    // the deadline timer fires on time; allow for a busy machine's event-loop lag
    expect(after).toBeLessThan(SILENT_MS + 1500);
    expect(alarm).toMatchObject({ kind: 'pendant_silent', cleared_at: null, region: 'utrecht' });
    expect(alarm!.client_id).not.toBeNull();
    expect(alarm!.detail).toMatchObject({ hbIntervalS: 5, multiplier: K });

    // Stays one alarm while the pendant stays silent; the unassigned pendant is never flagged.
    await sleep(SILENT_MS + 500);
    expect(await technicalOf(assigned.id)).toHaveLength(1);
    expect(await technicalOf(unassigned.id)).toHaveLength(0);
    expect(noticesOf(assigned.id)).toEqual(['pendant_silent:opened']);

    await publishHeartbeat(a, assigned.id, heartbeat());
    const [cleared] = await waitFor(async () => {
      const rows = await technicalOf(assigned.id);
      return rows[0]?.cleared_at ? rows : undefined;
    }, 5000, 'cleared');
    expect(cleared!.id).toBe(alarm!.id);
    await waitFor(() => noticesOf(assigned.id).length === 2, 2000, 'cleared notice');
    expect(noticesOf(assigned.id)).toEqual(['pendant_silent:opened', 'pendant_silent:cleared']);
    expect(await ingest.metrics.technical.get()).toMatchObject({ values: expect.arrayContaining([expect.objectContaining({ labels: { kind: 'pendant_silent', change: 'opened' } })]) });
    await ingest.stop();
  });

  it('a pendant stays watched across a restart: deadlines are rebuilt from device state', async () => {
    const first = await stack.startIngest({ silentMultiplier: 10 });
    const [p] = await stack.provision(['restart-1']);
    const client = await stack.connectPendant(p!);
    await publishHeartbeat(client, p!.id, heartbeat());
    await waitFor(async () => (await stack.db.pool.query('SELECT 1 FROM device_state WHERE device_id = $1 AND hb_seq IS NOT NULL', [p!.id])).rowCount === 1, 5000, 'state written');
    await first.stop();

    const restartedAt = Date.now();
    const second = await stack.startIngest({ silentMultiplier: K });
    const startedAt = Date.now();
    expect(second.stats().watched).toBeGreaterThanOrEqual(1);
    const [alarm] = await waitFor(async () => ((await technicalOf(p!.id)).length > 0 ? technicalOf(p!.id) : undefined), 5000, 'silent alarm after restart');
    // K intervals counted from the new connection (not from the last heartbeat, long ago)
    expect(alarm!.opened_at.getTime() - restartedAt).toBeGreaterThanOrEqual(SILENT_MS - 50);
    expect(alarm!.opened_at.getTime() - startedAt).toBeLessThan(SILENT_MS + 1500);
    await second.stop();

    // A third start finds the alarm open: not raised again, and cleared by the next heartbeat.
    const third = await stack.startIngest({ silentMultiplier: K });
    await sleep(SILENT_MS + 500);
    expect(await technicalOf(p!.id)).toHaveLength(1);
    await publishHeartbeat(client, p!.id, heartbeat());
    await waitFor(async () => (await technicalOf(p!.id))[0]?.cleared_at != null, 5000, 'cleared after restart');
    await third.stop();
  });
});
