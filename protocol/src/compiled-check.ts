import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';

/**
 * A compiled yes/no check derived from a zod schema (zod stays the one definition): the schema's JSON
 * Schema, compiled by Ajv, which is several times cheaper than zod's parse for the payloads every
 * heartbeat passes through (broker, ingest). Only for schemas where a "yes" is exactly zod's "yes" and
 * zod's output is the parsed JSON itself (see `exactlyRepresentable`); for any other schema, `undefined`,
 * and callers use zod. A "no" never stands alone: the caller asks zod again, for its messages.
 */
export type CompiledCheck = (value: unknown) => boolean;

const ajv = new Ajv({
  // zod tests its RegExps without the `u` flag: so do these (both count string length in code points)
  unicodeRegExp: false,
  allErrors: false,
  strict: true,
});
const compiled = new WeakMap<z.ZodType, CompiledCheck | null>();

export function compiledCheck(schema: z.ZodType): CompiledCheck | undefined {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema);
    compiled.set(schema, check);
  }
  return check ?? undefined;
}

/** Whether `schema`'s check has been made already (the wire payloads' are made when protocol/ loads). */
export function isPrepared(schema: z.ZodType): boolean {
  return compiled.has(schema);
}

function compile(schema: z.ZodType): CompiledCheck | null {
  if (!exactlyRepresentable(schema)) return null;
  try {
    const validate: ValidateFunction = ajv.compile(z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'throw' }));
    return (value) => validate(value) as boolean;
  } catch {
    // e.g. code generation refused by a Content-Security-Policy: zod alone then
    return null;
  }
}

interface Def {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Where JSON Schema and zod agree to the value: strict objects (no unknown keys, no defaults), strings
 * with lengths and flag-less RegExps, numbers bounded on both sides (JSON can overflow to Infinity, and
 * zod's `int()` is a safe integer: bounds keep both the same), booleans, enums, literals, arrays and
 * optional properties. Anything else (defaults, transforms, refinements, coercion, unions, formats)
 * is left to zod.
 */
export function exactlyRepresentable(schema: z.ZodType, optionalAllowed = false): boolean {
  const def = defOf(schema);
  if (def.coerce) return false;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'object':
      return (
        checks.length === 0 &&
        def.catchall !== undefined &&
        defOf(def.catchall).type === 'never' &&
        Object.values(def.shape ?? {}).every((property) => exactlyRepresentable(property, true))
      );
    case 'optional':
      return optionalAllowed && def.innerType !== undefined && exactlyRepresentable(def.innerType);
    case 'string':
      return checks.every(
        (c) =>
          c.check === 'min_length' ||
          c.check === 'max_length' ||
          c.check === 'length_equals' ||
          (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp && c.pattern.flags === ''),
      );
    case 'number': {
      // explicit bounds on both sides: zod's `int()` alone also reports ±(2^53 - 1) as min/max values
      const ok = checks.every((c) => c.check === 'greater_than' || c.check === 'less_than' || (c.check === 'number_format' && c.format === 'safeint'));
      return ok && checks.some((c) => c.check === 'greater_than') && checks.some((c) => c.check === 'less_than') && boundedSafely(schema);
    }
    case 'array':
      return checks.every((c) => c.check === 'min_length' || c.check === 'max_length' || c.check === 'length_equals') && def.element !== undefined && exactlyRepresentable(def.element);
    case 'boolean':
    case 'enum':
    case 'literal':
      return checks.length === 0;
    default:
      return false;
  }
}

/** Both bounds within ±(2^53 - 1): no Infinity passes, and `integer` in JSON Schema is zod's safe integer. */
function boundedSafely(schema: z.ZodType): boolean {
  const { minValue, maxValue } = schema as unknown as { minValue: number | null; maxValue: number | null };
  return minValue !== null && maxValue !== null && minValue >= Number.MIN_SAFE_INTEGER && maxValue <= Number.MAX_SAFE_INTEGER;
}
