import type { Heartbeat } from '@aware/protocol';

/** A validated heartbeat waiting in the write queue. */
export interface QueuedHeartbeat {
  readonly deviceId: string;
  /** Server time (ms) ingest received it from the broker. */
  readonly receivedAt: number;
  readonly hb: Heartbeat;
  /** The newest heartbeat of its pendant when it arrived (only those move device state). */
  readonly latest: boolean;
}
