import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario } from '../src/scenario/load-file.js';
import { runScenario } from '../src/scenario/runner.js';
import { startTestBroker, type TestBroker } from './harness/test-broker.js';
import type { Responder } from './harness/responder.js';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));

let broker: TestBroker;
let responder: Responder | null = null;

beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(async () => {
  await broker.stop();
});
afterEach(async () => {
  await responder?.stop();
  responder = null;
});

async function credentials(count: number) {
  return Promise.all(Array.from({ length: count }, () => broker.device()));
}

describe('scenario runner against a real broker', () => {
  it('passes the shipped smoke scenario: a press is confirmed, also one made during a network loss', async () => {
    responder = await broker.responder();
    const lines: string[] = [];
    const result = await runScenario(await loadScenarioFile(scenarioFile('smoke.yaml')), {
      url: broker.url,
      credentials: await credentials(1),
      log: (line) => lines.push(line),
    });
    expect(result, lines.join('\n')).toMatchObject({ ok: true });
    expect(lines.filter((l) => l.includes(' ok '))).toHaveLength(8);
    expect(lines.join('\n')).toMatch(/while-offline.*offline: kept for later/);
  });

  it('fails the shipped wrong expectation at the step that did not hold, saying why', async () => {
    responder = await broker.responder();
    const result = await runScenario(await loadScenarioFile(scenarioFile('fails-on-purpose.yaml')), {
      url: broker.url,
      credentials: await credentials(1),
    });
    expect(result).toEqual({
      ok: false,
      step: 3,
      description: 'expect-command locate within 500 ms',
      code: 'SIM_ERR_EXPECTATION_FAILED',
      message: 'pendant wearer received no "locate" command within 500 ms (commands received: alarm_received)',
    });
  });

  it('fails a confirmation that comes later than the scenario allows', async () => {
    responder = await broker.responder({ delayMs: 400 });
    const scenario = parseScenario(
      { name: 'too strict', pendants: [{ name: 'a' }], steps: ['connect', { press: 'a', as: 'p1' }, { 'expect-confirmed': 'p1', within: '150ms' }] },
      'inline',
    );
    const result = await runScenario(scenario, { url: broker.url, credentials: await credentials(1) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^press "p1" \(alarm [\w-]+, pendant a\) was not confirmed within 150 ms: no alarm_received for it after 1 sends \(pendant online\)$/);
  });

  it('reports a refused connection (wrong secret) as such', async () => {
    const { id } = await broker.device();
    const scenario = parseScenario({ name: 'refused', pendants: [{ name: 'a' }], steps: ['connect'] }, 'inline');
    const result = await runScenario(scenario, { url: broker.url, credentials: [{ id, secret: 'not-the-secret' }] });
    expect(result).toMatchObject({ ok: false, step: 1, code: 'SIM_ERR_CONNECT_REFUSED' });
    if (!result.ok) expect(result.message).toBe(`pendant a (device ${id}): connection refused: not authorized`);
  });
});
