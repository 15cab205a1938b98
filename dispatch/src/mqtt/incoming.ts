import type { Channel } from '@aware/protocol';

/** A message from the broker on a device topic, as the handlers see it. */
export interface IncomingMessage {
  readonly deviceId: string;
  readonly channel: Channel;
  readonly payload: Buffer;
  /** MQTT DUP flag: the broker is redelivering it. */
  readonly dup: boolean;
  /** Server time when it arrived (ms). */
  readonly receivedAt: number;
}
