import type { BodyProblem } from '@aware/protocol';

/**
 * Error codes of `@aware/dashboard`. Every code is defined once here with its message and HTTP status and
 * never reused for another meaning (errors.test.ts checks they are unique and prefixed). Routes answer
 * with the protocol's `ErrorBody`: `{ code, message, statusCode }`; the SPA branches on `code`.
 */
export const DashboardErrorCode = {
  CONFIG_INVALID: 'DSH_ERR_CONFIG_INVALID',
  UNAUTHENTICATED: 'DSH_ERR_UNAUTHENTICATED',
  FORBIDDEN: 'DSH_ERR_FORBIDDEN',
  CREDENTIALS_INVALID: 'DSH_ERR_CREDENTIALS_INVALID',
  TOO_MANY_ATTEMPTS: 'DSH_ERR_TOO_MANY_ATTEMPTS',
  MFA_INVALID: 'DSH_ERR_MFA_INVALID',
  ACTIVATION_INVALID: 'DSH_ERR_ACTIVATION_INVALID',
  MFA_NOT_ENROLLED: 'DSH_ERR_MFA_NOT_ENROLLED',
  HTTPS_REQUIRED: 'DSH_ERR_HTTPS_REQUIRED',
  CSRF: 'DSH_ERR_CSRF',
  ORIGIN_REFUSED: 'DSH_ERR_ORIGIN_REFUSED',
  BODY_INVALID: 'DSH_ERR_BODY_INVALID',
  QUERY_INVALID: 'DSH_ERR_QUERY_INVALID',
  NOT_FOUND: 'DSH_ERR_NOT_FOUND',
  USER_EXISTS: 'DSH_ERR_USER_EXISTS',
  TOTP_KEY: 'DSH_ERR_TOTP_KEY',
  NOT_BUILT: 'DSH_ERR_NOT_BUILT',
  INTERNAL: 'DSH_ERR_INTERNAL',
} as const;
export type DashboardErrorCode = (typeof DashboardErrorCode)[keyof typeof DashboardErrorCode];

interface ErrorDefinition {
  readonly message: string;
  readonly statusCode: number;
}

export const DASHBOARD_ERRORS: Readonly<Record<DashboardErrorCode, ErrorDefinition>> = Object.freeze({
  DSH_ERR_CONFIG_INVALID: { message: 'dashboard configuration is invalid', statusCode: 500 },
  DSH_ERR_UNAUTHENTICATED: { message: 'sign in first: no valid session', statusCode: 401 },
  DSH_ERR_FORBIDDEN: { message: 'your role or organisation may not do this', statusCode: 403 },
  // One message for an unknown user and a wrong password: which of the two is not told.
  DSH_ERR_CREDENTIALS_INVALID: { message: 'user name or password is wrong', statusCode: 401 },
  // Not a lock: this address, or browsers unknown to this account, wait a while (auth/sign-in-throttle.ts).
  DSH_ERR_TOO_MANY_ATTEMPTS: { message: 'too many failed attempts from here: wait before trying again', statusCode: 429 },
  DSH_ERR_MFA_INVALID: { message: 'the code is wrong or already used', statusCode: 401 },
  DSH_ERR_ACTIVATION_INVALID: { message: 'this activation link is unknown, used or expired: ask an administrator for a new one', statusCode: 400 },
  DSH_ERR_MFA_NOT_ENROLLED: { message: 'this account needs a second factor; ask an administrator to issue one', statusCode: 403 },
  DSH_ERR_HTTPS_REQUIRED: { message: 'sign-in needs HTTPS', statusCode: 400 },
  DSH_ERR_CSRF: { message: 'missing or wrong CSRF token: reload the page', statusCode: 403 },
  DSH_ERR_ORIGIN_REFUSED: { message: 'requests from this origin are refused', statusCode: 403 },
  DSH_ERR_BODY_INVALID: { message: 'the request body is invalid', statusCode: 400 },
  DSH_ERR_QUERY_INVALID: { message: 'the query string is invalid', statusCode: 400 },
  DSH_ERR_NOT_FOUND: { message: 'not found', statusCode: 404 },
  DSH_ERR_USER_EXISTS: { message: 'a user with that name exists', statusCode: 409 },
  DSH_ERR_TOTP_KEY: { message: 'the TOTP encryption key is missing or invalid', statusCode: 500 },
  DSH_ERR_NOT_BUILT: { message: 'the dashboard is not built: run `npm run build -w dashboard`', statusCode: 503 },
  DSH_ERR_INTERNAL: { message: 'internal error', statusCode: 500 },
});

export class DashboardError extends Error {
  override readonly name = 'DashboardError';
  readonly code: DashboardErrorCode;
  readonly statusCode: number;
  /** How long the client should wait before trying again (sent as Retry-After). */
  readonly retryAfterS: number | undefined;
  /** The fields of an invalid body or query, for the form to show next to each (sent as `problems`). */
  readonly problems: readonly BodyProblem[] | undefined;

  constructor(code: DashboardErrorCode, detail?: string, options?: { cause?: unknown; retryAfterS?: number; problems?: readonly BodyProblem[] }) {
    const def = DASHBOARD_ERRORS[code];
    super(detail ? `${def.message}: ${detail}` : def.message, { cause: options?.cause });
    this.code = code;
    this.statusCode = def.statusCode;
    this.retryAfterS = options?.retryAfterS;
    this.problems = options?.problems;
  }
}

export function isDashboardError(error: unknown, code?: DashboardErrorCode): error is DashboardError {
  return error instanceof DashboardError && (code === undefined || error.code === code);
}

/** The ErrorBody of a code (for hooks that answer directly). */
export function errorBody(code: DashboardErrorCode, detail?: string): { code: string; message: string; statusCode: number } {
  const e = new DashboardError(code, detail);
  return { code: e.code, message: e.message, statusCode: e.statusCode };
}
