import type { Aedes, Client } from 'aedes';
import { PresenceEvent, Status, deviceTopic, encodeJson, presenceTopic, type PresenceReason } from '@aware/protocol';
import type { BrokerContext } from '../context.js';
import { stateOf } from '../client-state.js';
import { internals, localClient } from '../aedes-internals.js';
import { isBrokerError } from '../errors.js';
import { reasonForError } from './close-reason.js';

const noop = () => {};

/**
 * Presence of devices, owned by the broker:
 * - `aware/v1/presence/{id}` (QoS 1, not retained): a PresenceEvent for every connect and disconnect,
 *   with the reason, for the internal services;
 * - `aware/v1/d/{id}/status` (retained): `online` on connect, `offline` with the reason on disconnect,
 *   on the device's behalf. A device's own `status` publishes and its will (an `offline` status) are
 *   passed on too; the will is dropped when the device is still online (takeover, reconnect).
 * An `offline` event with reason `takeover` means that connection was replaced: the device is online
 * on the new one (on another node, the two events may arrive in either order).
 */
export function trackPresence(ctx: BrokerContext, broker: Aedes): void {
  const node = ctx.config.nodeId;

  const publish = (deviceId: string, state: 'online' | 'offline', reason: PresenceReason, retainedStatus: boolean): void => {
    const ts = Date.now();
    ctx.log.debug({ deviceId, state, reason }, 'presence');
    const event = encodeJson(PresenceEvent, { deviceId, state, reason, ts, node });
    broker.publish({ cmd: 'publish', topic: presenceTopic(deviceId), payload: Buffer.from(event), qos: 1, retain: false, dup: false }, noop);
    if (retainedStatus) {
      const status = encodeJson(Status, { state, ts, reason });
      broker.publish({ cmd: 'publish', topic: deviceTopic(deviceId, 'status'), payload: Buffer.from(status), qos: 1, retain: true, dup: false }, noop);
    }
  };

  broker.on('clientReady', (client) => {
    const deviceId = stateOf(client)?.deviceId;
    if (deviceId) publish(deviceId, 'online', 'connect', true);
  });

  broker.on('keepaliveTimeout', (client) => {
    const state = stateOf(client);
    if (state) state.closeReason ??= 'keepalive_timeout';
  });

  broker.on('clientError', (client, err) => {
    const state = stateOf(client);
    if (!state) return;
    const reason = reasonForError(err);
    if (state.closeReason === null) countViolation(ctx, err, reason);
    state.closeReason ??= reason;
    const level = reason === 'connection_error' || reason === 'keepalive_timeout' ? 'debug' : 'info';
    ctx.log[level]({ deviceId: state.deviceId, service: state.service, address: state.address, reason, error: err.message }, 'connection closed on error');
  });

  broker.on('connectionError', (client, err) => {
    const state = stateOf(client);
    const reason = reasonForError(err);
    countViolation(ctx, err, reason);
    ctx.log.info({ address: state?.address ?? null, reason, error: err.message }, 'connection closed before CONNECT completed');
  });

  broker.on('clientDisconnect', (client) => {
    const state = stateOf(client);
    if (!state?.deviceId) return;
    const deviceId = state.deviceId;
    const decided = state.closeReason ?? (internals(client)._disconnected ? 'clean_disconnect' : null);
    if (decided) return publish(deviceId, 'offline', decided, decided !== 'takeover');
    // closed without a reason: the peer went away, or another node took the session over (aedes
    // closes the client from the same `$SYS/+/new/clients` announcement we watch below, possibly
    // before our listener runs); decide once that announcement has been handled
    setImmediate(() => {
      if (state.closeReason === null && takenOverElsewhere.has(deviceId)) {
        state.closeReason = 'takeover';
        logRemoteTakeover(ctx, deviceId, state.address);
      }
      const reason = state.closeReason ?? 'connection_error';
      publish(deviceId, 'offline', reason, reason !== 'takeover');
    });
  });

  // cluster mode: a device connected to another node; aedes closes the local connection of that id
  const takenOverElsewhere = new Set<string>();
  broker.subscribe(
    '$SYS/+/new/clients',
    (packet, done) => {
      const nodeId = packet.topic.split('/')[1];
      if (nodeId === broker.id) return done();
      const clientId = packet.payload.toString();
      const state = stateOf(localClient(broker, clientId));
      if (state?.deviceId && state.closeReason === null) {
        state.closeReason = 'takeover';
        logRemoteTakeover(ctx, state.deviceId, state.address);
      } else {
        takenOverElsewhere.add(clientId);
        setImmediate(() => takenOverElsewhere.delete(clientId));
      }
      done();
    },
    noop,
  );
}

function logRemoteTakeover(ctx: BrokerContext, deviceId: string, previousAddress: string): void {
  ctx.metrics.takeovers.inc();
  ctx.log.warn({ event: 'security.takeover', deviceId, previousAddress, remote: true }, 'device id connected on another node took over (possible cloned pendant)');
}

function countViolation(ctx: BrokerContext, err: Error, reason: PresenceReason): void {
  if (isBrokerError(err, 'BRK_ERR_PACKET_TOO_LARGE')) ctx.metrics.refused('packet_too_large').inc();
  else if (reason === 'protocol_violation' && !isBrokerError(err)) ctx.metrics.refused('protocol_violation').inc();
}

/** Closes a client with a reason the broker decided (revocation, shutdown). */
export function closeWithReason(client: Client, reason: PresenceReason, done?: () => void): void {
  const state = stateOf(client);
  if (state) state.closeReason ??= reason;
  client.close(done);
}
