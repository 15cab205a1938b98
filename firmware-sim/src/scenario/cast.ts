import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Command } from '@aware/protocol';
import type { Credential } from '../credentials.js';
import { SimError } from '../errors.js';
import { Pendant } from '../pendant.js';
import type { PendantSpec } from './schema.js';

/** A scenario's pendant and what the runner observed of it. */
export interface Actor {
  name: string;
  pendant: Pendant;
  started: boolean;
  /** Commands received, in order; `expect-command` consumes them front to back. */
  commands: { command: Command; at: number }[];
  consumed: Set<number>;
  /** Set when the broker refused the pendant's credentials. */
  refused: string | null;
  /** Presses in order (latest last), when each happened, and the latency of each confirmed one. */
  presses: string[];
  pressedAt: Map<string, number>;
  confirmed: Map<string, number>;
  lastError: string | null;
}

export interface CastOptions {
  url: string;
  credentials: Credential[] | null;
}

/**
 * Creates the pendants of a scenario (not yet connected). Device id and secret come from the
 * spec, else from the credentials file in order, else are made up: `sim-<name>-<random>`, which
 * only an anonymous broker (Mosquitto in development) accepts.
 */
export function castPendants(specs: PendantSpec[], options: CastOptions): Map<string, Actor> {
  const pool = [...(options.credentials ?? [])];
  const actors = new Map<string, Actor>();
  for (const spec of specs) {
    const credential = spec.id ? { id: spec.id, secret: spec.secret ?? pool.find((c) => c.id === spec.id)?.secret } : pool.shift();
    if (options.credentials && (!credential || !credential.secret)) {
      throw new SimError('SIM_ERR_CREDENTIALS_TOO_FEW', `no credentials for pendant "${spec.name}" in the credentials file`);
    }
    const id = credential?.id ?? `sim-${spec.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${randomBytes(3).toString('hex')}`.slice(0, 32);
    const pendant = new Pendant({
      id,
      secret: credential?.secret ?? 'anonymous',
      url: options.url,
      hbIntervalS: spec.hbIntervalS,
      town: spec.town,
      seed: spec.seed,
      gps: spec.gps,
      battery: spec.battery === undefined ? undefined : { percent: spec.battery, charging: false },
      locIntervalS: spec.locIntervalS,
      trailMaxS: spec.trailMaxS,
      trailAfterAckS: spec.trailAfterAckS,
    });
    const actor: Actor = {
      name: spec.name,
      pendant,
      started: false,
      commands: [],
      consumed: new Set(),
      refused: null,
      presses: [],
      pressedAt: new Map(),
      confirmed: new Map(),
      lastError: null,
    };
    pendant.on('command', (command) => actor.commands.push({ command, at: performance.now() }));
    pendant.on('refused', (info) => (actor.refused = info.message));
    pendant.on('connectError', (info) => (actor.lastError = info.message));
    pendant.on('pressed', (info) => {
      actor.presses.push(info.alarmId);
      actor.pressedAt.set(info.alarmId, performance.now());
    });
    pendant.on('confirmed', (info) => actor.confirmed.set(info.alarmId, info.latencyMs));
    actors.set(spec.name, actor);
  }
  return actors;
}
