import type { Language } from './i18n.js';

/** Every date and time in the console is Amsterdam time, whatever the workstation's zone. */
export const TIME_ZONE = 'Europe/Amsterdam';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, kind: 'time' | 'dateTime' | 'date'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : kind === 'date'
          ? { day: '2-digit', month: '2-digit', year: 'numeric' }
          : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(locales[lang], { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

export function formatTime(lang: Language, iso: string | number): string {
  return formatter(lang, 'time').format(new Date(iso));
}

export function formatDateTime(lang: Language, iso: string | number): string {
  return formatter(lang, 'dateTime').format(new Date(iso));
}

export function formatDate(lang: Language, iso: string | number): string {
  return formatter(lang, 'date').format(new Date(iso));
}

/**
 * The one date rule for periods (a pendant's assignment, a decision): stored as instants, the start
 * inclusive and the end exclusive (the midnight, Amsterdam time, after the last day); shown as first and
 * last day, both inclusive ("t/m", "through"). The last day of a stored end:
 */
export function lastDayOf(endsAt: string | number): number {
  return (typeof endsAt === 'number' ? endsAt : Date.parse(endsAt)) - 1;
}

/** The last day (inclusive) of a period that ends at `endsAt` (exclusive), as a date. */
export function formatLastDay(lang: Language, endsAt: string | number): string {
  return formatDate(lang, lastDayOf(endsAt));
}

/** 0:07, 4:32, 1:02:09 */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** 52.09071, 5.12142 (five decimals: about a metre) */
export function formatCoordinates(lat: number, lon: number): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

/** A share (0..1) as a percentage with one decimal: "97,5 %" in Dutch, "97.5 %" in English. */
export function formatPercent(lang: Language, share: number): string {
  return `${new Intl.NumberFormat(locales[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100)} %`;
}
