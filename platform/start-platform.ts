import path from 'node:path';
import type { Logger } from 'pino';
import { createPool } from '@aware/db';
import { dbDeviceDirectory, loadConfig as loadBrokerConfig, start as startBroker } from '@aware/broker';
import { configFromEnv as loadIngestConfig, start as startIngest } from '@aware/ingest';
import { ensureBuilt, loadConfig as loadDashboardConfig, start as startDashboard } from '@aware/dashboard';
import { loadConfig as loadDispatchConfig, start as startDispatch } from '@aware/dispatch';
import type { PlatformConfig } from './config.js';
import { serviceEnv } from './config.js';
import { openDatabase } from './database.js';
import { serviceSecrets } from './service-secrets.js';
import { provisionSimDevices } from './sim-devices.js';
import { ensureDeviceSecretKeyFile } from './device-secret-key.js';

export interface RunningPlatform {
  /** What listens where, for the banner. */
  readonly listeners: Readonly<Record<string, string>>;
  readonly simCredentialsFile: string | null;
  stop(): Promise<void>;
}

/**
 * Starts every service in this one process, in dependency order: database (and migrations), broker,
 * then the services that are MQTT clients of it. `stop()` stops them in reverse order; a failure
 * while starting stops what had started before it is rethrown.
 */
export async function startPlatform(config: PlatformConfig, env: Readonly<Record<string, string | undefined>>, logger: Logger): Promise<RunningPlatform> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) {
      try {
        await s();
      } catch (err) {
        logger.error({ err }, 'stop failed');
      }
    }
  };
  try {
    const database = await openDatabase(serviceEnv(env, {}), { dataDir: config.dataDir, embeddedPort: config.embeddedPgPort, logger });
    stops.push(() => database.stop());
    // every service of this process hashes and checks pendant secrets with the same key (after the
    // database: the embedded cluster sets up the data folder's permissions first)
    const keyFile = await ensureDeviceSecretKeyFile(env, config.dataDir, logger);
    if (keyFile) process.env['DEVICE_SECRET_KEY_FILE'] = keyFile;
    const pool = createPool(database.config, { logger, applicationName: 'aware-platform' });
    stops.push(() => pool.end());

    const svcEnv = serviceEnv(env, serviceSecrets(env));
    const broker = await startBroker(loadBrokerConfig(svcEnv), { devices: dbDeviceDirectory(pool), logger });
    stops.push(() => broker.stop());

    // The services are MQTT clients of the broker above, on its TCP listener, with this run's secrets.
    const tcpAddress = broker.addresses.tcp;
    if (!tcpAddress) throw new Error('AWARE_ERR_CONFIG: the all-in-one process needs the broker TCP listener (BROKER_TCP_PORT)');
    const mqttUrl = `mqtt://${loopback(tcpAddress.host)}:${tcpAddress.port}`;
    const clientEnv = {
      ...svcEnv,
      INGEST_MQTT_URL: mqttUrl,
      INGEST_MQTT_PASSWORD: svcEnv['BROKER_INGEST_SECRET'] ?? '',
      DISPATCH_MQTT_URL: mqttUrl,
      DISPATCH_MQTT_PASSWORD: svcEnv['BROKER_DISPATCH_SECRET'] ?? '',
      DISPATCH_JOURNAL_DIR: env['DISPATCH_JOURNAL_DIR'] ?? path.join(config.dataDir, 'dispatch-journal'),
    };

    // Dispatch first: the alarm path must be up before anything else competes for the machine.
    const dispatch = await startDispatch(loadDispatchConfig(clientEnv), { pool, logger });
    stops.push(() => dispatch.stop());
    const ingest = await startIngest(loadIngestConfig(clientEnv), { pool, logger });
    stops.push(() => ingest.stop());
    // The console: one HTTP server with dispatch's live feed and alarm routes, sign-in, and the SPA
    // (built into dashboard/dist on the first start). The TOTP key lives beside the database it protects.
    await ensureBuilt(logger);
    const dashboard = await startDashboard(
      loadDashboardConfig({ AWARE_TOTP_KEY_FILE: path.join(config.dataDir, 'totp.key'), ...svcEnv }),
      { pool, logger, dispatch: dispatch.services },
    );
    stops.push(() => dashboard.stop());

    const sim = await provisionSimDevices(pool, {
      count: config.simDevices,
      region: config.simRegion,
      file: path.join(config.dataDir, 'sim-credentials.json'),
      logger,
    });

    const listeners: Record<string, string> = { database: database.description };
    const { tcp, tls, ws, metrics } = broker.addresses;
    if (tcp) listeners['mqtt'] = `mqtt://${tcp.host}:${tcp.port}`;
    if (tls) listeners['mqtt-tls'] = `mqtts://${tls.host}:${tls.port}`;
    if (ws) listeners['mqtt-ws'] = `ws://${ws.host}:${ws.port}${ws.path}`;
    if (metrics) listeners['broker-metrics'] = `http://${metrics.host}:${metrics.port}/metrics`;
    listeners['dispatch'] = dispatch.address;
    listeners['dashboard'] = dashboard.address;
    return { listeners, simCredentialsFile: sim?.file ?? null, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A wildcard listen address is reached on loopback from inside the process. */
function loopback(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
