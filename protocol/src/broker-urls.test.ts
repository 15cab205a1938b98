import { describe, expect, it } from 'vitest';
import { parseBrokerUrls } from './broker-urls.js';

describe('a client given several broker URLs', () => {
  it('lists every broker, in order, for mqtt.js to move on to when reconnecting', () => {
    expect(parseBrokerUrls('mqtt://b1:1883, mqtts://b2').servers).toEqual([
      { host: 'b1', port: 1883, protocol: 'mqtt' },
      { host: 'b2', port: 8883, protocol: 'mqtts' },
    ]);
    expect(parseBrokerUrls('mqtt://127.0.0.1:11883').urls).toEqual(['mqtt://127.0.0.1:11883']);
  });

  it('refuses a list with anything but broker URLs in it', () => {
    expect(() => parseBrokerUrls('mqtt://a:1,http://b:2')).toThrow(/mqtt:\/\//);
    expect(() => parseBrokerUrls(' , ')).toThrow();
  });
});
