import { invalidPressKey, payloadHash } from './ids.js';

const REMEMBER_MS = 10 * 60_000;

/**
 * Keys for unreadable presses. A first delivery gets a fresh key (`invalidPressKey`); a broker
 * redelivery (DUP flag) of the same bytes from the same pendant within ten minutes gets the key of the
 * earlier delivery, so it is recognised as the same press rather than a new one.
 */
export class InvalidPressMemo {
  private readonly recent = new Map<string, { key: string; at: number }>();

  keyFor(deviceId: string, payload: Uint8Array, dup: boolean, receivedAt: number): string {
    this.prune(receivedAt);
    const fingerprint = `${deviceId}/${payloadHash(payload)}`;
    const earlier = this.recent.get(fingerprint);
    if (dup && earlier) return earlier.key;
    const key = invalidPressKey(deviceId, receivedAt, payload);
    this.recent.delete(fingerprint);
    this.recent.set(fingerprint, { key, at: receivedAt });
    return key;
  }

  private prune(now: number): void {
    for (const [fingerprint, entry] of this.recent) {
      if (entry.at >= now - REMEMBER_MS) break;
      this.recent.delete(fingerprint);
    }
  }
}
