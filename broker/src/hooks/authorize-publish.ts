import type { Client, PublishPacket } from 'aedes';
import { DISPATCH_NODES_FILTER, deviceTopic, isUplinkChannel, parseCommand, parseDispatchNodeBeacon, parseTopic, parseUplink, type UplinkChannel } from '@aware/protocol';
import type { BrokerContext } from '../context.js';
import { stateOf, type ClientState } from '../client-state.js';
import { BrokerError } from '../errors.js';
import { markDropped } from '../drop-rejected.js';
import { rateDelayMs } from '../limits/message-rate.js';
import { topicMatches } from '../acl/topic-filter.js';
import { SERVICE_ROLES } from '../acl/service-roles.js';
import { channelLabel } from '../metrics.js';

type Callback = (error?: Error | null) => void;

/**
 * aedes `authorizePublish` hook: the topic ACL, the per-device rate and payload validation.
 * - A device publishes only on its own uplink channels (`aware/v1/d/{own id}/{hb,alarm,loc,status}`);
 *   anything else closes its connection (counted, logged with the device id).
 * - Alarms are never dropped here: a press whose payload fails validation is forwarded unchanged and
 *   counted; dispatch validates with the same protocol schema and raises it flagged `invalidPayload`.
 * - Other invalid payloads (and payloads over 1 KiB) are dropped and counted, the device stays connected.
 * - Over its rate, a device's messages are delayed (so it cannot flood, and nothing is lost), and past
 *   `maxDelayMs` of backlog its connection is closed without acknowledging (QoS 1 is then resent).
 * - Wills (packets not read from the wire) are handled by `authorizeWill`.
 */
export function createAuthorizePublish(ctx: BrokerContext) {
  return function authorizePublish(client: Client | null, packet: PublishPacket, callback: Callback): void {
    const state = stateOf(client);
    if (packet.cmd !== 'publish' || !client || !state) return authorizeWill(ctx, client, state, packet, callback);
    if (state.service) return authorizeService(ctx, state, packet, callback);

    const topic = parseTopic(packet.topic);
    if (!topic.ok || topic.deviceId !== state.deviceId || !isUplinkChannel(topic.channel)) {
      return callback(forbidden(ctx, state, packet.topic));
    }
    const channel = topic.channel;
    ctx.metrics.messagesIn(channel).inc();
    const delay = rateDelayMs(state, ctx.config.deviceRate, Date.now());
    if (delay > ctx.config.deviceRate.maxDelayMs) {
      state.closeReason = 'protocol_violation';
      ctx.metrics.refused('rate_limited').inc();
      ctx.log.warn({ event: 'security.rate_limited', deviceId: state.deviceId, channel, delayMs: Math.round(delay) }, 'device over its message rate: disconnected');
      return callback(new BrokerError('BRK_ERR_RATE_LIMITED', `device ${state.deviceId}`));
    }
    if (delay > 0) setTimeout(validate, delay, ctx, state, channel, packet, callback);
    else validate(ctx, state, channel, packet, callback);
  };
}

function validate(ctx: BrokerContext, state: ClientState, channel: UplinkChannel, packet: PublishPacket, callback: Callback): void {
  // only `status` is retained [DESIGN: wire contract]; a retained alarm would be replayed to every new subscriber
  if (channel !== 'status') packet.retain = false;
  const result = parseUplink(channel, packet.payload as Buffer);
  if (!result.ok) {
    if (channel === 'alarm') {
      ctx.metrics.invalidAlarms.inc();
      ctx.log.warn({ event: 'alarm.invalid_payload', deviceId: state.deviceId, code: result.code }, 'alarm with an invalid payload forwarded for dispatch to flag');
    } else {
      markDropped(packet);
      ctx.metrics.refused('payload_invalid').inc();
      ctx.log.warn({ event: 'payload_invalid', deviceId: state.deviceId, channel, code: result.code }, 'invalid payload dropped');
    }
  }
  callback(null);
}

function authorizeService(ctx: BrokerContext, state: ClientState, packet: PublishPacket, callback: Callback): void {
  const role = SERVICE_ROLES[state.service!];
  if (!role.publish.some((filter) => topicMatches(filter, packet.topic))) {
    return callback(forbidden(ctx, state, packet.topic));
  }
  ctx.metrics.messagesIn(channelLabel(packet.topic)).inc();
  packet.retain = false;
  const beacon = topicMatches(DISPATCH_NODES_FILTER, packet.topic);
  const decoded = beacon ? parseDispatchNodeBeacon(packet.payload as Buffer) : parseCommand(packet.payload as Buffer);
  if (!decoded.ok) {
    markDropped(packet);
    ctx.metrics.refused('payload_invalid').inc();
    ctx.log.error({ event: 'payload_invalid', service: state.service, topic: packet.topic, code: decoded.code }, `invalid ${beacon ? 'dispatch node beacon' : 'command'} from a service dropped`);
  }
  callback(null);
}

/**
 * A will: published by aedes when a client's connection ends without DISCONNECT (client closed), or,
 * in cluster mode, for clients of a broker that died (client null, or the device's new local client).
 * Only a device's own `status` will with a valid payload is published; a will is never an error,
 * because aedes would stop publishing every other will over it.
 */
function authorizeWill(ctx: BrokerContext, client: Client | null, state: ClientState | undefined, packet: PublishPacket, callback: Callback): void {
  const owner = state?.deviceId ?? (packet as { clientId?: string }).clientId ?? null;
  const ownStatus = owner !== null && packet.topic === deviceTopic(owner, 'status') && parseUplink('status', packet.payload as Buffer).ok;
  // a takeover or a reconnect here means the device is online: its old will must not say otherwise
  const deviceStillOnline = state?.closeReason === 'takeover' || (client !== null && !client.closed);
  if (!ownStatus || deviceStillOnline) {
    markDropped(packet);
    if (!ownStatus) {
      ctx.metrics.refused('publish_forbidden').inc();
      ctx.log.warn({ event: 'security.will_refused', deviceId: owner, service: state?.service ?? null }, 'will on a topic other than the own status, or invalid: dropped');
    }
  } else {
    packet.retain = true;
  }
  callback(null);
}

function forbidden(ctx: BrokerContext, state: ClientState, topic: string): BrokerError {
  state.closeReason = 'protocol_violation';
  ctx.metrics.refused('publish_forbidden').inc();
  ctx.log.warn(
    { event: 'security.publish_forbidden', deviceId: state.deviceId, service: state.service, address: state.address, topic: topic.slice(0, 200) },
    'publish on a forbidden topic: disconnected',
  );
  return new BrokerError('BRK_ERR_PUBLISH_FORBIDDEN', state.deviceId ?? state.service ?? undefined);
}
