import { useSyncExternalStore } from 'react';

/**
 * The SPA's routes are plain paths (`/`, `/alarms/<id>`, `/fleet`, `/users`); the server answers every
 * non-API path with index.html, so a reload or a shared link lands on the same page.
 */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Goes to `path`; `replace` swaps the current entry (a used activation link must not be reachable by Back). */
export function navigate(path: string, o: { replace?: boolean } = {}): void {
  if (path === location.pathname && !o.replace) return;
  if (o.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function usePath(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => location.pathname,
  );
}

/** `/alarms/abc` matched against `/alarms/:id` -> { id: 'abc' }; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(s[i]!);
    else if (part !== s[i]) return null;
  }
  return params;
}
