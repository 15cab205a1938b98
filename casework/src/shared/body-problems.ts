import { type MessageKey, nl } from '@aware/dashboard/kit/text';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Where a form field's words live, by the path the server names (`content.client.name`, `content.perpetrators.0.name`). */
const FIELD_KEYS: readonly [RegExp, (m: RegExpExecArray) => { key: string; n?: number }][] = [
  [/^content\.client\.(\w+)$/, (m) => ({ key: `appl.client.${m[1]}` })],
  [/^content\.perpetrators\.(\d+)\.(\w+)$/, (m) => ({ key: `appl.perp.${m[2]}`, n: Number(m[1]) + 1 })],
  [/^content\.grounds\.orders\.(\d+)\.(\w+)$/, (m) => ({ key: `appl.order.${m[2]}`, n: Number(m[1]) + 1 })],
  [/^content\.grounds\.(\w+)$/, (m) => ({ key: `appl.grounds.${m[1]}` })],
  [/^content\.fear\.(\w+)$/, (m) => ({ key: `appl.fear.${m[1]}` })],
  [/^content\.minorException\.(\w+)$/, (m) => ({ key: `appl.exception.${m[1]}` })],
  [/^content\.policeReferences(\.\d+)?$/, () => ({ key: 'appl.policeReferences' })],
  [/^content\.(\w+)$/, (m) => ({ key: `appl.${m[1]}` })],
  [/^(\w+)$/, (m) => ({ key: `appl.${m[1]}` })],
];

/** What zod said, as the kind of problem, in words. */
function problemOf(message: string): MessageKey {
  if (/too big|at most|<=/i.test(message)) return 'problem.tooLong';
  if (/too small|>=|required|expected string, received undefined/i.test(message)) return 'problem.missing';
  if (/control characters/i.test(message)) return 'problem.characters';
  if (/date|YYYY/i.test(message)) return 'problem.date';
  return 'problem.invalid';
}

/**
 * The server's refusal of a form ("content.perpetrators.0.name: Too big: expected string to have <=200
 * characters; ...") as one line per field in the console's language ("Naam pleger (pleger 1): te lang");
 * null when the message names no field.
 */
export function bodyProblemsInWords(t: T, message: string): string[] | null {
  const detail = message.includes(': ') ? message.slice(message.indexOf(': ') + 2) : message;
  const parts = detail.split('; ').map((p) => /^([\w.]+): (.*)$/s.exec(p)).filter((m): m is RegExpExecArray => m !== null);
  if (parts.length === 0) return null;
  return parts.map(([, path, said]) => {
    let field: string = path!;
    for (const [pattern, describe] of FIELD_KEYS) {
      const m = pattern.exec(path!);
      if (!m) continue;
      const { key, n } = describe(m);
      if (!(key in nl)) continue;
      field = t(key as MessageKey) + (n ? ` (${n})` : '');
      break;
    }
    return `${field}: ${t(problemOf(said!))}`;
  });
}
