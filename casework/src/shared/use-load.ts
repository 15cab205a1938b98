import { useCallback, useEffect, useState } from 'react';

/** Loads `fn` now and on `reload()`; the latest answer, or the error text. */
export function useLoad<T>(fn: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const load = useCallback(fn, deps);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [load, tick]);
  return { data, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}
