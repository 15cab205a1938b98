import { useEffect, useRef } from 'react';

/**
 * Keeps a list current without a reload: asks `version()` (a fingerprint, no personal data, not
 * access-logged) every `everyMs` while the page is visible, and at once when it becomes visible again,
 * and calls `onChanged` (which fetches the list itself) when the fingerprint differs from the last one.
 */
export function useFollowChanges(version: () => Promise<{ version: string }>, onChanged: () => void, everyMs = 5_000): void {
  const last = useRef<string | null>(null);
  const changed = useRef(onChanged);
  changed.current = onChanged;
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const { version: now } = await version();
        if (stopped) return;
        if (last.current !== null && now !== last.current) changed.current();
        last.current = now;
      } catch {
        // the next check tries again; the connection indicator says when the server is away
      }
    };
    void check();
    const timer = setInterval(() => void check(), everyMs);
    const onVisible = () => void check();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [version, everyMs]);
}
