import type { IClientOptions } from 'mqtt';

/**
 * DISPATCH_MQTT_URL may name several brokers (comma-separated: the nodes of a cluster, or one load
 * balancer). mqtt.js connects to the first and moves to the next one on each reconnect.
 */
export function brokerServers(urls: readonly string[]): Pick<IClientOptions, 'servers' | 'protocol'> & { readonly first: string } {
  const servers = urls.map((u) => {
    const url = new URL(u);
    const protocol = url.protocol.replace(/:$/, '') as 'mqtt' | 'mqtts' | 'ws' | 'wss' | 'tcp';
    const defaultPort = { mqtt: 1883, tcp: 1883, mqtts: 8883, ws: 80, wss: 443 }[protocol];
    return { host: url.hostname, port: url.port ? Number(url.port) : defaultPort, protocol };
  });
  return { first: urls[0]!, servers, protocol: servers[0]!.protocol };
}
