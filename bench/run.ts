/**
 * `npm run bench -- <name> [args]`: runs `bench/<name>/run.ts` in its own process (benchmarks start
 * brokers, databases and load generators, and must not share an event loop with this launcher).
 * Without a name it lists the benchmarks.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeviceSecretKeys } from '@aware/db';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(here, d.name, 'run.ts')))
  .map((d) => d.name);

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`${name ? `unknown benchmark "${name}". ` : ''}usage: npm run bench -- <${available.join('|')}> [args]\n`);
  process.exit(name ? 2 : 0);
}
// one pendant-secret key for the whole run (every broker and provisioning step inherits it), unless given
const env = { ...process.env, DEVICE_SECRET_KEYS: process.env['DEVICE_SECRET_KEYS'] || DeviceSecretKeys.generate() };
const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, name, 'run.ts'), ...args], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
