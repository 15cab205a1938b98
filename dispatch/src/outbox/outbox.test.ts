import type { AlarmView } from '@aware/protocol';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';
import { renderCap } from './cap.js';
import { sign, verifySignature } from './sign.js';
import { targetsFor, WebhookTarget } from './targets.js';

const alarm: AlarmView = {
  id: '0b6f3a52-8a1c-8d4e-9f00-1234567890ab',
  deviceId: 'pendant-1',
  deviceAlarmId: 'abcdefgh1234',
  state: 'new',
  region: 'utrecht',
  pressedAt: '2026-01-01T10:00:00.000Z',
  receivedAt: '2026-01-01T10:00:00.120Z',
  pressCount: 2,
  battery: 80,
  lastFix: { lat: 52.0907, lon: 5.1214, acc: 25, at: '2026-01-01T10:00:00.120Z' },
  flags: { invalidPayload: false, noFix: false, unassigned: true, reusedKey: false, test: false },
  escalatedAt: null,
  confirmedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  dispatchUnit: '<Unit & "7">',
  resolvedAt: null,
  outcome: null,
  dossier: null,
};

describe('webhook payloads', () => {
  it('render as CAP 1.2 with a circle in km, CAP times, and escaped text', () => {
    const xml = renderCap({ identifier: 'aware-1', sender: 'aware@vt.nl', sent: '2026-01-01T10:00:01.500Z', topic: 'alarm.opened', alarm });
    expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(xml).toContain('<sent>2026-01-01T10:00:01+00:00</sent>');
    expect(xml).toContain('<msgType>Alert</msgType>');
    expect(xml).toContain('<circle>52.090700,5.121400 0.025</circle>');
    expect(xml).toContain('Unit: &lt;Unit &amp; &quot;7&quot;&gt;.');
    expect(xml).toContain('Flags: unassigned.');
    expect(renderCap({ identifier: 'x', sender: 's', sent: alarm.receivedAt, topic: 'alarm.resolved', alarm, isTest: true })).toMatch(/<status>Test<\/status>[\s\S]*<msgType>Cancel<\/msgType>/);
  });

  it('are signed with HMAC-SHA256 over timestamp and body, and a changed body or timestamp fails', () => {
    const secret = 's'.repeat(32);
    const signature = sign(secret, 1_700_000_000, '{"a":1}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(secret, 1_700_000_000, '{"a":1}', signature)).toBe(true);
    expect(verifySignature(secret, 1_700_000_000, '{"a":2}', signature)).toBe(false);
    expect(verifySignature(secret, 1_700_000_001, '{"a":1}', signature)).toBe(false);
  });

  it('back off exponentially with jitter up to the cap', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('go to the targets that want the change and, if they name regions, only those', () => {
    const targets = [
      WebhookTarget.parse({ name: 'all', url: 'https://a.example/x', secret: 'k'.repeat(32) }),
      WebhookTarget.parse({ name: 'utrecht', url: 'https://b.example/x', secret: 'k'.repeat(32), events: ['escalated'], regions: ['utrecht'] }),
    ];
    expect(targetsFor(targets, 'opened', 'utrecht').map((t) => t.name)).toEqual(['all']);
    expect(targetsFor(targets, 'escalated', 'utrecht').map((t) => t.name)).toEqual(['all', 'utrecht']);
    expect(targetsFor(targets, 'escalated', null).map((t) => t.name)).toEqual(['all']);
    expect(() => WebhookTarget.parse({ name: 'x', url: 'ftp://x', secret: 'k'.repeat(32) })).toThrow();
    expect(() => WebhookTarget.parse({ name: 'x', url: 'https://x.example', secret: 'short' })).toThrow();
  });
});
