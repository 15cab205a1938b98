import { performance } from 'node:perf_hooks';
import { DISPATCH_NODES_FILTER, dispatchNodeTopic, encodeDispatchNodeBeacon, parseDispatchNodeBeacon, serviceClientId } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { DispatchConfig } from '../config.js';

/**
 * Every dispatch node's own broker connection (client id `svc:dispatch:{instance}`, clean session).
 * - A standby takes the lease only while this is up, so it never becomes the active node without a way
 *   to the pendants. (The active node's presses come over its press session, press-session.ts.)
 * - Over it the nodes tell each other whether they reach the database (`aware/v1/svc/dispatch/{instance}`,
 *   protocol/src/dispatch-nodes.ts): a standby after every read of the lease. The active node asks
 *   `peerReachedDbSince` before it confirms presses from its journal.
 */
export class NodeLink {
  readonly client: MqttClient;
  /** When (performance.now) another node last said it reaches the database. */
  private peerDbOkAt = -Infinity;

  constructor(
    config: DispatchConfig['mqtt'],
    private readonly instance: string,
    log: Logger,
  ) {
    this.client = mqtt.connect(config.urls[0]!, {
      servers: [...config.servers],
      clientId: serviceClientId('dispatch', instance),
      username: config.username,
      password: config.password,
      clean: true,
      protocolVersion: 4,
      keepalive: 5,
      reconnectPeriod: 500,
      connectTimeout: 5_000,
      ...(process.env['DEBUG'] ? {} : { log: () => undefined }),
    });
    this.client.on('connect', () => {
      log.info('node link to the broker up');
      this.client.subscribe(DISPATCH_NODES_FILTER, { qos: 0 });
    });
    this.client.on('message', (_topic, payload) => {
      const beacon = parseDispatchNodeBeacon(payload);
      if (beacon.ok && beacon.value.instance !== this.instance && beacon.value.dbReachable) this.peerDbOkAt = performance.now();
    });
    this.client.on('offline', () => log.warn('node link to the broker down; reconnecting'));
    this.client.on('error', (error) => log.debug({ err: error.message }, 'node link error'));
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Says whether this node's last read of the lease reached the database (QoS 0: the next one follows soon). */
  beacon(role: 'active' | 'standby', dbReachable: boolean): void {
    if (!this.client.connected) return;
    this.client.publish(dispatchNodeTopic(this.instance), encodeDispatchNodeBeacon({ instance: this.instance, role, dbReachable, ts: Date.now() }), { qos: 0 });
  }

  /** Did another node say it reaches the database after `since` (performance.now)? */
  peerReachedDbSince(since: number): boolean {
    return this.peerDbOkAt > since;
  }

  end(): void {
    this.client.end(true);
  }
}
