import type { z } from 'zod';
import type { CompiledCheck } from './compiled-check.js';

/** In the browser (the dashboard's bundle) payloads are checked by zod alone: no Ajv, no code generation. */
export function compiledCheck(_schema: z.ZodType): CompiledCheck | undefined {
  return undefined;
}

export function isPrepared(_schema: z.ZodType): boolean {
  return true;
}
