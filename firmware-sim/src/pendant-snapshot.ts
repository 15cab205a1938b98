/** A pendant's state as a driver shows it (interactive CLI, control API). JSON-serialisable. */
export interface PendantSnapshot {
  id: string;
  connected: boolean;
  networkUp: boolean;
  battery: number;
  charging: boolean;
  hbIntervalS: number;
  walking: boolean;
  walkedM: number;
  /** Alarm id the `loc` trail is running for, if any. */
  trailAlarmId: string | null;
  presses: { alarmId: string; attempts: number; confirmed: boolean; latencyMs: number | null; acknowledged: boolean }[];
  stats: { heartbeats: number; presses: number; alarmPublishes: number; alarmResends: number; locs: number; commands: number; confirmed: number };
}
