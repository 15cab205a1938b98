import { describe, expect, it } from 'vitest';
import { groupAlarms, shiftOf, slowest, summarise, toCsv, type ReportAlarm } from './answer-times.js';

const alarm = (receivedAt: string, ackS: number | null, o: Partial<ReportAlarm> = {}): ReportAlarm => ({
  id: `a-${receivedAt}`,
  deviceId: 'aw-1',
  region: 'utrecht',
  receivedAt,
  pressToConsoleMs: 40,
  pressToConfirmationMs: 60,
  pressToAcknowledgeMs: ackS === null ? null : ackS * 1000,
  escalated: false,
  acknowledgedBy: ackS === null ? null : 'veilig_thuis',
  ...o,
});

describe('answer times', () => {
  it('puts an alarm in the shift of Amsterdam time it arrived in; a night belongs to the day it started', () => {
    expect(shiftOf('2026-12-04T06:30:00Z')).toEqual({ date: '2026-12-04', shift: 'dag' }); // 07:30
    expect(shiftOf('2026-12-04T14:00:00Z')).toEqual({ date: '2026-12-04', shift: 'avond' }); // 15:00
    expect(shiftOf('2026-12-04T22:30:00Z')).toEqual({ date: '2026-12-04', shift: 'nacht' }); // 23:30
    expect(shiftOf('2026-12-05T03:00:00Z')).toEqual({ date: '2026-12-04', shift: 'nacht' }); // 04:00 next day
    expect(shiftOf('2026-07-01T05:30:00Z')).toEqual({ date: '2026-07-01', shift: 'dag' }); // 07:30 summer time
  });

  it('counts per group the share acknowledged within 60 and 180 s, the unacknowledged and the escalated', () => {
    const g = summarise('x', [alarm('2026-12-04T10:00:00Z', 20), alarm('2026-12-04T10:05:00Z', 90), alarm('2026-12-04T10:10:00Z', 200, { escalated: true }), alarm('2026-12-04T10:20:00Z', null, { escalated: true })]);
    expect(g).toMatchObject({ alarms: 4, within60s: 1, within180s: 2, notAcknowledged: 1, escalated: 2, toConsoleP50: 40 });
  });

  it('groups by day and by shift, oldest first', () => {
    const list = [alarm('2026-12-05T03:00:00Z', 10), alarm('2026-12-04T06:30:00Z', 10), alarm('2026-12-04T22:30:00Z', 10)];
    expect(groupAlarms(list, 'day').map((g) => [g.key, g.alarms])).toEqual([['2026-12-04', 2], ['2026-12-05', 1]]);
    expect(groupAlarms(list, 'shift').map((g) => [g.key, g.alarms])).toEqual([['2026-12-04 dag', 1], ['2026-12-04 nacht', 2]]);
  });

  it('lists the never-acknowledged first among the slowest, and writes a CSV a spreadsheet reads', () => {
    const list = [alarm('2026-12-04T10:00:00Z', 20), alarm('2026-12-04T10:05:00Z', null), alarm('2026-12-04T10:10:00Z', 300)];
    expect(slowest(list, 2).map((a) => a.pressToAcknowledgeMs)).toEqual([null, 300_000]);
    const csv = toCsv([alarm('2026-12-04T10:00:00Z', 20, { region: 'a,"b"' })]);
    expect(csv.split('\r\n')[1]).toBe('a-2026-12-04T10:00:00Z,aw-1,"a,""b""",2026-12-04T10:00:00Z,0.0,0.1,20.0,no,veilig_thuis');
  });
});
