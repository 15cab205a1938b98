import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CHANNELS, PRESENCE_ROOT, TOPIC_ROOT } from '@aware/protocol';

/** Why the broker refused something. One label value per refusal kind, stable for dashboards. */
export type RefusalReason =
  | 'auth_failed'
  | 'auth_unknown_device'
  | 'auth_device_not_allowed'
  | 'auth_client_id'
  | 'auth_client_cert'
  | 'auth_busy'
  | 'auth_backend'
  | 'max_connections'
  | 'packet_too_large'
  | 'protocol_violation'
  | 'publish_forbidden'
  | 'subscribe_forbidden'
  | 'payload_invalid'
  | 'rate_limited';

export type BrokerMetrics = ReturnType<typeof createMetrics>;

/**
 * One registry per broker instance (tests run several brokers in one process). Label children that are
 * hit per message are bound once (`messagesIn('hb')`), so counting costs no label hashing.
 */
export function createMetrics(connectionCount: () => Record<'device' | 'service' | 'pending', number>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aware_broker_' });

  new Gauge({
    name: 'aware_broker_connections',
    help: 'Open MQTT connections by kind (pending = socket open, not yet authenticated)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      for (const [kind, n] of Object.entries(connectionCount())) this.set({ kind }, n);
    },
  });
  const messagesIn = new Counter({
    name: 'aware_broker_messages_in_total',
    help: 'PUBLISH packets received from clients, by channel (last topic level of aware/v1/d/{id}/{channel})',
    labelNames: ['channel'],
    registers: [registry],
  });
  const messagesOut = new Counter({
    name: 'aware_broker_messages_out_total',
    help: 'PUBLISH packets forwarded to subscribers, by channel',
    labelNames: ['channel'],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'aware_broker_refusals_total',
    help: 'Connections, packets, publishes and subscriptions refused, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const qos0Shed = new Counter({
    name: 'aware_broker_qos0_shed_total',
    help: 'QoS 0 deliveries (heartbeats) not sent to a service subscriber because its socket was backlogged, by channel',
    labelNames: ['channel'],
    registers: [registry],
  });
  const invalidAlarms = new Counter({
    name: 'aware_broker_alarm_invalid_forwarded_total',
    help: 'Alarm presses with an invalid payload, forwarded unchanged (dispatch flags them invalidPayload)',
    registers: [registry],
  });
  const authDuration = new Histogram({
    name: 'aware_broker_auth_duration_seconds',
    help: 'Time from CONNECT to the authentication decision, by outcome (verified = keyed hash; verified_legacy = argon2id hash from before, then upgraded; cache = secret verified from the cache; cache_fallback = directory down, admitted on a secret verified before)',
    labelNames: ['outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const takeovers = new Counter({
    name: 'aware_broker_takeovers_total',
    help: 'Connections replaced by a new connection with the same device id (possible cloned pendant)',
    registers: [registry],
  });
  const revocations = new Counter({
    name: 'aware_broker_revocation_disconnects_total',
    help: 'Connections closed because the device was disabled, revoked or its secret rotated',
    registers: [registry],
  });

  const bound = <T>(make: (label: string) => T) => {
    const cache = new Map<string, T>();
    return (label: string): T => {
      let child = cache.get(label);
      if (!child) cache.set(label, (child = make(label)));
      return child;
    };
  };

  return {
    registry,
    messagesIn: bound((channel) => messagesIn.labels(channel)),
    messagesOut: bound((channel) => messagesOut.labels(channel)),
    refused: bound((reason: string) => refusals.labels(reason)) as (reason: RefusalReason) => { inc(): void },
    qos0Shed: bound((channel) => qos0Shed.labels(channel)),
    invalidAlarms,
    authDuration,
    takeovers,
    revocations,
  };
}

const KNOWN_CHANNELS: ReadonlySet<string> = new Set(CHANNELS);

/** The channel label of a topic: the channel of a device topic, `presence`, or `other` (bounded label set). */
export function channelLabel(topic: string): string {
  if (topic.startsWith(TOPIC_ROOT)) {
    const channel = topic.slice(topic.lastIndexOf('/') + 1);
    return KNOWN_CHANNELS.has(channel) ? channel : 'other';
  }
  return topic.startsWith(PRESENCE_ROOT) ? 'presence' : 'other';
}
