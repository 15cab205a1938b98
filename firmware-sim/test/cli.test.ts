import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../src/load/report.js';
import { runCli, startCli } from './harness/run-cli.js';
import { startTestBroker, type TestBroker } from './harness/test-broker.js';
import type { Responder } from './harness/responder.js';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));

let broker: TestBroker;
let responder: Responder;
let dir: string;

beforeAll(async () => {
  broker = await startTestBroker();
  responder = await broker.responder();
  dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
});
afterAll(async () => {
  await responder.stop();
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a credentials file with one device the broker accepts. */
async function credentialsFile(): Promise<string> {
  const path = join(dir, `credentials-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify([await broker.device()]), { mode: 0o600 });
  return path;
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0] ?? '';
}

describe('sim CLI on bad input: one line on stderr, non-zero exit', () => {
  it.concurrent('rejects an unknown flag', async () => {
    const { code, stderr } = await runCli(['pendant', '--id', 'sim-x1', '--bogus'], { cwd: dir });
    expect(code).toBe(2);
    expect(oneLine(stderr)).toMatch(/^sim: pendant: Unknown option '--bogus'.*\(SIM_ERR_USAGE\)$/);
  });

  it.concurrent('rejects a credentials file with too few devices', async () => {
    const few = await runCli(['load', '--devices', '3', '--credentials', await credentialsFile()], { cwd: dir });
    expect(few.code).toBe(2);
    expect(oneLine(few.stderr)).toMatch(/has 1 devices, 3 needed \(run: npm run sim -- provision --count 3\) \(SIM_ERR_CREDENTIALS_TOO_FEW\)$/);
  });

  it.concurrent('rejects an unknown command', async () => {
    const unknown = await runCli(['fly'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toMatch(/^sim: unknown command "fly"/);
  });

  it.concurrent('rejects an unreadable and an invalid scenario file', async () => {
    const unreadable = await runCli(['scenario', join(dir, 'nope.yaml')], { cwd: dir });
    expect(unreadable.code).toBe(2);
    expect(oneLine(unreadable.stderr)).toMatch(/^sim: cannot read scenario file .*nope\.yaml: ENOENT \(SIM_ERR_SCENARIO_UNREADABLE\)$/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\npendants: [{name: a}]\nsteps:\n  - connect\n  - press: b\n');
    const invalid = await runCli(['scenario', bad], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(oneLine(invalid.stderr)).toMatch(/^sim: invalid scenario .*bad\.yaml: steps\[1\]\.pendant: unknown pendant "b" \(pendants: a\) \(SIM_ERR_SCENARIO_INVALID\)$/);
  });

  it.concurrent('rejects credentials the broker refuses (CONNACK) with exit 3', async () => {
    const { id } = await broker.device();
    const pendant = await runCli(['pendant', '--id', id, '--secret', 'wrong-secret', '--url', broker.url], { cwd: dir });
    expect(pendant.code).toBe(3);
    expect(oneLine(pendant.stderr)).toBe(`sim: pendant ${id}: connection refused: not authorized (SIM_ERR_CONNECT_REFUSED)`);
  });
});

describe('sim CLI runs', () => {
  it('provisions test pendants, then a scenario with them: exit 0 when it holds, 1 naming the failed expectation', async () => {
    const env = { DATABASE_URL: broker.databaseUrl, DEVICE_SECRET_KEYS: process.env['DEVICE_SECRET_KEYS'] ?? '' };
    const provisioned = await runCli(['provision', '--count', '2', '--prefix', 'cli'], { cwd: dir, env });
    expect(provisioned.code, provisioned.stderr).toBe(0);
    expect(provisioned.stdout).toMatch(/^provisioned 2 test pendants \(cli-[0-9a-f]{6}-00001 … cli-[0-9a-f]{6}-00002\); 2 credentials in \.data\/sim-credentials\.json \(mode 0600\)\n$/);
    const file = join(dir, '.data/sim-credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [first, second] = JSON.parse(readFileSync(file, 'utf8')) as { id: string; secret: string }[];
    const one = (c: typeof first) => {
      const path = join(dir, `${c!.id}.json`);
      writeFileSync(path, JSON.stringify([c]));
      return path;
    };
    const [pass, fail] = await Promise.all([
      runCli(['scenario', scenarioFile('smoke.yaml'), '--url', broker.url, '--credentials', one(first)], { cwd: dir }),
      runCli(['scenario', scenarioFile('fails-on-purpose.yaml'), '--url', broker.url, '--credentials', one(second)], { cwd: dir }),
    ]);
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/passed in/);
    expect(fail.code).toBe(1);
    expect(oneLine(fail.stderr)).toMatch(/^sim: scenario "a deliberately wrong expectation" failed at step 3 \(expect-command locate within 500 ms\): pendant wearer received no "locate" command/);
  });

  it('a small load run in a worker process: progress, report, JSON for bench/', async () => {
    const devices = await Promise.all([1, 2, 3, 4, 5].map(() => broker.device()));
    const credentials = join(dir, 'load-credentials.json');
    writeFileSync(credentials, JSON.stringify(devices));
    const out = join(dir, 'load.json');
    const args = ['load', '--devices', '5', '--credentials', credentials, '--url', broker.url, '--press-rate', '4', '--duration', '2s'];
    const { code, stdout, stderr } = await runCli([...args, '--settle', '0.2s', '--ramp', '50', '--workers', '1', '--out', out], { cwd: dir, timeoutMs: 25_000 });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/connected +5 \/ 5 at the end/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as LoadReport;
    expect(report).toMatchObject({ kind: 'aware-sim-load', config: { devices: 5, idSource: 'credentials', workers: 1 }, counts: { connected: 5, refused: 0 } });
    expect(report.counts.heartbeats).toBeGreaterThanOrEqual(5);
    expect(report.counts.presses).toBeGreaterThan(0);
    expect(report.counts.confirmed).toBe(report.counts.presses);
    expect(report.latencyMs.count).toBe(report.counts.confirmed);
    expect(report.latencyMs.p99).toBeGreaterThan(0);
  }, 45_000);

  it('an interactive pendant: a key press is sent, confirmed with its latency, q quits', async () => {
    const device = await broker.device();
    const cli = startCli(['pendant', '--id', device.id, '--secret', device.secret, '--url', broker.url, '--seed', '7'], { cwd: dir });
    await cli.waitFor(/connected as /);
    cli.type('p');
    const confirmed = await cli.waitFor(/✔ alarm ([\w-]+) CONFIRMED after [\d.]+ m?s \(1 send\)/);
    expect(cli.output()).toContain(`→ alarm ${confirmed[1]} attempt 1`);
    cli.type('q');
    const { code } = await cli.exited;
    expect(code).toBe(0);
    expect(cli.output()).toMatch(/→ status offline \(retained\)/);
  });
});
