import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { DEFAULT_STATIC_DIR } from './config.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds the SPA (`vite build` into dashboard/dist) when `staticDir` has no index.html yet; for `npm start`
 * in a fresh checkout. Needs the dashboard's devDependencies (vite); an image built for production runs
 * `npm run build -w dashboard` at image build time instead, and this finds the build there.
 */
export async function ensureBuilt(logger: Logger, staticDir: string = DEFAULT_STATIC_DIR): Promise<void> {
  if (existsSync(path.join(staticDir, 'index.html'))) return;
  if (path.resolve(staticDir) !== DEFAULT_STATIC_DIR) throw new Error(`no index.html in ${staticDir}`);
  logger.info({ staticDir }, 'building the dashboard (first start)');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ root: PACKAGE_DIR, configFile: path.join(PACKAGE_DIR, 'vite.config.ts'), logLevel: 'warn' });
  logger.info({ ms: Date.now() - started }, 'dashboard built');
}
