import { describe, expect, it } from 'vitest';
import { addCounts, emptyCounts, encodeHistogram, mergeHistograms, newLatencyHistogram, summarise } from './stats.js';

describe('load statistics', () => {
  it('merges the histograms of several workers into the same percentiles as one', () => {
    const all = newLatencyHistogram();
    const parts = [newLatencyHistogram(), newLatencyHistogram()];
    for (let i = 1; i <= 10_000; i++) {
      all.recordValue(i * 10);
      parts[i % 2]!.recordValue(i * 10);
    }
    const merged = summarise(mergeHistograms(parts.map(encodeHistogram)));
    const { max, ...percentiles } = summarise(all);
    expect(merged).toMatchObject(percentiles);
    expect(merged.max).toBeCloseTo(max, 0); // the wire format keeps the max at histogram precision
    expect(merged.count).toBe(10_000);
    expect(merged.p50).toBeCloseTo(50, 0);
    expect(merged.p99).toBeCloseTo(99, 0);
    expect(merged.max).toBeCloseTo(100, 0);
  });

  it('summarises an empty run as zeros and adds counters field by field', () => {
    expect(summarise(newLatencyHistogram())).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 });
    const a = { ...emptyCounts(), heartbeats: 3, presses: 1 };
    expect(addCounts(a, a)).toMatchObject({ heartbeats: 6, presses: 2, confirmed: 0 });
  });
});
