import { z } from 'zod';

/**
 * Internal services that connect to the broker with their own credentials and roles (never as a device).
 * The broker decides what each may publish and subscribe to; the services only need their username.
 */
export const ServiceClient = z.enum(['ingest', 'dispatch', 'sim-admin']);
export type ServiceClient = z.infer<typeof ServiceClient>;

/** Prefix of service usernames. `:` never occurs in a device id, so a service and a device cannot collide. */
export const SERVICE_USERNAME_PREFIX = 'svc:';

/** MQTT username of a service, e.g. `svc:dispatch`. */
export function serviceUsername(service: ServiceClient): string {
  return `${SERVICE_USERNAME_PREFIX}${service}`;
}

/**
 * MQTT client id of one instance of a service: the username, or the username, `:` and an instance name
 * (several instances in cluster mode need distinct client ids, or they would take over each other's session).
 */
export function serviceClientId(service: ServiceClient, instance?: string): string {
  return instance ? `${serviceUsername(service)}:${instance}` : serviceUsername(service);
}
