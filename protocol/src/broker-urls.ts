import { z } from 'zod';

/** One broker URL of a client's list. */
export const BrokerUrl = z.string().regex(/^(mqtts?|wss?|tcp):\/\/[^\s,/]+/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL');

/** A broker address as mqtt.js' `servers` option lists it. */
export interface BrokerServer {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'mqtt' | 'mqtts' | 'ws' | 'wss' | 'tcp';
}

const DEFAULT_PORTS: Readonly<Record<BrokerServer['protocol'], number>> = { mqtt: 1883, tcp: 1883, mqtts: 8883, ws: 80, wss: 443 };

/**
 * A client's broker address: one URL, or several comma-separated (the nodes of a broker cluster, where no
 * load balancer spreads them). Services and the simulator connect to the first and move on to the next
 * on every reconnect (mqtt.js `servers`), so a client whose broker died comes back on another one.
 */
export function parseBrokerUrls(text: string): { readonly urls: readonly string[]; readonly servers: readonly BrokerServer[] } {
  const urls = z.array(BrokerUrl).min(1).parse(text.split(',').map((u) => u.trim()).filter(Boolean));
  const servers = urls.map((u) => {
    const url = new URL(u);
    const protocol = url.protocol.slice(0, -1) as BrokerServer['protocol'];
    return { host: url.hostname, port: url.port ? Number(url.port) : DEFAULT_PORTS[protocol], protocol };
  });
  return { urls, servers };
}
