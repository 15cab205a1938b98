import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatMs } from '../duration.js';
import { SimError, type SimErrorCode } from '../errors.js';
import type { Actor } from './cast.js';
import type { Step } from './schema.js';

/** A step that did not hold: the runner stops and reports it. */
export class StepFailure extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface StepContext {
  actors: Map<string, Actor>;
  labels: Map<string, { actor: Actor; alarmId: string }>;
  /** Background work (network coming back) to cancel when the scenario ends. */
  timers: Set<NodeJS.Timeout>;
}

const POLL_MS = 5;

/** Runs one step; resolves with a short detail for the log line, or throws StepFailure. */
export async function runStep(step: Step, ctx: StepContext): Promise<string> {
  switch (step.do) {
    case 'connect':
      return connect(actorsOf(ctx, step.pendants), step.within);
    case 'disconnect':
      await Promise.all(actorsOf(ctx, step.pendants).map((a) => a.pendant.stop()));
      return '';
    case 'wait':
      await sleep(step.for);
      return '';
    case 'heartbeat':
      return heartbeat(actorsOf(ctx, step.pendants), step.for);
    case 'press': {
      const actor = actorOf(ctx, step.pendant);
      const online = actor.pendant.connected;
      const alarmId = actor.pendant.press();
      if (step.as) ctx.labels.set(step.as, { actor, alarmId });
      return `alarm ${alarmId}${online ? '' : ' (offline: kept for later)'}`;
    }
    case 'walk': {
      const ms = actorOf(ctx, step.pendant).pendant.walk(step.meters, step.speed);
      if (!step.background) await sleep(ms);
      return `${formatMs(ms)} on foot`;
    }
    case 'offline': {
      const { pendant } = actorOf(ctx, step.pendant);
      pendant.setNetwork(false);
      if (step.background) {
        const timer = setTimeout(() => {
          ctx.timers.delete(timer);
          pendant.setNetwork(true);
        }, step.for);
        ctx.timers.add(timer);
        return '';
      }
      await sleep(step.for);
      pendant.setNetwork(true);
      return '';
    }
    case 'battery': {
      const { pendant } = actorOf(ctx, step.pendant);
      pendant.setBattery(step.percent, step.charging);
      return '';
    }
    case 'expect-confirmed':
      return expectConfirmed(ctx, step);
    case 'expect-command':
      return expectCommand(actorOf(ctx, step.pendant), step.type, step.within);
  }
}

async function connect(actors: Actor[], withinMs: number): Promise<string> {
  for (const actor of actors) {
    if (!actor.started) actor.pendant.start();
    actor.started = true;
  }
  const deadline = performance.now() + withinMs;
  for (;;) {
    const refused = actors.find((a) => a.refused);
    if (refused) {
      throw new StepFailure('SIM_ERR_CONNECT_REFUSED', `pendant ${refused.name} (device ${refused.pendant.id}): ${refused.refused}`);
    }
    if (actors.every((a) => a.pendant.connected)) return '';
    if (performance.now() > deadline) {
      const late = actors.find((a) => !a.pendant.connected) as Actor;
      const why = late.lastError ? ` (last error: ${late.lastError})` : '';
      throw new StepFailure('SIM_ERR_CONNECT_TIMEOUT', `pendant ${late.name} (device ${late.pendant.id}) did not connect within ${formatMs(withinMs)}${why}`);
    }
    await sleep(POLL_MS);
  }
}

async function heartbeat(actors: Actor[], forMs: number): Promise<string> {
  const before = actors.map((a) => a.pendant.stats.heartbeats);
  await sleep(forMs);
  const counts = actors.map((a, i) => a.pendant.stats.heartbeats - (before[i] ?? 0));
  actors.forEach((actor, i) => {
    const intervalMs = actor.pendant.hbIntervalS * 1000;
    const expected = Math.max(forMs >= intervalMs ? 1 : 0, Math.floor(forMs / intervalMs) - 1);
    const sent = counts[i] ?? 0;
    if (sent < expected) {
      const state = actor.pendant.connected ? 'online' : 'offline';
      throw new StepFailure(
        'SIM_ERR_EXPECTATION_FAILED',
        `pendant ${actor.name} sent ${sent} heartbeats in ${formatMs(forMs)}, expected at least ${expected} at one per ${formatMs(intervalMs)} (it is ${state})`,
      );
    }
  });
  return `${counts.reduce((a, b) => a + b, 0)} heartbeats`;
}

async function expectConfirmed(ctx: StepContext, step: Extract<Step, { do: 'expect-confirmed' }>): Promise<string> {
  const target = step.press ? ctx.labels.get(step.press) : latestPress(actorOf(ctx, step.pendant));
  if (!target) throw new StepFailure('SIM_ERR_EXPECTATION_FAILED', 'there is no press to expect a confirmation for');
  const { actor, alarmId } = target;
  const name = step.press ? `press "${step.press}"` : 'the latest press';
  const deadline = (actor.pressedAt.get(alarmId) ?? performance.now()) + step.within;
  while (!actor.confirmed.has(alarmId) && performance.now() <= deadline) await sleep(POLL_MS);
  const latency = actor.confirmed.get(alarmId);
  if (latency === undefined) {
    const press = actor.pendant.snapshot().presses.find((p) => p.alarmId === alarmId);
    const state = actor.pendant.connected ? 'online' : 'offline';
    throw new StepFailure(
      'SIM_ERR_EXPECTATION_FAILED',
      `${name} (alarm ${alarmId}, pendant ${actor.name}) was not confirmed within ${formatMs(step.within)}: no alarm_received for it after ${press?.attempts ?? 0} sends (pendant ${state})`,
    );
  }
  if (latency > step.within) {
    throw new StepFailure('SIM_ERR_EXPECTATION_FAILED', `${name} (alarm ${alarmId}, pendant ${actor.name}) was confirmed after ${formatMs(latency)}, expected within ${formatMs(step.within)}`);
  }
  return `confirmed after ${formatMs(latency)}`;
}

async function expectCommand(actor: Actor, type: string, withinMs: number): Promise<string> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const index = actor.commands.findIndex((c, i) => c.command.type === type && !actor.consumed.has(i));
    if (index >= 0) {
      actor.consumed.add(index);
      return `${type} received`;
    }
    if (performance.now() > deadline) {
      const seen = actor.commands.map((c) => c.command.type).join(', ') || 'none';
      throw new StepFailure('SIM_ERR_EXPECTATION_FAILED', `pendant ${actor.name} received no "${type}" command within ${formatMs(withinMs)} (commands received: ${seen})`);
    }
    await sleep(POLL_MS);
  }
}

function latestPress(actor: Actor): { actor: Actor; alarmId: string } | undefined {
  const alarmId = actor.presses.at(-1);
  return alarmId ? { actor, alarmId } : undefined;
}

function actorsOf(ctx: StepContext, targets: string | string[]): Actor[] {
  if (targets === 'all') return [...ctx.actors.values()];
  return [targets].flat().map((name) => actorOf(ctx, name));
}

/** The named pendant, or the only one (the schema already checked the name). */
function actorOf(ctx: StepContext, name: string | undefined): Actor {
  const actor = name ? ctx.actors.get(name) : ctx.actors.size === 1 ? [...ctx.actors.values()][0] : undefined;
  if (!actor) throw new SimError('SIM_ERR_SCENARIO_INVALID', `unknown pendant "${name ?? ''}"`);
  return actor;
}
