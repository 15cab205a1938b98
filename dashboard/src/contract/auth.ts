import { Organisation, Role } from '@aware/protocol';
import { z } from 'zod';

/** Bodies and answers of the sign-in routes (`/api/auth/*`), shared by the server and the SPA. */

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{2,100}$/, 'letters, digits and . _ @ - (2-100)');

export const LoginBody = z.object({ username: Username, password: z.string().min(1).max(1024) }).strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const TotpBody = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') }).strict();
export type TotpBody = z.infer<typeof TotpBody>;

/** New passwords: long rather than complicated (NIST SP 800-63B). */
export const NewPassword = z.string().min(12, 'at least 12 characters').max(1024);

export const PasswordChangeBody = z.object({ current: z.string().min(1).max(1024), next: NewPassword }).strict();
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

const IsoTime = z.iso.datetime({ offset: true });

/** The one-time activation code of an account: the link `/activate#<code>` (auth/activation.ts). */
export const ActivationCode = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'the code from the activation link');

/** `POST /api/auth/activation` {code}: who the account is, and the authenticator secret to enrol. */
export const ActivationBody = z.object({ code: ActivationCode }).strict();
export const ActivationInfo = z.object({ username: z.string(), displayName: z.string(), expiresAt: IsoTime, totpUri: z.string() });
export type ActivationInfo = z.infer<typeof ActivationInfo>;

/** `POST /api/auth/activation/complete`: the chosen password and a code from the newly enrolled app. */
export const CompleteActivationBody = z.object({ code: ActivationCode, password: NewPassword, totpCode: z.string().regex(/^\d{6}$/, 'six digits') }).strict();
export type CompleteActivationBody = z.infer<typeof CompleteActivationBody>;

/** An activation as issued: the code (shown once, to hand over) and until when it works. */
export const Activation = z.object({ code: z.string(), expiresAt: IsoTime });
export type Activation = z.infer<typeof Activation>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organisation: Organisation,
  region: z.string().nullable(),
  roles: z.array(Role),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** `GET /api/auth/session` and a completed sign-in. */
export const SessionView = z.object({
  user: SessionUser,
  /** Send back as the `x-aware-csrf` header on every state-changing request. */
  csrfToken: z.string(),
  /** The session ends then unless there is activity (`POST /api/auth/activity`) before. */
  expiresAt: IsoTime,
  idleTimeoutS: z.number().int().min(1),
});
export type SessionView = z.infer<typeof SessionView>;

/** `POST /api/auth/login`: either the second factor is still needed, or the session is ready. */
export const LoginResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('mfa_required'), csrfToken: z.string(), expiresAt: IsoTime }),
  z.object({ status: z.literal('signed_in'), session: SessionView }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

/** Header that carries the CSRF token (see server/security/csrf-check.ts). */
export const CSRF_HEADER = 'x-aware-csrf';
/** What the SPA sends as the CSRF header before there is a session (sign-in): any value; it must be there. */
export const CSRF_NO_SESSION = 'no-session';
