import { Organisation, Role, rolesOutsideOrganisation } from '@aware/protocol';
import { z } from 'zod';
import { Activation, Username } from './auth.js';

/** Bodies and answers of the user administration (`/api/admin/users*`, role `admin`). */


const Region = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

export const CreateUserBody = z
  .object({
    username: Username,
    displayName: z.string().trim().min(1).max(200),
    email: z.email().max(320).optional(),
    organisation: Organisation,
    /** null: works nationally (every region of the organisation). */
    region: Region.nullable(),
    roles: z.array(Role).min(1).max(8),
  })
  .strict()
  .superRefine((body, ctx) => {
    const misfits = rolesOutsideOrganisation(body.roles, body.organisation);
    if (misfits.length) ctx.addIssue({ code: 'custom', path: ['roles'], message: `${misfits.join(', ')} not possible in ${body.organisation}` });
  });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/**
 * `PUT /api/admin/users/:id`: name, e-mail, region and roles of an account. The organisation is not
 * changed: someone who moves to another organisation gets a new account (their history stays theirs).
 */
export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    email: z.email().max(320).nullable(),
    region: Region.nullable(),
    roles: z.array(Role).min(1).max(8),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

const IsoTime = z.iso.datetime({ offset: true });

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  organisation: Organisation,
  region: z.string().nullable(),
  roles: z.array(Role),
  mfaEnrolled: z.boolean(),
  /** The account waits for its activation until then (new, or its credentials were reset); null once activated. */
  activationPendingUntil: IsoTime.nullable(),
  /** Failed sign-in attempts for this user name in the last hour, from anywhere (an attack shows here). */
  failedSignInsLastHour: z.number().int().min(0),
  disabledAt: IsoTime.nullable(),
  lastLoginAt: IsoTime.nullable(),
  createdAt: IsoTime,
});
export type UserView = z.infer<typeof UserView>;

export const UserList = z.object({ users: z.array(UserView) });
export type UserList = z.infer<typeof UserList>;

/**
 * A new account, or new credentials for one (`reset-credentials`): the account and its activation, shown
 * this once. The administrator never sees a password or second factor: the person sets both with the
 * activation link (hand it over through a separate channel). Other actions: `activation` null.
 */
export const IssuedCredentials = z.object({
  user: UserView,
  activation: Activation.nullable(),
});
export type IssuedCredentials = z.infer<typeof IssuedCredentials>;

/** `POST /api/admin/users/:id/{disable,enable,unlock,reset-credentials}` take no body. */
export const UserAction = z.enum(['disable', 'enable', 'unlock', 'reset-credentials']);
export type UserAction = z.infer<typeof UserAction>;
