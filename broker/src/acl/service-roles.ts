import { DISPATCH_NODES_FILTER, PRESENCE_FILTER, allDevicesFilter, type ServiceClient } from '@aware/protocol';

export interface ServiceRole {
  /** Topic filters the service may publish to. */
  readonly publish: readonly string[];
  /** Topic filters the service may subscribe to (a request must be covered by one of them). */
  readonly subscribe: readonly string[];
}

/**
 * What each internal service may do: the least it needs. Only services publish on `cmd`; only the
 * simulator admin (a test tool) sees everything, `$SYS` included. Devices are not here: a device may
 * publish only on its own uplink channels and subscribe only to its own `cmd` (hooks/authorize-*.ts).
 */
export const SERVICE_ROLES: Readonly<Record<ServiceClient, ServiceRole>> = Object.freeze({
  ingest: {
    publish: [allDevicesFilter('cmd')],
    subscribe: [allDevicesFilter('hb'), allDevicesFilter('status'), PRESENCE_FILTER],
  },
  dispatch: {
    // its nodes tell each other whether they reach the database (protocol/src/dispatch-nodes.ts)
    publish: [allDevicesFilter('cmd'), DISPATCH_NODES_FILTER],
    subscribe: [allDevicesFilter('alarm'), allDevicesFilter('loc'), allDevicesFilter('status'), PRESENCE_FILTER, DISPATCH_NODES_FILTER],
  },
  'sim-admin': {
    publish: [allDevicesFilter('cmd')],
    subscribe: ['aware/v1/#', '$SYS/#'],
  },
});
