import type { DeviceTrack } from './device-track.js';
import type { DeviceConfig } from './device-config.js';
import type { Watchdog } from '../watchdog/watchdog.js';
import type { TechnicalAlarms } from '../technical/technical-alarms.js';
import { TechnicalKind } from '@aware/protocol';
import { applyBattery } from '../pipeline/heartbeat-receiver.js';
import type { BatteryThresholds } from '../watchdog/battery-episodes.js';

/**
 * A pendant's interval or assignment changed. A new interval takes effect at once for a watched
 * pendant; a newly assigned one is watched from its first heartbeat (or from the last one, if it was
 * heard before its assignment became known here) and its last battery reading is checked; a pendant that left service
 * is no longer watched and its open technical alarms are cleared (nobody is wearing it).
 */
export function applyDeviceConfig(
  track: DeviceTrack,
  config: DeviceConfig,
  watchdog: Watchdog,
  technical: TechnicalAlarms,
  thresholds: BatteryThresholds,
  now: number,
): void {
  const intervalChanged = track.hbIntervalS !== config.hbIntervalS;
  track.hbIntervalS = config.hbIntervalS;
  if (!config.assigned) {
    if (!track.assigned) return;
    track.assigned = false;
    watchdog.unwatch(track);
    for (const kind of TechnicalKind.options) {
      if (!track.open[kind]) continue;
      track.open[kind] = false;
      technical.clear(track, kind, now, { reason: 'unassigned' });
    }
    return;
  }
  if (!track.assigned) {
    track.assigned = true;
    applyBattery(track, thresholds, technical, now);
  }
  if (track.watched ? intervalChanged : track.heardAt > 0 && !track.open.pendant_silent) watchdog.watch(track);
}
