import type { AuthenticateError, Client } from 'aedes';
import { isDeviceId, type ServiceClient } from '@aware/protocol';
import type { BrokerContext } from '../context.js';
import { stateOf, type ClientState } from '../client-state.js';
import { BrokerError, CONNACK, isBrokerError } from '../errors.js';
import { internals, localClient } from '../aedes-internals.js';
import { mayConnect } from '../auth/device-directory.js';
import { forgetConnectPacket } from '../lean/lean-client.js';
import { ServiceCredentials } from '../auth/service-credentials.js';
import { channelLabel, type RefusalReason } from '../metrics.js';
import { shedQos0WhenBacklogged } from '../delivery/qos0-shedding.js';
import { coalesceDeliveries } from '../delivery/coalesced-writes.js';

type Outcome = 'cache' | 'cache_fallback' | 'verified' | 'verified_legacy' | 'service';

/** A refused login: what is counted and logged; the client only ever sees "not authorized". */
class LoginRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly principal: string | null,
  ) {
    super(reason);
  }
}

/**
 * aedes `authenticate` hook. Devices log in with username = device id = client id and their secret;
 * services with `svc:{service}` and their secret. Every refusal is CONNACK 5 "not authorized" (unknown,
 * disabled and wrong secret look the same from outside), except an overloaded directory or verify
 * queue (3 "server unavailable", retry later) and a client id that is not the username's (2).
 */
export function createAuthenticate(ctx: BrokerContext) {
  return function authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    const started = performance.now();
    forgetConnectPacket(client);
    const state = stateOf(client);
    if (!state) return done(refusal('BRK_ERR_NOT_AUTHORIZED', CONNACK.NOT_AUTHORIZED), false);
    login(ctx, client, state, username, password).then(
      (outcome) => {
        ctx.metrics.authDuration.observe({ outcome }, (performance.now() - started) / 1000);
        done(null, true);
      },
      (err: unknown) => {
        ctx.metrics.authDuration.observe({ outcome: 'refused' }, (performance.now() - started) / 1000);
        done(refuse(ctx, state, err), false);
      },
    );
  };
}

async function login(
  ctx: BrokerContext,
  client: Client,
  state: ClientState,
  username: string | undefined,
  password: Buffer | undefined,
): Promise<Outcome> {
  if (!username || !password) throw new LoginRefused('auth_failed', null);
  if (ctx.config.tls?.requireClientCert && state.listener === 'tls' && state.certCommonName !== username) {
    throw new LoginRefused('auth_client_cert', null);
  }
  const service = ServiceCredentials.serviceOf(username);
  if (service === 'unknown') throw new LoginRefused('auth_failed', null);
  if (service) return loginService(ctx, client, state, service, username, password);
  if (!isDeviceId(username)) throw new LoginRefused('auth_unknown_device', null);
  // [MQTT-3.1.4-2] takeover goes by client id: a device may only ever use its own id as client id
  if (client.id !== username) {
    throw new BrokerError('BRK_ERR_CLIENT_ID', `device ${username}`, CONNACK.IDENTIFIER_REJECTED);
  }

  const secret = password.toString('utf8');
  let device;
  try {
    device = await ctx.devices.findForAuth(username);
  } catch (err) {
    // a pendant let in before is not locked out by a database outage: its next alarm depends on it
    if (ctx.cache.matchesLastKnown(username, secret)) {
      ctx.log.warn({ err, deviceId: username }, 'device directory unavailable: admitted on the secret verified before');
      admitDevice(ctx, client, state, username, null);
      return 'cache_fallback';
    }
    ctx.log.error({ err, deviceId: username }, 'device directory lookup failed');
    throw new BrokerError('BRK_ERR_AUTH_BACKEND', undefined, CONNACK.SERVER_UNAVAILABLE);
  }
  const allowed = device !== null && mayConnect(device, ctx.config.auth.allowTestStock);
  if (device && allowed && ctx.cache.matches(device.id, device.secretHash, secret)) {
    admitDevice(ctx, client, state, device.id, device.secretHash);
    return 'cache';
  }
  if (device === null) return refuseAfterDelay(ctx, new LoginRefused('auth_unknown_device', username));
  if (!allowed) return refuseAfterDelay(ctx, new LoginRefused('auth_device_not_allowed', username));
  const slow = ctx.devices.isSlowHash(device.secretHash);
  const check = slow ? await verifySlow(ctx, state, device.secretHash, secret) : await ctx.devices.verifySecret(device.secretHash, secret);
  if (!check.ok) return refuseAfterDelay(ctx, new LoginRefused('auth_failed', username));
  const secretHash = check.upgrade ? await upgradeHash(ctx, device.id, device.secretHash, check.upgrade) : device.secretHash;
  ctx.cache.remember(device.id, secretHash, secret);
  ctx.throttle.forget(`id:${device.id}`);
  admitDevice(ctx, client, state, device.id, secretHash);
  return slow ? 'verified_legacy' : 'verified';
}

/**
 * Guessing is slowed down without holding up anybody else (pendants share carrier-NAT addresses by the
 * thousand): a secret is checked first, and only a *wrong* login waits before its refusal, as long as
 * the recent failures of that device id (or service) say. A correct login is answered at once, whatever
 * failed before it from the same address. Checking first is affordable because a keyed hash costs
 * microseconds; the slow argon2id hashes from before have their own per-address budget (`verifySlow`).
 */
async function refuseAfterDelay(ctx: BrokerContext, refusal: LoginRefused): Promise<never> {
  await pause(refusal.principal ? ctx.throttle.delayFor(`id:${refusal.principal}`) : 0);
  throw refusal;
}

/**
 * An argon2id check (a pendant not logged in since keyed hashes came): milliseconds of CPU on the libuv
 * pool, so bounded by the verify queue, and per address by a budget of failed checks
 * (BROKER_AUTH_ADDRESS_SLOW_FAILURES a minute) that successful ones do not spend: only an address that
 * keeps failing slow checks waits before its next one. Each successful check upgrades the hash, so this
 * path disappears as the fleet logs in.
 */
async function verifySlow(ctx: BrokerContext, state: ClientState, secretHash: string, secret: string) {
  const key = `slow:${state.address}`;
  await pause(ctx.throttle.delayFor(key, ctx.config.auth.addressSlowFailures));
  const check = await ctx.verifyQueue.run(async () => ctx.devices.verifySecret(secretHash, secret));
  if (!check.ok) ctx.throttle.recordFailure(key);
  return check;
}

function pause(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}

/** Stores the newer form of a verified secret; on failure the old hash stays valid and the next login tries again. */
async function upgradeHash(ctx: BrokerContext, id: string, from: string, to: string): Promise<string> {
  try {
    return (await ctx.devices.upgradeSecretHash(id, from, to)) ? to : from;
  } catch (err) {
    ctx.log.warn({ err, deviceId: id }, 'device secret hash not upgraded; the old one stays valid');
    return from;
  }
}

async function loginService(
  ctx: BrokerContext,
  client: Client,
  state: ClientState,
  service: ServiceClient,
  username: string,
  password: Buffer,
): Promise<Outcome> {
  if (client.id !== username && !client.id.startsWith(`${username}:`)) {
    throw new BrokerError('BRK_ERR_CLIENT_ID', `service ${username}`, CONNACK.IDENTIFIER_REJECTED);
  }
  // by name, not address: a service shares its host with whatever else fails to log in from there
  if (!ctx.services.verify(service, password)) return refuseAfterDelay(ctx, new LoginRefused('auth_failed', username));
  ctx.throttle.forget(`id:${username}`);
  state.service = service;
  coalesceDeliveries(client);
  // logged at most every 10 s per service connection (kept here: pendants' state carries no such field)
  let loggedAt = 0;
  shedQos0WhenBacklogged(client, ctx.config.qos0BacklogMaxBytes, (topic) => {
    ctx.metrics.qos0Shed(channelLabel(topic)).inc();
    const now = Date.now();
    if (now - loggedAt < 10_000) return;
    loggedAt = now;
    ctx.log.warn({ code: 'BRK_ERR_SUBSCRIBER_BACKLOG', service, clientId: client.id, topic }, 'service subscriber is behind: QoS 0 deliveries to it are shed');
  });
  return 'service';
}

/** A second connection with the id of a connected device replaces it: a possible cloned pendant. */
function admitDevice(ctx: BrokerContext, client: Client, state: ClientState, deviceId: string, secretHash: string | null): void {
  state.deviceId = deviceId;
  state.secretHash = secretHash;
  if (client.closed) return; // gone while authenticating: aedes will not register it, nothing is taken over
  const previous = localClient(internals(client).broker, deviceId);
  if (previous && previous !== client && !previous.closed) {
    const previousState = stateOf(previous);
    if (previousState) previousState.closeReason = 'takeover';
    ctx.metrics.takeovers.inc();
    ctx.log.warn(
      { event: 'security.takeover', deviceId, address: state.address, previousAddress: previousState?.address ?? null },
      'second connection for a connected device id took over (possible cloned pendant)',
    );
  }
}

function refuse(ctx: BrokerContext, state: ClientState, err: unknown): AuthenticateError {
  if (err instanceof LoginRefused) {
    const idFailures = err.principal ? ctx.throttle.recordFailure(`id:${err.principal}`) : null;
    ctx.metrics.refused(err.reason).inc();
    ctx.log.warn(
      { event: 'security.login_refused', reason: err.reason, username: err.principal, address: state.address, idFailures },
      'login refused',
    );
    return refusal('BRK_ERR_NOT_AUTHORIZED', CONNACK.NOT_AUTHORIZED);
  }
  if (isBrokerError(err)) {
    ctx.metrics.refused(err.code === 'BRK_ERR_CLIENT_ID' ? 'auth_client_id' : err.code === 'BRK_ERR_AUTH_BUSY' ? 'auth_busy' : 'auth_backend').inc();
    ctx.log.warn({ event: 'security.login_refused', code: err.code, address: state.address }, err.message);
    return err as BrokerError & AuthenticateError;
  }
  ctx.log.error({ err, address: state.address }, 'authentication failed unexpectedly');
  ctx.metrics.refused('auth_backend').inc();
  return refusal('BRK_ERR_AUTH_BACKEND', CONNACK.SERVER_UNAVAILABLE);
}

function refusal(code: 'BRK_ERR_NOT_AUTHORIZED' | 'BRK_ERR_AUTH_BACKEND', returnCode: number): AuthenticateError {
  return new BrokerError(code, undefined, returnCode) as BrokerError & AuthenticateError;
}
