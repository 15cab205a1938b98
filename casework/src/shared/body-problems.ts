import type { BodyProblem } from '@aware/protocol';
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

/** What is wrong with a field, in words: from zod's issue code (and, for a refused pattern, its message). */
export function problemKey(p: BodyProblem): MessageKey {
  if (p.issue === 'too_big') return 'problem.tooLong';
  if (p.issue === 'too_small' || (p.issue === 'invalid_type' && /undefined|null/.test(p.message))) return 'problem.missing';
  if (/control characters/i.test(p.message)) return 'problem.characters';
  if (p.issue === 'invalid_format' && /date|YYYY/i.test(p.message)) return 'problem.date';
  return 'problem.invalid';
}

/** A form's own field labels by path in its body (`{ motivation: 'vote.motivation' }`); a path's first part counts too. */
export type FieldLabels = Readonly<Record<string, MessageKey>>;

/** The field's name as the form shows it ("Naam pleger (1)"); the path itself when the form has no such field. */
export function fieldName(t: T, path: string, labels: FieldLabels = {}): string {
  const own = labels[path] ?? labels[path.split('.')[0]!];
  if (own) return t(own);
  for (const [pattern, describe] of FIELD_KEYS) {
    const m = pattern.exec(path);
    if (!m) continue;
    const { key, n } = describe(m);
    if (!(key in nl)) continue;
    return t(key as MessageKey) + (n ? ` (${n})` : '');
  }
  return path;
}

/**
 * The server's refusal of a form as one line per field in the console's language ("Naam pleger (1): te
 * lang"), for the summary beside the save button; each field also shows its own (field-problems.tsx).
 */
export function bodyProblemsInWords(t: T, problems: readonly BodyProblem[], labels: FieldLabels = {}): string[] {
  return problems.map((p) => `${fieldName(t, p.path, labels)}: ${t(problemKey(p))}`);
}
