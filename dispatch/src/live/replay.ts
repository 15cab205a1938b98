import type { LiveEvent } from '@aware/protocol';
import type { FeedEntry } from './feed.js';

/**
 * What a console resuming from an earlier sequence may be given of an event, now: a console sees an
 * alarm's location, trail and dossier card only while the alarm is open (as `GET /api/alarms/:id`). An
 * event about an alarm that has been resolved since is replayed without them (the console still learns
 * the alarm's state changes, so its board ends right), and a trail point of it not at all, whatever
 * sequence the console asks for. Live delivery is not affected: those events were seen while open.
 */
export function replayable(entry: FeedEntry, isOpen: (alarmId: string) => boolean): FeedEntry | null {
  if (entry.alarmId === null || isOpen(entry.alarmId)) return entry;
  const event = JSON.parse(entry.text) as LiveEvent;
  if (event.type === 'trail') return null;
  if (event.type !== 'alarm') return entry;
  const redacted = { ...event, alarm: { ...event.alarm, lastFix: null, dossier: null } };
  return { ...entry, text: JSON.stringify(redacted), dossier: null };
}
