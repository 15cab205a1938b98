import { performance } from 'node:perf_hooks';
import type { Credential } from '../credentials.js';
import { formatMs } from '../duration.js';
import type { SimErrorCode } from '../errors.js';
import { castPendants } from './cast.js';
import { describeStep } from './describe-step.js';
import type { Scenario } from './schema.js';
import { StepFailure, runStep, type StepContext } from './steps.js';

export interface RunOptions {
  url: string;
  credentials: Credential[] | null;
  /** Where progress lines go (the CLI prints them; tests collect them). */
  log?: (line: string) => void;
}

export type ScenarioResult =
  | { ok: true; durationMs: number }
  | { ok: false; step: number; description: string; code: SimErrorCode; message: string };

/**
 * Runs the steps in order and stops at the first that does not hold. Every pendant is powered
 * off cleanly at the end, whatever happened.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const ctx: StepContext = { actors: castPendants(scenario.pendants, options), labels: new Map(), timers: new Set() };
  const started = performance.now();
  const total = scenario.steps.length;
  log(`scenario "${scenario.name}": ${scenario.pendants.length} pendant(s), ${total} steps, broker ${options.url}`);
  try {
    for (const [i, step] of scenario.steps.entries()) {
      const description = describeStep(step);
      const stepStart = performance.now();
      try {
        const detail = await runStep(step, ctx);
        log(`  ok   ${i + 1}/${total} ${description}${detail ? `: ${detail}` : ''} (${formatMs(performance.now() - stepStart)})`);
      } catch (err) {
        if (!(err instanceof StepFailure)) throw err;
        log(`  FAIL ${i + 1}/${total} ${description}: ${err.message}`);
        return { ok: false, step: i + 1, description, code: err.code, message: err.message };
      }
    }
    const durationMs = performance.now() - started;
    log(`scenario "${scenario.name}" passed in ${formatMs(durationMs)}`);
    return { ok: true, durationMs };
  } finally {
    for (const timer of ctx.timers) clearTimeout(timer);
    await Promise.all([...ctx.actors.values()].map((a) => a.pendant.stop()));
  }
}
