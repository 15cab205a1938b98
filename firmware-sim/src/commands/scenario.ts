import { DEFAULT_URL, parseFlags, urlFlag } from '../cli-args.js';
import { credentialsFor } from '../credentials.js';
import { SimError } from '../errors.js';
import { loadScenarioFile } from '../scenario/load-file.js';
import { runScenario } from '../scenario/runner.js';

const HELP = `usage: npm run sim -- scenario FILE [--url URL] [--credentials FILE]
Runs a JSON/YAML scenario (see firmware-sim/scenarios/). Exit 0 when every step held,
1 naming the first expectation that failed, 2 for a bad file, 3 when the broker refused.
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags('scenario', args, { url: { type: 'string' }, credentials: { type: 'string' } }, 1);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new SimError('SIM_ERR_USAGE', 'scenario: a scenario file is required (npm run sim -- scenario FILE)');
  const scenario = await loadScenarioFile(file);
  const url = urlFlag('scenario', values.url, scenario.url ?? DEFAULT_URL);
  const found = await credentialsFor(values.credentials);
  const result = await runScenario(scenario, {
    url,
    credentials: found?.credentials ?? null,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  if (!result.ok) {
    throw new SimError(result.code, `scenario "${scenario.name}" failed at step ${result.step} (${result.description}): ${result.message}`);
  }
  return 0;
}
