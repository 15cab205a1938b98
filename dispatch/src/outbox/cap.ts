import type { AlarmView } from '@aware/protocol';

/**
 * CAP 1.2 (OASIS Common Alerting Protocol, http://docs.oasis-open.org/emergency/cap/v1.2/) rendering of
 * an alarm notification. `status` is Actual (Test for test pendants is not known here, see `isTest`),
 * `scope` Restricted to the control rooms; the area is a circle around the last fix (radius in km, as
 * CAP 3.3.2 requires), or the region's name when there is no fix.
 */
export interface CapInput {
  readonly identifier: string;
  readonly sender: string;
  readonly sent: string;
  readonly topic: string;
  readonly alarm: AlarmView;
  readonly isTest?: boolean;
}

const MSG_TYPE: Record<string, 'Alert' | 'Update' | 'Cancel'> = { 'alarm.opened': 'Alert', 'alarm.resolved': 'Cancel' };

export function renderCap(input: CapInput): string {
  const { alarm } = input;
  const flags = Object.entries(alarm.flags).filter(([, on]) => on).map(([flag]) => flag);
  const area = alarm.lastFix
    ? `<circle>${alarm.lastFix.lat.toFixed(6)},${alarm.lastFix.lon.toFixed(6)} ${(Math.max(alarm.lastFix.acc, 1) / 1000).toFixed(3)}</circle>`
    : '';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    `  <identifier>${x(input.identifier)}</identifier>`,
    `  <sender>${x(input.sender)}</sender>`,
    `  <sent>${x(capTime(input.sent))}</sent>`,
    `  <status>${input.isTest ? 'Test' : 'Actual'}</status>`,
    `  <msgType>${MSG_TYPE[input.topic] ?? 'Update'}</msgType>`,
    '  <scope>Restricted</scope>',
    '  <restriction>Meldkamer politie en Veilig Thuis: need-to-know</restriction>',
    '  <info>',
    '    <language>nl-NL</language>',
    '    <category>Safety</category>',
    `    <event>AWARE alarm (${x(input.topic)})</event>`,
    '    <urgency>Immediate</urgency>',
    '    <severity>Extreme</severity>',
    '    <certainty>Observed</certainty>',
    `    <senderName>AWARE</senderName>`,
    `    <headline>AWARE alarm ${x(alarm.state)}: pendant ${x(alarm.deviceId)}</headline>`,
    `    <description>Presses: ${alarm.pressCount}. State: ${x(alarm.state)}.${flags.length ? ` Flags: ${x(flags.join(', '))}.` : ''}${alarm.dispatchUnit ? ` Unit: ${x(alarm.dispatchUnit)}.` : ''}${alarm.outcome ? ` Outcome: ${x(alarm.outcome)}.` : ''}</description>`,
    `    <parameter><valueName>alarmId</valueName><value>${x(alarm.id)}</value></parameter>`,
    `    <parameter><valueName>receivedAt</valueName><value>${x(alarm.receivedAt)}</value></parameter>`,
    '    <area>',
    `      <areaDesc>${x(alarm.region ?? 'onbekende regio')}</areaDesc>`,
    area ? `      ${area}` : '',
    '    </area>',
    '  </info>',
    '</alert>',
  ];
  return lines.filter((l) => l !== '').join('\n');
}

/** CAP times are `2002-05-24T16:49:00-07:00`: no fractions, explicit offset (CAP 3.3.2 dateTime). */
function capTime(isoTime: string): string {
  return new Date(isoTime).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function x(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
