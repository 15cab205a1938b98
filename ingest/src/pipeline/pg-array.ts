/**
 * PostgreSQL array literals built directly (node-pg escapes every element with regular expressions,
 * which showed in profiles of the device-state writer). Numbers and booleans need no quoting; text is
 * always quoted (an unquoted `NULL` would be a null), and escaped only when it holds `"` or `\`.
 */
export function numberArray(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i === 0 ? '' : ',') + (v === null || v === undefined ? 'NULL' : String(v));
  }
  return `${out}}`;
}

export function booleanArray(values: readonly boolean[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + (values[i] ? 't' : 'f');
  return `${out}}`;
}

export function textArray(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    const quoted = /["\\]/.test(v) ? v.replace(/[\\"]/g, '\\$&') : v;
    out += `${i === 0 ? '' : ','}"${quoted}"`;
  }
  return `${out}}`;
}
