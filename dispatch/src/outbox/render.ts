import type { NotificationPayload } from '../alarms/notifications.js';
import { renderCap } from './cap.js';

/** The request body for one outbox row in the target's format. */
export function renderBody(format: 'json' | 'cap', payload: NotificationPayload, deliveryId: string, sender: string): { body: string; contentType: string } {
  if (format === 'cap') {
    return {
      contentType: 'application/cap+xml; charset=utf-8',
      body: renderCap({ identifier: `aware-${payload.alarm.id}-${deliveryId}`, sender, sent: payload.at, topic: payload.topic, alarm: payload.alarm, isTest: payload.isTest }),
    };
  }
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ deliveryId, ...payload }) };
}
