import { type MessageKey, nl } from '@aware/dashboard/kit/text';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A stored code (action, subject type, role) in words, or the code itself when the console has no words for it. */
export function codeInWords(t: T, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in nl ? t(key as MessageKey) : code;
}

/**
 * The reasons the services write (need-to-know, in English in the log, which is evidence and is never
 * rewritten), in the console's language. A reason typed by a person, or one not known here, is shown as
 * written. Ids are left out: the subject column names what was read.
 */
const REASONS: readonly [RegExp, (m: RegExpExecArray) => [MessageKey, Record<string, string>?]][] = [
  [/^active alarm /, () => ['audit.why.alarm']],
  [/^technical alarm /, () => ['audit.why.technical']],
  [/^case work: pendants of the region$/, () => ['audit.why.pendants']],
  [/^case work: pendant in use$/, () => ['audit.why.pendant']],
  [/^case work: monitoring contacts$/, () => ['audit.why.followUps']],
  [/^case work: monitoring contact done$/, () => ['audit.why.followUpDone']],
  [/^case work: applications of the region$/, () => ['audit.why.applications']],
  [/^commissie: applications of the region$/, () => ['audit.why.commissieList']],
  [/^case work: draft \S+ discarded$/, () => ['audit.why.discard']],
  [/^case work: application \S+$/, () => ['audit.why.caseRead']],
  [/^commissie review of application /, () => ['audit.why.review']],
  [/^case work: (\w+) application \S+$/, (m) => ['audit.why.application', { action: m[1]! }]],
  [/^commissie vote on application /, () => ['audit.why.vote']],
  [/^pendant (\S+) issued on application /, (m) => ['audit.why.issued', { device: m[1]! }]],
  [/^pendant (\S+) returned: (.*)$/s, (m) => ['audit.why.returned', { device: m[1]!, reason: m[2]! }]],
  [/^inzage request /, () => ['audit.why.inzage']],
  [/^privacy request intake/, () => ['audit.why.intake']],
  [/^privacy request \S+: (.*)$/s, (m) => ['audit.why.privacy', { text: m[1]! }]],
];

export function reasonInWords(t: T, reason: string): string {
  // "<workflow>; <what the reader typed>" (privacy/access-reason.ts): the workflow in words, her words as typed
  const split = reason.indexOf('; ');
  if (split > 0) return `${reasonInWords(t, reason.slice(0, split))}; ${reason.slice(split + 2)}`;
  for (const [pattern, describe] of REASONS) {
    const m = pattern.exec(reason);
    if (m) {
      const [key, params] = describe(m);
      const words = params?.['action'] !== undefined ? { ...params, action: codeInWords(t, 'audit.act', params['action']).toLowerCase() } : params;
      return t(key, words);
    }
  }
  return reason;
}
