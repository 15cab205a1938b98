import { parseBrokerUrls } from '@aware/protocol';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration } from './duration.js';
import { SimError } from './errors.js';

export const DEFAULT_URL = 'mqtt://127.0.0.1:1883';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, its errors turned into one-line SIM_ERR_USAGE. */
export function parseFlags<O extends Options>(command: string, args: string[], options: O, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals) {
      throw new SimError('SIM_ERR_USAGE', `${command}: unexpected argument "${parsed.positionals[positionals]}"`);
    }
    return parsed;
  } catch (err) {
    if (err instanceof SimError) throw err;
    const first = String((err as Error).message).split(/\.\s|\n/)[0];
    throw new SimError('SIM_ERR_USAGE', `${command}: ${first}`);
  }
}

export function requireFlag(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new SimError('SIM_ERR_USAGE', `${command}: --${name} is required`);
  return value;
}

export function intFlag(command: string, name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new SimError('SIM_ERR_USAGE', `${command}: --${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function numberFlag(command: string, name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new SimError('SIM_ERR_USAGE', `${command}: --${name} must be a number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** A duration flag; a bare number counts in seconds. Returns milliseconds. */
export function durationFlag(command: string, name: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const ms = parseDuration(value, 's');
  if (ms === undefined || ms <= 0) throw new SimError('SIM_ERR_USAGE', `${command}: --${name} must be a duration like 30, 90s, 2m, got "${value}"`);
  return ms;
}

export function urlFlag(command: string, value: string | undefined, fallback = DEFAULT_URL): string {
  const url = value ?? fallback;
  // one URL, or several comma-separated (a broker cluster: the pendant moves on to the next on reconnect)
  try {
    parseBrokerUrls(url);
  } catch {
    throw new SimError('SIM_ERR_USAGE', `${command}: --url must be mqtt://host:port (or mqtts, ws, wss), or several comma-separated, got "${url}"`);
  }
  return url;
}
