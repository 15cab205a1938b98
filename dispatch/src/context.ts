import type { Logger } from 'pino';
import type { AlarmStore } from './alarms/alarm-store.js';
import type { Escalation } from './alarms/escalation.js';
import type { InvalidPressMemo } from './alarms/invalid-press-memo.js';
import type { Clock } from './clock.js';
import type { DispatchConfig } from './config.js';
import type { Directory } from './directory/directory.js';
import type { DurableWriter } from './durable/writer.js';
import type { LiveFeed } from './live/feed.js';
import type { DispatchMetrics } from './metrics.js';
import type { Command } from '@aware/protocol';

/** Sends a command to a pendant (the MQTT downlink; absent until the broker connection is up). */
export interface CommandSender {
  send(deviceId: string, command: Command): void;
}

/** The parts every handler and route works with, built once by `start()`. */
export interface DispatchContext {
  readonly config: DispatchConfig;
  readonly log: Logger;
  readonly clock: Clock;
  readonly directory: Directory;
  readonly store: AlarmStore;
  readonly invalidPresses: InvalidPressMemo;
  readonly feed: LiveFeed;
  readonly durable: DurableWriter;
  readonly downlink: CommandSender;
  readonly escalation: Escalation;
  readonly metrics: DispatchMetrics;
}
