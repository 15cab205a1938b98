import type { DashboardConfig } from './config.js';
import { buildApp, type DashboardDeps } from './app.js';

export interface RunningDashboard {
  /** `http://host:port` */
  readonly address: string;
  stop(): Promise<void>;
}

/** Builds the app and listens on `config.http`. `stop()` closes the server (open live feeds included). */
export async function start(config: DashboardConfig, deps: DashboardDeps): Promise<RunningDashboard> {
  const app = await buildApp(config, deps);
  const address = await app.listen({ host: config.http.host, port: config.http.port });
  app.log.info({ address, dispatch: deps.dispatch !== undefined, staticDir: config.staticDir }, 'dashboard started');
  let stopping: Promise<void> | null = null;
  return { address, stop: () => (stopping ??= app.close()) };
}
