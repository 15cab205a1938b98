import { byteLength } from './decode.js';
import { LIMITS } from './limits.js';
import { AlarmPress } from './uplink.js';

/** The fields of a press that could be read on their own, each valid by the press schema. */
export type SalvagedPress = Partial<AlarmPress>;

const FIELDS = ['alarmId', 'ts', 'fix', 'battery', 'attempt'] as const;

/**
 * What can still be read from a press that failed validation (`parseUplink('alarm', ...)` said no):
 * each field of `AlarmPress` that is present and valid by itself, checked with the press schema's own
 * field schema. A firmware that sends `ts` as an ISO string still has its alarm id, fix and battery
 * read. Null when the payload is not a JSON object within the size limit (nothing can be trusted).
 */
export function salvageAlarmPress(payload: Uint8Array | string): SalvagedPress | null {
  if (byteLength(payload) > LIMITS.maxPayloadBytes) return null;
  let json: unknown;
  try {
    json = JSON.parse(typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const source = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    if (!(field in source)) continue;
    const parsed = AlarmPress.shape[field].safeParse(source[field]);
    if (parsed.success && parsed.data !== undefined) out[field] = parsed.data;
  }
  return out as SalvagedPress;
}
