/** Life of a pendant in the registry. Equal to the `device_status` SQL enum (checked by a test). */
export const DEVICE_STATUSES = ['stock', 'active', 'disabled', 'revoked'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export function isDeviceStatus(value: string): value is DeviceStatus {
  return (DEVICE_STATUSES as readonly string[]).includes(value);
}
