import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { SimError } from '../errors.js';
import { Scenario } from './schema.js';

/** Reads a scenario from JSON or YAML (by content: YAML is a superset of JSON) and validates it. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SimError('SIM_ERR_SCENARIO_UNREADABLE', `cannot read scenario file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const firstLine = String((err as Error).message).split('\n')[0];
    throw new SimError('SIM_ERR_SCENARIO_UNREADABLE', `scenario file ${path} is neither JSON nor YAML: ${firstLine}`);
  }
  return parseScenario(raw, path);
}

export function parseScenario(raw: unknown, source: string): Scenario {
  const parsed = Scenario.safeParse(raw);
  if (!parsed.success) {
    throw new SimError('SIM_ERR_SCENARIO_INVALID', `invalid scenario ${source}: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}

/** `steps[3].within: not a duration ...; pendants[0].name: ...` (at most three, on one line). */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return `${path || '(file)'}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}
