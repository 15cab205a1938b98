import { useEffect } from 'react';
import { refreshSession, reportActivity } from '../api/session-api.js';

const REPORT_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 60_000;

/**
 * The idle timeout counts from the last time someone used the console: keyboard, mouse or touch input
 * is reported to the server at most once a minute (`POST /api/auth/activity`). The session is checked
 * every minute, so a session ended elsewhere (expired, signed out, account disabled) shows the sign-in.
 */
export function useSessionKeepalive(): void {
  useEffect(() => {
    let lastReport = Date.now();
    let pending = false;
    const onInput = () => {
      if (pending || Date.now() - lastReport < REPORT_EVERY_MS) return;
      pending = true;
      lastReport = Date.now();
      void reportActivity()
        .catch(() => undefined)
        .finally(() => (pending = false));
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true, capture: true });
    const check = setInterval(() => void refreshSession().catch(() => undefined), CHECK_EVERY_MS);
    return () => {
      for (const e of events) window.removeEventListener(e, onInput, { capture: true });
      clearInterval(check);
    };
  }, []);
}
