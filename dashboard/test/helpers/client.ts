import { CSRF_HEADER, CSRF_NO_SESSION, type LoginResult, type SessionView } from '../../src/contract/auth.js';
import { totpCode } from '../../src/server/auth/totp.js';

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * A browser-like client of one origin: keeps the session cookie, sends the CSRF token it was given and
 * the origin a browser would. `raw` requests skip both (to test the refusals).
 */
export class Client {
  cookie: string | null = null;
  /** `aware_device=...`: the browser completed a sign-in before (trusted by sign-in throttling). */
  deviceCookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, o: { raw?: boolean; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(o.raw ? {} : { origin: this.baseUrl }), ...o.headers };
    if (!o.raw && method !== 'GET' && !(CSRF_HEADER in headers)) headers[CSRF_HEADER] = this.csrf ?? CSRF_NO_SESSION;
    const cookies = [this.cookie, this.deviceCookie].filter((c): c is string => c !== null);
    if (cookies.length > 0 && !o.raw) headers['cookie'] = cookies.join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body), redirect: 'manual' });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('aware_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'aware_session=' ? null : value;
    }
    const device = res.headers.getSetCookie().find((c) => c.startsWith('aware_device='));
    if (device) this.deviceCookie = device.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string, o?: { raw?: boolean; headers?: Record<string, string> }) {
    return this.request<T>('GET', path, undefined, o);
  }

  post<T = unknown>(path: string, body?: unknown, o?: { raw?: boolean; headers?: Record<string, string> }) {
    return this.request<T>('POST', path, body ?? {}, o);
  }

  /** The session token of the cookie (for Bearer and WebSocket tests). */
  get token(): string | null {
    return this.cookie ? decodeURIComponent(this.cookie.slice('aware_session='.length)) : null;
  }

  /** Password, then the current code of `totpSecret` (when asked for). */
  async signIn(username: string, password: string, totpSecret: string | null, at = Date.now()): Promise<SessionView> {
    const login = await this.post<LoginResult>('/api/auth/login', { username, password });
    if (login.status !== 200) throw new Error(`login ${login.status}: ${JSON.stringify(login.body)}`);
    if (login.body.status === 'signed_in') return this.adopt(login.body.session);
    this.csrf = login.body.csrfToken;
    if (!totpSecret) throw new Error('a code is needed');
    const totp = await this.post<LoginResult>('/api/auth/totp', { code: totpCode(totpSecret, at) });
    if (totp.status !== 200 || totp.body.status !== 'signed_in') throw new Error(`totp ${totp.status}: ${JSON.stringify(totp.body)}`);
    return this.adopt(totp.body.session);
  }

  private adopt(session: SessionView): SessionView {
    this.csrf = session.csrfToken;
    return session;
  }
}
