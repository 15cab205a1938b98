import { describe, expect, it } from 'vitest';
import { configFromEnv, ingestConfig } from './config.js';

describe('ingest config', () => {
  it('has defaults for everything and is frozen', () => {
    const config = ingestConfig();
    expect(config.silentMultiplier).toBe(3);
    expect(config.locationRetentionDays).toBe(30);
    expect(config.batteryLowPct).toBe(20);
    expect(config.batteryCriticalPct).toBe(5);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads environment variables and treats empty ones as unset', () => {
    const config = configFromEnv({ INGEST_SILENT_MULTIPLIER: '2', INGEST_BATCH_MAX_ROWS: '100', INGEST_MQTT_URL: '' });
    expect(config.silentMultiplier).toBe(2);
    expect(config.batchMaxRows).toBe(100);
    expect(config.mqttUrl).toBe('mqtt://127.0.0.1:1883');
  });

  it('refuses a bad value with ING_ERR_CONFIG naming the setting', () => {
    expect(() => configFromEnv({ INGEST_BATCH_MAX_ROWS: 'lots' })).toThrow(/ING_ERR_CONFIG|batchMaxRows/);
    try {
      configFromEnv({ INGEST_BATCH_MAX_ROWS: 'lots' });
    } catch (err) {
      expect((err as { code: string }).code).toBe('ING_ERR_CONFIG');
    }
  });

  it('refuses battery thresholds that are not ordered critical < low < clear', () => {
    expect(() => ingestConfig({ batteryLowPct: 30, batteryClearPct: 25 })).toThrow(/critical < low < clear/);
  });

  it('refuses unknown settings', () => {
    expect(() => ingestConfig({ nonsense: 1 } as never)).toThrow(/ING_ERR_CONFIG|nonsense/);
  });
});
