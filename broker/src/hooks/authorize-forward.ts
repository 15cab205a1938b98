import type { AedesPublishPacket, Client } from 'aedes';
import type { BrokerContext } from '../context.js';
import { channelLabel } from '../metrics.js';

/**
 * aedes `authorizeForward` hook, called for every delivery of a message to a subscriber: counts
 * outgoing messages by channel. Who may receive what is decided at subscribe time.
 */
export function createAuthorizeForward(ctx: BrokerContext) {
  return function authorizeForward(_client: Client, packet: AedesPublishPacket): AedesPublishPacket {
    ctx.metrics.messagesOut(channelLabel(packet.topic)).inc();
    return packet;
  };
}
