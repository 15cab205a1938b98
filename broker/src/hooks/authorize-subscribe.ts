import type { Client, Subscription } from 'aedes';
import { deviceTopic } from '@aware/protocol';
import type { BrokerContext } from '../context.js';
import { stateOf } from '../client-state.js';
import { filterCovers } from '../acl/topic-filter.js';
import { SERVICE_ROLES } from '../acl/service-roles.js';

/**
 * aedes `authorizeSubscribe` hook. A device may subscribe to exactly its own `cmd` topic (no wildcards,
 * QoS at most 1); a service to filters its role covers (only sim-admin sees `$SYS`). A refused filter
 * gets SUBACK failure 0x80 [MQTT-3.9.3] and the connection stays up; every refusal is counted and logged.
 * Also runs when a persistent session's subscriptions are restored, so a role change applies on reconnect.
 */
export function createAuthorizeSubscribe(ctx: BrokerContext) {
  return function authorizeSubscribe(
    client: Client,
    sub: Subscription,
    callback: (error: Error | null, subscription?: Subscription | null) => void,
  ): void {
    const state = stateOf(client);
    if (state?.deviceId && sub.topic === deviceTopic(state.deviceId, 'cmd')) {
      if (sub.qos > 1) sub.qos = 1;
      return callback(null, sub);
    }
    if (state?.service && SERVICE_ROLES[state.service].subscribe.some((allowed) => filterCovers(allowed, sub.topic))) {
      return callback(null, sub);
    }
    ctx.metrics.refused('subscribe_forbidden').inc();
    ctx.log.warn(
      { event: 'security.subscribe_forbidden', code: 'BRK_ERR_SUBSCRIBE_FORBIDDEN', deviceId: state?.deviceId ?? null, service: state?.service ?? null, filter: sub.topic.slice(0, 200) },
      'subscription refused',
    );
    callback(null, null);
  };
}
