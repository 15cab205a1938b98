import type { IClientOptions } from 'mqtt';

/**
 * A pendant's broker address: one URL, or several comma-separated (the nodes of a broker cluster, as a
 * load balancer would spread them). mqtt.js connects to the first and moves to the next on every
 * reconnect, so a pendant whose broker died comes back on another one.
 */
export function brokerUrls(url: string): { readonly first: string; readonly options: Pick<IClientOptions, 'servers'> } {
  const urls = url.split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length <= 1) return { first: urls[0] ?? url, options: {} };
  const servers = urls.map((u) => {
    const parsed = new URL(u);
    const protocol = parsed.protocol.replace(/:$/, '') as 'mqtt' | 'mqtts' | 'ws' | 'wss' | 'tcp';
    return { host: parsed.hostname, port: Number(parsed.port || (protocol === 'mqtts' ? 8883 : 1883)), protocol };
  });
  return { first: urls[0]!, options: { servers } };
}
