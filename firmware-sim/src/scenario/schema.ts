import { BatteryPercent, Command, DeviceId, LIMITS } from '@aware/protocol';
import { z } from 'zod';
import { parseDuration } from '../duration.js';
import { TOWN_NAMES } from '../model/homes.js';

/**
 * The scenario file format (JSON or YAML), local to the simulator. Payloads are never described
 * here: the pendants speak the protocol; a scenario only says what happens when.
 *
 * A step is a one-action map; its value is either the action's arguments or a shorthand for
 * its main argument, and further arguments may sit beside it:
 *
 *   - connect                       # all pendants
 *   - heartbeat: 2m                 # let them heartbeat for two minutes
 *   - press: wearer                 # `pendant` may be left out when there is one
 *     as: first
 *   - expect-confirmed: first
 *     within: 500ms
 *   - walk: 300                     # metres, at walking pace unless `speed` (m/s)
 *   - offline: 20s                  # lose the network; `background: true` goes on meanwhile
 *   - expect-command: locate
 *     within: 5s
 *   - disconnect
 *
 * Durations: "500ms", "2s", "2m", "1h", or a bare number of milliseconds.
 */

export const Duration = z
  .union([z.number().nonnegative(), z.string()])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : parseDuration(value, 'ms');
    if (ms === undefined) {
      ctx.issues.push({ code: 'custom', message: `not a duration: ${JSON.stringify(value)} (use e.g. 500ms, 2s, 2m)`, input: value });
      return z.NEVER;
    }
    return ms;
  });

const Name = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'names are 1-32 of [A-Za-z0-9_-]');
const Targets = z.union([z.literal('all'), Name, z.array(Name).min(1)]).default('all');
const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value) as [Command['type'], ...Command['type'][]];

export const PendantSpec = z
  .object({
    name: Name,
    /** Device id and secret; left out, they come from the credentials file, in order. */
    id: DeviceId.optional(),
    secret: z.string().min(1).optional(),
    hbIntervalS: z.number().int().min(LIMITS.minHeartbeatIntervalS).max(LIMITS.maxHeartbeatIntervalS).optional(),
    town: z.enum(TOWN_NAMES).optional(),
    seed: z.number().int().optional(),
    battery: BatteryPercent.optional(),
    /** GPS realism: chance of no fix / a coarse fix (0 in acceptance tests that need a fix). */
    gps: z.object({ missingRate: z.number().min(0).max(1), coarseRate: z.number().min(0).max(1) }).partial().strict().optional(),
    locIntervalS: z.number().positive().max(3600).optional(),
    trailMaxS: z.number().positive().optional(),
    trailAfterAckS: z.number().nonnegative().optional(),
  })
  .strict();
export type PendantSpec = z.infer<typeof PendantSpec>;

const pendant = Name.optional();

/** Every step kind, tagged by `do` after normalisation. */
export const Step = z.discriminatedUnion('do', [
  z.object({ do: z.literal('connect'), pendants: Targets, within: Duration.default(10_000) }).strict(),
  z.object({ do: z.literal('disconnect'), pendants: Targets }).strict(),
  z.object({ do: z.literal('wait'), for: Duration }).strict(),
  z.object({ do: z.literal('heartbeat'), pendants: Targets, for: Duration }).strict(),
  z.object({ do: z.literal('press'), pendant, as: Name.optional() }).strict(),
  z
    .object({ do: z.literal('walk'), pendant, meters: z.number().positive().max(100_000), speed: z.number().positive().max(100).optional(), background: z.boolean().default(false) })
    .strict(),
  z.object({ do: z.literal('offline'), pendant, for: Duration, background: z.boolean().default(false) }).strict(),
  z.object({ do: z.literal('battery'), pendant, percent: BatteryPercent, charging: z.boolean().optional() }).strict(),
  z.object({ do: z.literal('expect-confirmed'), press: Name.optional(), pendant, within: Duration }).strict(),
  z.object({ do: z.literal('expect-command'), type: z.enum(COMMAND_TYPES), pendant, within: Duration }).strict(),
]);
export type Step = z.infer<typeof Step>;
export type StepKind = Step['do'];

/** Which argument a scalar step value fills (`press: wearer` is `press: {pendant: wearer}`). */
const SHORTHAND: Readonly<Record<StepKind, string>> = {
  connect: 'pendants',
  disconnect: 'pendants',
  wait: 'for',
  heartbeat: 'for',
  press: 'pendant',
  walk: 'meters',
  offline: 'for',
  battery: 'percent',
  'expect-confirmed': 'press',
  'expect-command': 'type',
};
export const STEP_KINDS = Object.keys(SHORTHAND) as StepKind[];

/** Steps that act on one pendant, which may be left out when the scenario has only one. */
const SINGLE_PENDANT_STEPS = new Set<StepKind>(['press', 'walk', 'offline', 'battery', 'expect-confirmed', 'expect-command']);

/** `- press: a` / `- press` / `- press: {pendant: a}` / `- press: a\n  as: x` to `{do: 'press', ...}`. */
const StepInput = z.unknown().transform((raw, ctx): unknown => {
  if (typeof raw === 'string') raw = { [raw]: null };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    ctx.issues.push({ code: 'custom', message: 'a step is an action name or a map with one action', input: raw });
    return z.NEVER;
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const actions = entries.filter(([key]) => key in SHORTHAND);
  if (actions.length !== 1) {
    const keys = entries.map(([k]) => k).join(', ') || 'nothing';
    const message =
      actions.length === 0 ? `unknown step (${keys}); steps are: ${STEP_KINDS.join(', ')}` : `a step has one action, found ${actions.map(([k]) => k).join(' and ')}`;
    ctx.issues.push({ code: 'custom', message, input: raw });
    return z.NEVER;
  }
  const [kind, value] = actions[0] as [StepKind, unknown];
  const rest = Object.fromEntries(entries.filter(([key]) => key !== kind));
  const args = value === null || value === undefined ? {} : typeof value === 'object' && !Array.isArray(value) ? value : { [SHORTHAND[kind]]: value };
  return { do: kind, ...args, ...rest };
});

export const Scenario = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** Broker URL; `--url` overrides it. */
    url: z.string().regex(/^(mqtts?|wss?|tcp):\/\//, 'url must be mqtt://, mqtts://, ws:// or wss://').optional(),
    pendants: z.array(PendantSpec).min(1).max(10_000),
    steps: z.array(StepInput.pipe(Step)).min(1),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const names = scenario.pendants.map((p) => p.name);
    const known = new Set(names);
    if (known.size !== names.length) ctx.addIssue({ code: 'custom', path: ['pendants'], message: 'pendant names must be unique' });
    const labels = new Set<string>();
    scenario.steps.forEach((step, i) => {
      const at = (field: string) => ['steps', i, field];
      const targets = 'pendants' in step ? (step.pendants === 'all' ? [] : [step.pendants].flat()) : [];
      const single = SINGLE_PENDANT_STEPS.has(step.do) && 'pendant' in step ? step.pendant : undefined;
      for (const name of [...targets, ...(single ? [single] : [])]) {
        if (!known.has(name)) ctx.addIssue({ code: 'custom', path: at('pendant'), message: `unknown pendant "${name}" (pendants: ${names.join(', ')})` });
      }
      if (SINGLE_PENDANT_STEPS.has(step.do) && !single && names.length > 1 && !(step.do === 'expect-confirmed' && step.press)) {
        ctx.addIssue({ code: 'custom', path: at('pendant'), message: `name the pendant: the scenario has ${names.length}` });
      }
      if (step.do === 'press' && step.as) {
        if (labels.has(step.as)) ctx.addIssue({ code: 'custom', path: at('as'), message: `press label "${step.as}" is used twice` });
        labels.add(step.as);
      }
      if (step.do === 'expect-confirmed' && step.press && !labels.has(step.press)) {
        ctx.addIssue({ code: 'custom', path: at('press'), message: `no earlier press is labelled "${step.press}" (label one with \`as: ${step.press}\`)` });
      }
    });
  });
export type Scenario = z.infer<typeof Scenario>;
