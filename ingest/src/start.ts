import type { IClientOptions, MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Pool } from '@aware/db';
import { PRESENCE_ROOT, PresenceEvent, decodeJson, parseTopic, type TechnicalAlarmNotice } from '@aware/protocol';
import type { IngestConfig } from './config.js';
import { subscribeToBroker } from './broker-subscription.js';
import { applyDeviceConfig } from './devices/apply-config.js';
import { loadDeviceConfigs, loadLastHeard, loadOpenTechnical } from './devices/device-config.js';
import { DeviceConfigSync } from './devices/device-config-sync.js';
import { DeviceRegistry } from './devices/device-registry.js';
import { IngestError, messageOf } from './errors.js';
import { createMetrics, type IngestMetrics } from './metrics.js';
import { BoundedQueue } from './pipeline/bounded-queue.js';
import { DeviceStateWriter } from './pipeline/device-state-writer.js';
import { Flusher } from './pipeline/flusher.js';
import { HeartbeatReceiver } from './pipeline/heartbeat-receiver.js';
import { OverloadGuard } from './pipeline/overload-guard.js';
import { PresenceWriter } from './pipeline/presence-writer.js';
import type { QueuedHeartbeat } from './pipeline/queued-heartbeat.js';
import { startRetention } from './retention.js';
import { TechnicalAlarms } from './technical/technical-alarms.js';
import { Watchdog } from './watchdog/watchdog.js';

export interface IngestDeps {
  readonly pool: Pool;
  /** Root logger; ingest logs through a child bound to `service: 'ingest'`. */
  readonly logger: Logger;
  /** Merged over the broker connection options made from the config (e.g. host and port in tests). */
  readonly mqtt?: IClientOptions;
  /** Prometheus registry to register on (the all-in-one process shares one); a new one otherwise. */
  readonly registry?: Registry;
  /** A batch's telemetry was committed (benchmarks measure broker-to-committed latency with it). */
  readonly onCommitted?: (rows: readonly QueuedHeartbeat[], committedAt: number) => void;
  /** A technical alarm was opened or cleared (after commit; NOTIFY went out in the same transaction). */
  readonly onTechnical?: (notice: TechnicalAlarmNotice) => void;
}

export interface RunningIngest {
  readonly metrics: IngestMetrics;
  /** Pendants ingest knows of, and how many the watchdog is guarding. */
  stats(): { devices: number; watched: number; queued: number };
  /** Stops receiving, writes what is queued, waits for technical alarm writes, releases connections. */
  stop(): Promise<void>;
}

/**
 * Starts ingest: rebuilds the watchdog from the database (so a restart forgets no silent pendant),
 * starts listening for device changes and retention, then subscribes to the broker.
 */
export async function start(config: IngestConfig, deps: IngestDeps): Promise<RunningIngest> {
  const log = deps.logger.child({ service: 'ingest' });
  const { pool } = deps;
  const queue = new BoundedQueue<QueuedHeartbeat>(config.queueMaxRows);
  let connected = false;
  const metrics = createMetrics(
    { queueDepth: () => queue.size, watched: () => watchdog.size, brokerConnected: () => connected },
    deps.registry,
  );
  const technical = new TechnicalAlarms(pool, metrics, log, deps.onTechnical);
  const watchdog = new Watchdog({
    multiplier: config.silentMultiplier,
    onSilent: (track) =>
      technical.open(track, 'pendant_silent', Date.now(), {
        lastHeardAt: new Date(watchdog.toWallClock(track.heardAt)).toISOString(),
        hbIntervalS: track.hbIntervalS,
        multiplier: config.silentMultiplier,
      }),
    onReturned: (track) => technical.clear(track, 'pendant_silent', Date.now(), { reason: 'heard' }),
  });
  let configSync: DeviceConfigSync | undefined;
  const devices = new DeviceRegistry((id) => configSync?.request(id));
  configSync = new DeviceConfigSync(
    pool,
    (cfg) => applyDeviceConfig(devices.configured(cfg), cfg, watchdog, technical, config, Date.now()),
    log,
  );
  const state = new DeviceStateWriter(pool, metrics, log);
  const flusher = new Flusher(
    queue,
    pool,
    state,
    { batchMaxRows: config.batchMaxRows, flushIntervalMs: config.flushIntervalMs, onCommitted: deps.onCommitted },
    metrics,
    log,
  );
  const overload = new OverloadGuard(config.shedAboveUtilization);
  const receiver = new HeartbeatReceiver({ queue, flusher, devices, watchdog, technical, metrics, thresholds: config, overload });
  const presence = new PresenceWriter(pool, config.flushIntervalMs, log);

  await configSync.start();
  try {
    const [configs, lastHeard, open] = await Promise.all([loadDeviceConfigs(pool), loadLastHeard(pool), loadOpenTechnical(pool)]);
    for (const track of devices.rebuild(configs, lastHeard, open, (ms) => watchdog.fromWallClock(ms))) watchdog.watch(track);
    log.info({ devices: devices.size, watched: watchdog.size, openTechnical: open.length }, 'watchdog rebuilt');
  } catch (err) {
    await configSync.stop();
    throw new IngestError('ING_ERR_WATCHDOG_LOAD', messageOf(err));
  }
  const retention = startRetention(pool, config.locationRetentionDays, config.retentionCheckIntervalS, log);

  const onMessage = (topic: string, payload: Buffer): void => {
    if (topic.startsWith(PRESENCE_ROOT)) {
      const event = decodeJson(PresenceEvent, payload);
      if (event.ok) presence.add(event.value);
      else metrics.invalid.inc({ reason: `presence:${event.code}` });
      return;
    }
    const parsed = parseTopic(topic);
    if (parsed.ok && parsed.channel === 'hb') receiver.receive(parsed.deviceId, payload);
    else metrics.invalid.inc({ reason: parsed.ok ? 'unexpected_channel' : parsed.code });
  };
  let client: MqttClient;
  try {
    client = await subscribeToBroker(
      config,
      deps.mqtt ?? {},
      {
        onMessage,
        onReady: () => {
          connected = true;
          watchdog.resume();
        },
        onLost: () => {
          connected = false;
          watchdog.suspend();
        },
      },
      log,
    );
  } catch (err) {
    watchdog.stop();
    overload.stop();
    await Promise.all([retention.stop(), configSync.stop()]);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    metrics,
    stats: () => ({ devices: devices.size, watched: watchdog.size, queued: queue.size }),
    stop() {
      stopping ??= (async () => {
        await client.endAsync();
        overload.stop();
        watchdog.stop();
        await Promise.all([configSync.stop(), retention.stop()]);
        await flusher.drain();
        await presence.stop();
        await technical.stop();
        connected = false;
        log.info('ingest stopped');
      })();
      return stopping;
    },
  };
}
