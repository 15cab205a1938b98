import { LIMITS } from './limits.js';
import { ProtocolErrorCode, protocolError, type ProtocolError } from './errors.js';

/** Topic root of wire contract version 1: `aware/v1/d/{deviceId}/{channel}`. */
export const TOPIC_ROOT = 'aware/v1/d';

/** Channels a device publishes on. */
export const UPLINK_CHANNELS = ['hb', 'alarm', 'loc', 'status'] as const;
/** Channels the server publishes on, to one device. */
export const DOWNLINK_CHANNELS = ['cmd'] as const;
export const CHANNELS = [...UPLINK_CHANNELS, ...DOWNLINK_CHANNELS] as const;

export type UplinkChannel = (typeof UPLINK_CHANNELS)[number];
export type DownlinkChannel = (typeof DOWNLINK_CHANNELS)[number];
export type Channel = (typeof CHANNELS)[number];

/** MQTT QoS and retain flag of each channel [DESIGN: wire contract]. */
export const CHANNEL_QOS: Readonly<Record<Channel, { qos: 0 | 1; retain: boolean }>> = Object.freeze({
  hb: { qos: 0, retain: false },
  alarm: { qos: 1, retain: false },
  loc: { qos: 1, retain: false },
  status: { qos: 1, retain: true },
  cmd: { qos: 1, retain: false },
});

export function isUplinkChannel(channel: Channel): channel is UplinkChannel {
  return (UPLINK_CHANNELS as readonly string[]).includes(channel);
}

export function deviceTopic(deviceId: string, channel: Channel): string {
  return `${TOPIC_ROOT}/${deviceId}/${channel}`;
}

/** Subscription filter for one channel of every device (internal services only). */
export function allDevicesFilter(channel: Channel): string {
  return `${TOPIC_ROOT}/+/${channel}`;
}

export interface ParsedTopic {
  ok: true;
  deviceId: string;
  channel: Channel;
}

const DEVICE_TOPIC_PREFIX = `${TOPIC_ROOT}/`;
const CHANNEL_NAMES: ReadonlySet<string> = new Set(CHANNELS);

/**
 * Parses a concrete topic name (no wildcards) into device id and channel.
 * Anything that is not exactly `aware/v1/d/{deviceId}/{channel}` is an error with a code.
 */
export function parseTopic(topic: string): ParsedTopic | ProtocolError {
  // Every message of every pendant comes through here (broker, ingest, dispatch): a well-formed topic
  // is read without splitting it; anything else takes the long way, which names what is wrong.
  if (topic.startsWith(DEVICE_TOPIC_PREFIX)) {
    const slash = topic.indexOf('/', DEVICE_TOPIC_PREFIX.length);
    if (slash > 0 && topic.indexOf('/', slash + 1) === -1) {
      const deviceId = topic.slice(DEVICE_TOPIC_PREFIX.length, slash);
      const channel = topic.slice(slash + 1);
      // the id's pattern and the channel names hold no wildcard characters
      if (CHANNEL_NAMES.has(channel) && LIMITS.deviceIdPattern.test(deviceId)) return { ok: true, deviceId, channel: channel as Channel };
    }
  }
  if (topic.includes('+') || topic.includes('#')) {
    return protocolError(ProtocolErrorCode.TOPIC_WILDCARD, 'topic names may not contain wildcards');
  }
  const parts = topic.split('/');
  if (parts[0] !== 'aware') {
    return protocolError(ProtocolErrorCode.TOPIC_FOREIGN, 'topic is not under aware/');
  }
  if (parts[1] !== 'v1') {
    return protocolError(ProtocolErrorCode.TOPIC_VERSION, `unsupported protocol version ${JSON.stringify(parts[1] ?? '')}`);
  }
  if (parts[2] !== 'd' || parts.length !== 5) {
    return protocolError(ProtocolErrorCode.TOPIC_FOREIGN, 'topic must be aware/v1/d/{deviceId}/{channel}');
  }
  const deviceId = parts[3] ?? '';
  const channel = parts[4] ?? '';
  if (!LIMITS.deviceIdPattern.test(deviceId)) {
    return protocolError(ProtocolErrorCode.TOPIC_DEVICE_ID, 'device id in topic is not valid');
  }
  if (!(CHANNELS as readonly string[]).includes(channel)) {
    return protocolError(ProtocolErrorCode.TOPIC_CHANNEL, `unknown channel ${JSON.stringify(channel)}`);
  }
  return { ok: true, deviceId, channel: channel as Channel };
}
