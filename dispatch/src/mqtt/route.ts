import { parseTopic } from '@aware/protocol';
import { handleLocation } from '../alarms/handle-location.js';
import { handlePress } from '../alarms/handle-press.js';
import type { DispatchContext } from '../context.js';
import type { Delivery } from './deferred-ack.js';

/**
 * One handler per message kind. Returns the promise the delivery's PUBACK waits for, or undefined
 * (acknowledge at once: nothing of ours to make durable).
 */
export function routeDelivery(ctx: DispatchContext, delivery: Delivery): Promise<void> | undefined {
  const topic = parseTopic(delivery.topic);
  if (!topic.ok) {
    ctx.metrics.messages.inc({ channel: 'unknown', result: 'bad_topic' });
    ctx.log.warn({ topic: delivery.topic, code: topic.code }, 'message on an unexpected topic ignored');
    return undefined;
  }
  const msg = { deviceId: topic.deviceId, channel: topic.channel, payload: delivery.payload, dup: delivery.dup, receivedAt: ctx.clock.now() };
  switch (topic.channel) {
    case 'alarm':
      ctx.metrics.messages.inc({ channel: 'alarm', result: 'press' });
      return handlePress(ctx, msg);
    case 'loc':
      return handleLocation(ctx, msg);
    default:
      return undefined;
  }
}
