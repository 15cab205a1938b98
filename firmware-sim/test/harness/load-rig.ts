/**
 * TEST HARNESS: a one-command rig for `sim load` on this machine, until bench/ has its own.
 *
 *   npx tsx firmware-sim/test/harness/load-rig.ts aware     [load flags...]   our broker, real credentials
 *   npx tsx firmware-sim/test/harness/load-rig.ts mosquitto [load flags...]   reference: private Mosquitto
 *
 * `aware`: an embedded PostgreSQL (throw-away), migrations, `sim provision --count N` (N from
 * --devices), our broker as its own process, the test responder as the sim-admin service (the
 * stand-in for dispatch), then `sim load --credentials ...` as its own process(es).
 * `mosquitto`: Mosquitto with TCP_NODELAY on a free port, the responder, `sim load` with made-up ids.
 * Everything it started is stopped at the end; the load report goes to stdout.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { startEmbeddedPostgres } from '@aware/db';
import { ADMIN_URL_ENV, createTestDatabase } from '@aware/db/testing';
import { startAwareBroker } from './aware-broker.js';
import { startMosquitto } from './mosquitto.js';
import { startResponder } from './responder.js';

const SIM = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const [target, ...loadArgs] = process.argv.slice(2);
const devicesAt = loadArgs.indexOf('--devices');
const devices = devicesAt >= 0 ? Number(loadArgs[devicesAt + 1]) : NaN;
if ((target !== 'aware' && target !== 'mosquitto') || !Number.isInteger(devices)) {
  process.stderr.write('usage: load-rig.ts aware|mosquitto --devices N [other load flags]\n');
  process.exit(2);
}

function sim(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, SIM, ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'sim-load-rig-'));
chmodSync(dir, 0o711); // the embedded PostgreSQL runs as its own user and must reach its data directory
const cleanup: (() => Promise<unknown>)[] = [];
let exitCode = 1;
try {
  if (target === 'mosquitto') {
    const mosquitto = await startMosquitto();
    cleanup.unshift(() => mosquitto.stop());
    const responder = await startResponder({ url: mosquitto.url });
    cleanup.unshift(() => responder.stop());
    process.stderr.write(`rig: Mosquitto (TCP_NODELAY) on ${mosquitto.url}, made-up device ids\n`);
    exitCode = await sim(['load', ...loadArgs, '--url', mosquitto.url]);
  } else {
    const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false, durable: false, logger: pino({ level: 'warn' }) });
    cleanup.unshift(() => postgres.stop());
    process.env[ADMIN_URL_ENV] = postgres.url;
    const db = await createTestDatabase();
    cleanup.unshift(() => db.close());
    const databaseUrl = db.url;
    const credentials = join(dir, 'credentials.json');
    process.stderr.write(`rig: provisioning ${devices} test pendants\n`);
    if ((await sim(['provision', '--count', String(devices), '--prefix', 'load', '--credentials', credentials], { DATABASE_URL: databaseUrl })) !== 0) {
      throw new Error('provision failed');
    }
    const broker = await startAwareBroker(databaseUrl);
    cleanup.unshift(() => broker.stop());
    const responder = await startResponder({ url: broker.url, ...broker.admin });
    cleanup.unshift(() => responder.stop());
    process.stderr.write(`rig: our broker on ${broker.url}\n`);
    exitCode = await sim(['load', ...loadArgs, '--url', broker.url, '--credentials', credentials]);
  }
} catch (err) {
  process.stderr.write(`rig: ${String((err as Error)?.message ?? err)}\n`);
} finally {
  for (const stop of cleanup) await stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
