import { parseUplink } from '@aware/protocol';
import type { DeviceRegistry } from '../devices/device-registry.js';
import { orderHeartbeat, type DeviceTrack } from '../devices/device-track.js';
import type { IngestMetrics } from '../metrics.js';
import type { TechnicalAlarms } from '../technical/technical-alarms.js';
import { batteryChanges, type BatteryThresholds } from '../watchdog/battery-episodes.js';
import type { Watchdog } from '../watchdog/watchdog.js';
import type { BoundedQueue } from './bounded-queue.js';
import type { Flusher } from './flusher.js';
import type { OverloadGuard } from './overload-guard.js';
import type { QueuedHeartbeat } from './queued-heartbeat.js';

export interface HeartbeatReceiverParts {
  queue: BoundedQueue<QueuedHeartbeat>;
  flusher: Flusher;
  devices: DeviceRegistry;
  watchdog: Watchdog;
  technical: TechnicalAlarms;
  metrics: IngestMetrics;
  thresholds: BatteryThresholds;
  overload: OverloadGuard;
}

/**
 * The hot path, once per heartbeat message: never waits, never throws. Any message on a pendant's
 * own heartbeat topic shows it is alive (the broker authenticated the sender), so the watchdog hears
 * it first, even when it is then shed or invalid. Under overload (queue full, or the event loop
 * saturated: OverloadGuard) it is shed before it is parsed, so shedding is cheap; a valid one is
 * ordered (duplicates dropped), queued, and checked for battery.
 */
export class HeartbeatReceiver {
  constructor(private readonly parts: HeartbeatReceiverParts) {}

  receive(deviceId: string, payload: Uint8Array, receivedAt: number = Date.now()): void {
    const { queue, metrics, devices, watchdog } = this.parts;
    metrics.received.inc();
    const track = devices.track(deviceId);
    watchdog.heard(track);
    if (queue.isFull) {
      metrics.shed.inc({ reason: 'queue_full' });
      return;
    }
    if (this.parts.overload.shedding) {
      metrics.shed.inc({ reason: 'busy' });
      return;
    }
    const decoded = parseUplink('hb', payload);
    if (!decoded.ok) {
      metrics.invalid.inc({ reason: decoded.code });
      return;
    }
    const hb = decoded.value;
    const order = orderHeartbeat(track, hb.ts, hb.seq);
    if (order === 'duplicate') {
      metrics.duplicates.inc();
      return;
    }
    if (order === 'older') metrics.outOfOrder.inc();
    queue.push({ deviceId, receivedAt, hb, latest: order === 'latest' });
    this.parts.flusher.notify();
    if (order === 'latest') {
      track.battery = hb.battery;
      track.charging = hb.charging;
      if (track.assigned) applyBattery(track, this.parts.thresholds, this.parts.technical, receivedAt);
    }
  }
}

/** Opens or ends battery episodes for the pendant's latest battery reading (assigned pendants only). */
export function applyBattery(track: DeviceTrack, thresholds: BatteryThresholds, technical: TechnicalAlarms, at: number): void {
  if (track.battery < 0) return;
  for (const { kind, change } of batteryChanges(track.open, track.battery, track.charging, thresholds)) {
    track.open[kind] = change === 'opened';
    if (change === 'opened') technical.open(track, kind, at, { battery: track.battery });
    else technical.clear(track, kind, at, { battery: track.battery, charging: track.charging });
  }
}
