import type { AlarmLatencyReport, Organisation } from '@aware/protocol';

export type ReportAlarm = AlarmLatencyReport['alarms'][number];
export type Grouping = 'day' | 'shift';
export type Shift = 'dag' | 'avond' | 'nacht';

/** The telecare audit's targets: acknowledged within 60 s and within 180 s. */
export const TARGETS = Object.freeze({ within60s: 0.975, within180s: 0.99 });

/**
 * Control-room shifts (Europe/Amsterdam): day 07-15, evening 15-23, night 23-07. A night belongs to the
 * date it started on (the night of 4 to 5 December is "4 December, nacht").
 */
export function shiftOf(iso: string): { date: string; shift: Shift } {
  const local = amsterdam(new Date(iso));
  if (local.hour >= 7 && local.hour < 15) return { date: local.date, shift: 'dag' };
  if (local.hour >= 15 && local.hour < 23) return { date: local.date, shift: 'avond' };
  if (local.hour >= 23) return { date: local.date, shift: 'nacht' };
  return { date: amsterdam(new Date(Date.parse(iso) - 8 * 3600_000)).date, shift: 'nacht' };
}

export interface Group {
  /** `2026-12-04` or `2026-12-04 nacht`. */
  readonly key: string;
  readonly alarms: number;
  readonly within60s: number;
  readonly within180s: number;
  readonly notAcknowledged: number;
  readonly escalated: number;
  /** Press -> first console, median and 95th percentile (ms), of the alarms that reached one. */
  readonly toConsoleP50: number | null;
  readonly toConsoleP95: number | null;
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The alarms acknowledged by `organisation` (null: all alarms). */
export function byOrganisation(alarms: readonly ReportAlarm[], organisation: Organisation | null): ReportAlarm[] {
  return organisation === null ? [...alarms] : alarms.filter((a) => a.acknowledgedBy === organisation);
}

/** Per day or per shift, oldest first. */
export function groupAlarms(alarms: readonly ReportAlarm[], grouping: Grouping): Group[] {
  const groups = new Map<string, ReportAlarm[]>();
  for (const a of alarms) {
    const s = shiftOf(a.receivedAt);
    const key = grouping === 'day' ? amsterdam(new Date(a.receivedAt)).date : `${s.date} ${s.shift}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups.entries()].sort(([a], [b]) => shiftSortKey(a).localeCompare(shiftSortKey(b))).map(([key, list]) => summarise(key, list));
}

export function summarise(key: string, list: readonly ReportAlarm[]): Group {
  const ack = (limit: number) => list.filter((a) => a.pressToAcknowledgeMs !== null && a.pressToAcknowledgeMs <= limit).length;
  const toConsole = list.flatMap((a) => (a.pressToConsoleMs === null ? [] : [a.pressToConsoleMs])).sort((x, y) => x - y);
  return {
    key,
    alarms: list.length,
    within60s: ack(60_000),
    within180s: ack(180_000),
    notAcknowledged: list.filter((a) => a.pressToAcknowledgeMs === null).length,
    escalated: list.filter((a) => a.escalated).length,
    toConsoleP50: quantile(toConsole, 0.5),
    toConsoleP95: quantile(toConsole, 0.95),
  };
}

/** The slowest alarms: never acknowledged first, then the longest wait. */
export function slowest(alarms: readonly ReportAlarm[], n: number): ReportAlarm[] {
  const wait = (a: ReportAlarm) => a.pressToAcknowledgeMs ?? Number.POSITIVE_INFINITY;
  return [...alarms].sort((a, b) => wait(b) - wait(a)).slice(0, n);
}

/** One line per alarm, for a spreadsheet (RFC 4180, times in UTC ISO-8601, durations in seconds). */
export function toCsv(alarms: readonly ReportAlarm[]): string {
  const seconds = (ms: number | null) => (ms === null ? '' : (ms / 1000).toFixed(1));
  const head = 'alarm,pendant,region,received_at,press_to_console_s,press_to_confirmation_s,press_to_acknowledge_s,escalated,acknowledged_by';
  const rows = alarms.map((a) =>
    [a.id, a.deviceId, a.region ?? '', a.receivedAt, seconds(a.pressToConsoleMs), seconds(a.pressToConfirmationMs), seconds(a.pressToAcknowledgeMs), a.escalated ? 'yes' : 'no', a.acknowledgedBy ?? '']
      .map(csvField)
      .join(','),
  );
  return [head, ...rows].join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const SHIFT_ORDER: Record<string, string> = { dag: '1', avond: '2', nacht: '3' };
function shiftSortKey(key: string): string {
  const [date, shift] = key.split(' ');
  return `${date}${shift ? SHIFT_ORDER[shift] : ''}`;
}

const PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
function amsterdam(d: Date): { date: string; hour: number } {
  const p = Object.fromEntries(PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p['year']}-${p['month']}-${p['day']}`, hour: Number(p['hour']) };
}
