import { describe, expect, it } from 'vitest';
import { brokerUrls } from './broker-urls.js';
import { urlFlag } from './cli-args.js';

describe('a pendant given several broker URLs', () => {
  it('connects to the first and lists every broker for mqtt.js to move on to when reconnecting', () => {
    const { first, options } = brokerUrls('mqtt://b1:1883, mqtt://b2:11883');
    expect(first).toBe('mqtt://b1:1883');
    expect(options.servers).toEqual([
      { host: 'b1', port: 1883, protocol: 'mqtt' },
      { host: 'b2', port: 11883, protocol: 'mqtt' },
    ]);
  });

  it('keeps a single URL as it is', () => {
    expect(brokerUrls('mqtt://127.0.0.1:1883')).toEqual({ first: 'mqtt://127.0.0.1:1883', options: {} });
  });

  it('accepts a comma-separated --url and refuses one that is not a broker URL', () => {
    expect(urlFlag('pendant', 'mqtt://a:1,mqtt://b:2')).toBe('mqtt://a:1,mqtt://b:2');
    expect(() => urlFlag('pendant', 'mqtt://a:1,http://b:2')).toThrow(/--url must be/);
  });
});
