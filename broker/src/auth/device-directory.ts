/**
 * What the broker needs to know about devices, as a small interface so the broker does not depend on
 * database internals. `db-directory.ts` implements it on `@aware/db`.
 */
export type DeviceStatus = 'stock' | 'active' | 'disabled' | 'revoked';

export interface SecretCheck {
  readonly ok: boolean;
  readonly upgrade: string | null;
}

export interface DeviceLogin {
  readonly id: string;
  /** Stored hash of the current secret (keyed HMAC, or argon2id from before; db/src/device-secrets.ts). */
  readonly secretHash: string;
  readonly status: DeviceStatus;
  readonly isTest: boolean;
}

export interface DeviceChange {
  readonly id: string;
  readonly status: DeviceStatus;
  readonly isTest: boolean;
  readonly secretHash: string;
}

export interface DeviceDirectory {
  findForAuth(id: string): Promise<DeviceLogin | null>;
  /**
   * Checks a secret against a stored hash. Keyed hashes answer at once (a value); slow ones from before
   * (`isSlowHash`) answer later, off the event loop (argon2 on the libuv pool). Never throws. `upgrade`:
   * the hash to store instead (`upgradeSecretHash`) after a successful check of an older form.
   */
  verifySecret(secretHash: string, secret: string): SecretCheck | Promise<SecretCheck>;
  isSlowHash(secretHash: string): boolean;
  /** Stores `to` in place of `from` (same secret, newer form) unless the secret was rotated meanwhile. */
  upgradeSecretHash(id: string, from: string, to: string): Promise<boolean>;
  /**
   * Devices whose status or secret changed at or after `since` (database clock), and the database time
   * of the query, to pass back (minus a small overlap) as the next `since`. `since` null: changes from now on.
   */
  changesSince(since: Date | null): Promise<{ changes: DeviceChange[]; until: Date }>;
}

/** Which devices may connect: active ones, and stock test devices when the config allows them. */
export function mayConnect(device: Pick<DeviceLogin, 'status' | 'isTest'>, allowTestStock: boolean): boolean {
  return device.status === 'active' || (allowTestStock && device.status === 'stock' && device.isTest);
}
