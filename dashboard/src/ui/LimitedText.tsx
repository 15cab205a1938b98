import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n.js';

interface Common {
  readonly name?: string;
  readonly id?: string;
  readonly placeholder?: string;
  readonly autoFocus?: boolean;
  readonly autoComplete?: string;
  readonly className?: string;
}

/** Characters as the server's schemas count them (code points, not UTF-16 units). */
export const textLength = (s: string): number => [...s].length;

/**
 * A text field that never cuts what was typed or pasted (a browser's `maxLength` cuts a paste silently,
 * mid-word): it shows a counter from 80 % of its limit, says in words when the text is too long, and
 * holds the form back until it is fixed. A required field left empty holds it back too, with the
 * console's own words instead of the browser's English (the field's custom validity).
 */
export function LimitedText({ value, onChange, max, required, multiline, rows, ...rest }: Common & {
  value: string;
  onChange: (value: string) => void;
  max: number;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
}) {
  const { t } = useT();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const length = textLength(value);
  const over = length > max;
  const problem = over ? t('field.tooLong', { n: length, max }) : required && value.trim() === '' ? t('field.required') : '';
  useEffect(() => ref.current?.setCustomValidity(problem), [problem]);
  const props = { ref, value, 'aria-invalid': over || undefined, ...rest };
  return (
    <>
      {multiline ? <textarea {...props} rows={rows ?? 3} onChange={(e) => onChange(e.target.value)} /> : <input {...props} onChange={(e) => onChange(e.target.value)} />}
      {length > max * 0.8 && (
        <span className={`counter${over ? ' over' : ''}`} aria-live="polite">
          {t('field.counter', { n: length, max })}
        </span>
      )}
      {over && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

/**
 * A list typed one item per line (police registrations): nothing dropped; too many items, or one too
 * long, is said in words and holds the form back. `onChange` gets the non-empty, trimmed lines.
 */
export function LineList({ value, onChange, maxItems, maxLength, rows }: { value: readonly string[]; onChange: (items: string[]) => void; maxItems: number; maxLength: number; rows?: number }) {
  const { t } = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  const long = value.find((v) => textLength(v) > maxLength);
  const problem = value.length > maxItems ? t('field.tooMany', { n: value.length, max: maxItems }) : long ? t('field.lineTooLong', { line: long.slice(0, 30), max: maxLength }) : '';
  useEffect(() => ref.current?.setCustomValidity(problem), [problem]);
  return (
    <>
      <textarea
        ref={ref}
        rows={rows ?? 3}
        defaultValue={value.join('\n')}
        aria-invalid={problem !== '' || undefined}
        onChange={(e) => onChange(e.target.value.split('\n').map((s) => s.trim()).filter(Boolean))}
      />
      <span className={`counter${value.length > maxItems ? ' over' : ''}`}>{t('field.items', { n: value.length, max: maxItems })}</span>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
