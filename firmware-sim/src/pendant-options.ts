import { LIMITS } from '@aware/protocol';
import type { BackoffPolicy } from './model/backoff.js';
import type { Battery } from './model/battery.js';
import type { LatLon } from './model/geo.js';
import type { Town } from './model/homes.js';
import type { Random } from './model/random.js';

export interface PendantOptions {
  /** Device id (also MQTT client id and user name). */
  id: string;
  /** Device secret (MQTT password). Never printed. */
  secret: string;
  /** Broker URL, e.g. mqtt://127.0.0.1:1883. */
  url: string;
  hbIntervalS?: number;
  firmware?: string;
  /** Seed for every random choice of this pendant (home, drift, jitter); random when absent. */
  seed?: number;
  random?: Random;
  /** Home position, or a town in the province of Utrecht to pick one in. */
  home?: LatLon;
  town?: Town;
  gps?: { missingRate?: number; coarseRate?: number };
  battery?: Battery;
  /** `loc` update period while an alarm is active. */
  locIntervalS?: number;
  /** The trail keeps running this long after `operator_acknowledged`... */
  trailAfterAckS?: number;
  /** ...and never longer than this after the last press, acknowledged or not. */
  trailMaxS?: number;
  alarmRetry?: BackoffPolicy;
  reconnect?: BackoffPolicy;
  keepaliveS?: number;
  connectTimeoutMs?: number;
  /** `random` (default): 96 random bits per press. `counter`: a press counter that restarts with every pendant object (a reboot). */
  alarmIds?: 'random' | 'counter';
}

export const PENDANT_DEFAULTS = Object.freeze({
  hbIntervalS: LIMITS.defaultHeartbeatIntervalS,
  firmware: 'aware-sim-1.0.0',
  locIntervalS: 5,
  trailAfterAckS: 120,
  trailMaxS: 600,
  keepaliveS: 60,
  connectTimeoutMs: 10_000,
  battery: { percent: 95, charging: false } satisfies Battery,
});
