import { newTrack, orderHeartbeat, type DeviceTrack } from './device-track.js';
import type { DeviceConfig, LastHeard, OpenTechnical } from './device-config.js';

/** Every pendant ingest knows of, by id. */
export class DeviceRegistry {
  readonly tracks = new Map<string, DeviceTrack>();

  /**
   * @param onUnknown called for a pendant heard of before its configuration was loaded (registered
   *   after start, and its change notification not in yet): its configuration is looked up.
   */
  constructor(private readonly onUnknown: (id: string) => void = () => {}) {}

  get size(): number {
    return this.tracks.size;
  }

  get(id: string): DeviceTrack | undefined {
    return this.tracks.get(id);
  }

  /** The pendant's track, created (unassigned, default interval) if it is new. */
  track(id: string): DeviceTrack {
    let track = this.tracks.get(id);
    if (track === undefined) {
      track = newTrack(id);
      this.tracks.set(id, track);
      this.onUnknown(id);
    }
    return track;
  }

  /** The pendant's track for a configuration row, created if new (no lookup needed). */
  configured(config: DeviceConfig): DeviceTrack {
    let track = this.tracks.get(config.id);
    if (track === undefined) {
      track = newTrack(config.id, config.hbIntervalS, config.assigned);
      this.tracks.set(config.id, track);
    }
    return track;
  }

  /**
   * After a restart: configuration, last heard and newest heartbeat (so a heartbeat already written
   * before the restart is still recognised as a duplicate), and the open technical alarms.
   * Returns the pendants the watchdog must watch: assigned, heard before, not already silent.
   */
  rebuild(
    configs: readonly DeviceConfig[],
    lastHeard: readonly LastHeard[],
    open: readonly OpenTechnical[],
    /** Converts a database (wall-clock) time to the watchdog's clock. */
    toWatchdogClock: (wallMs: number) => number = (ms) => ms,
  ): DeviceTrack[] {
    for (const config of configs) this.configured(config);
    for (const row of lastHeard) {
      const track = this.tracks.get(row.id);
      if (track === undefined) continue;
      track.heardAt = toWatchdogClock(row.lastSeenAt.getTime());
      if (row.hbTime !== null && row.hbSeq !== null) orderHeartbeat(track, row.hbTime.getTime(), Number(row.hbSeq));
    }
    for (const { deviceId, kind } of open) {
      const track = this.tracks.get(deviceId);
      if (track) track.open[kind] = true;
    }
    const watch: DeviceTrack[] = [];
    for (const track of this.tracks.values()) {
      if (track.assigned && track.heardAt > 0 && !track.open.pendant_silent) watch.push(track);
    }
    return watch;
  }
}
