import { LIMITS, type TechnicalKind } from '@aware/protocol';

/** How many recent (ts, seq) pairs per pendant are remembered to drop duplicates. */
export const RECENT_KEYS = 4;

/**
 * What ingest keeps in memory about one pendant: its watchdog settings, the order of its
 * heartbeats (for "latest wins" and duplicates) and which technical alarms are open.
 */
export interface DeviceTrack {
  readonly id: string;
  /** devices.hb_interval_s */
  hbIntervalS: number;
  /** Has an active assignment: only assigned pendants are watched and get battery alarms. */
  assigned: boolean;
  /** Device time (ms) and sequence of the latest accepted heartbeat; -1 = none yet. */
  lastTs: number;
  lastSeq: number;
  /** Ring of recently accepted (ts, seq) pairs. */
  readonly recentTs: number[];
  readonly recentSeq: number[];
  recentNext: number;
  /** Battery and charging of the latest heartbeat (-1: none yet), for battery episodes. */
  battery: number;
  charging: boolean;
  /** When the pendant was last heard, on the watchdog's (monotonic) clock; 0 = not heard. */
  heardAt: number;
  /** Generation of the watchdog heap node that counts (older nodes are stale). */
  watchGen: number;
  /** Has a live watchdog node. */
  watched: boolean;
  /** Technical alarms open for this pendant (mirrors technical_alarms). */
  readonly open: Record<TechnicalKind, boolean>;
}

export function newTrack(id: string, hbIntervalS: number = LIMITS.defaultHeartbeatIntervalS, assigned = false): DeviceTrack {
  return {
    id,
    hbIntervalS,
    assigned,
    lastTs: -1,
    lastSeq: -1,
    recentTs: new Array<number>(RECENT_KEYS).fill(-1),
    recentSeq: new Array<number>(RECENT_KEYS).fill(-1),
    recentNext: 0,
    battery: -1,
    charging: false,
    heardAt: 0,
    watchGen: 0,
    watched: false,
    open: { pendant_silent: false, battery_low: false, battery_critical: false },
  };
}

export type HeartbeatOrder = 'latest' | 'older' | 'duplicate';

/**
 * Places a heartbeat in its pendant's order and remembers it. Device time decides, the sequence
 * breaks ties (it restarts on every boot, time does not). A (ts, seq) pair seen recently is a duplicate.
 */
export function orderHeartbeat(track: DeviceTrack, ts: number, seq: number): HeartbeatOrder {
  for (let i = 0; i < RECENT_KEYS; i++) {
    if (track.recentTs[i] === ts && track.recentSeq[i] === seq) return 'duplicate';
  }
  track.recentTs[track.recentNext] = ts;
  track.recentSeq[track.recentNext] = seq;
  track.recentNext = (track.recentNext + 1) % RECENT_KEYS;
  if (ts > track.lastTs || (ts === track.lastTs && seq > track.lastSeq)) {
    track.lastTs = ts;
    track.lastSeq = seq;
    return 'latest';
  }
  return 'older';
}
