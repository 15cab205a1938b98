import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetSummary, HealthHour } from '@aware/protocol';
import { fleetSummary } from '../src/health/fleet-summary.js';
import { healthTimeline } from '../src/health/health-timeline.js';
import { heartbeat, publishHeartbeat, startStack, waitFor, type Stack } from './helpers/fixture.js';

const HOUR = 3_600_000;

describe('health queries for the dashboard', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('the fleet summary counts online, offline, never seen and silent pendants and buckets their battery', async () => {
    const pendants = await stack.provision(['fleet-online', 'fleet-offline', 'fleet-never', 'fleet-silent']);
    await stack.provision(['fleet-other-region'], { region: 'zeeland' });
    const ingest = await stack.startIngest({ silentMultiplier: 0.2 });
    const [online, offline, , silent] = pendants;
    const o = await stack.connectPendant(online!);
    const f = await stack.connectPendant(offline!);
    const s = await stack.connectPendant(silent!);
    await publishHeartbeat(o, online!.id, heartbeat({ battery: 3 }));
    await publishHeartbeat(f, offline!.id, heartbeat({ battery: 55 }));
    await publishHeartbeat(s, silent!.id, heartbeat({ battery: 90 }));
    await f.endAsync();
    // fleet-online keeps heartbeating so it never goes silent
    const keepAlive = setInterval(() => void publishHeartbeat(o, online!.id, heartbeat({ battery: 3 })), 300);
    try {
      const summary = await waitFor(async () => {
        const s2 = await fleetSummary(stack.db.pool, { region: 'utrecht' });
        return s2.silent === 2 && s2.offline === 1 && s2.batteryCritical === 1 ? s2 : undefined;
      }, 5000, 'summary to settle');
      expect(FleetSummary.parse(summary)).toEqual({
        total: 4,
        assigned: 4,
        online: 2,
        offline: 1,
        neverSeen: 1,
        silent: 2,
        batteryLow: 1,
        batteryCritical: 1,
        battery: { '0-4': 1, '5-19': 0, '20-49': 0, '50-79': 1, '80-100': 1, unknown: 1 },
        at: expect.any(String),
      });
      expect((await fleetSummary(stack.db.pool)).total).toBe(5);
      expect(JSON.stringify(summary)).not.toMatch(/lat|lon/);
    } finally {
      clearInterval(keepAlive);
      await ingest.stop();
    }
  });

  it('the health timeline has one row per hour, gaps included, and never a location', async () => {
    const [p] = await stack.provision(['timeline-1']);
    const ingest = await stack.startIngest({ silentMultiplier: 50 });
    const client = await stack.connectPendant(p!);
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const fix = { lat: 52.1, lon: 5.1, acc: 10 };
    const sent = [
      heartbeat({ ts: thisHour - 3 * HOUR + 60_000, battery: 90, rssi: -60, fix }),
      heartbeat({ ts: thisHour - 3 * HOUR + 120_000, battery: 88, rssi: -80, fix }),
      heartbeat({ ts: thisHour - 1 * HOUR + 60_000, battery: 70, rssi: -90, charging: true }),
    ];
    for (const hb of sent) await publishHeartbeat(client, p!.id, hb);
    await waitFor(async () => (await stack.db.pool.query('SELECT 1 FROM telemetry WHERE device_id = $1', [p!.id])).rowCount === 3, 5000, 'rows');

    const timeline = await healthTimeline(stack.db.pool, p!.id, { from: new Date(thisHour - 3 * HOUR), to: new Date(thisHour) });
    expect(timeline.map((h) => HealthHour.parse(h))).toEqual([
      { hour: new Date(thisHour - 3 * HOUR).toISOString(), heartbeats: 2, expected: 720, batteryMin: 88, batteryMax: 90, batteryAvg: 89, rssiMin: -80, rssiAvg: -70, charging: false },
      { hour: new Date(thisHour - 2 * HOUR).toISOString(), heartbeats: 0, expected: 720, batteryMin: null, batteryMax: null, batteryAvg: null, rssiMin: null, rssiAvg: null, charging: null },
      { hour: new Date(thisHour - 1 * HOUR).toISOString(), heartbeats: 1, expected: 720, batteryMin: 70, batteryMax: 70, batteryAvg: 70, rssiMin: -90, rssiAvg: -90, charging: true },
    ]);
    expect(JSON.stringify(timeline)).not.toMatch(/lat|lon|acc/);
    await expect(healthTimeline(stack.db.pool, p!.id, { from: new Date(0), to: new Date() })).rejects.toThrow(RangeError);
    await ingest.stop();
  });
});
