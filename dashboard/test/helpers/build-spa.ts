import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `vite build` of the SPA into a fresh temporary folder (once per browser test file). */
export async function buildSpa(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'dashboard-spa-'));
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which would give React's development build
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ mode: 'production', root: PACKAGE_DIR, configFile: path.join(PACKAGE_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}
