import { describe, expect, it } from 'vitest';
import { filterCovers, topicMatches } from './topic-filter.js';

describe('topic filters', () => {
  it('matches a single-level wildcard against exactly one level', () => {
    expect(topicMatches('aware/v1/d/+/cmd', 'aware/v1/d/p-001/cmd')).toBe(true);
    expect(topicMatches('aware/v1/d/+/cmd', 'aware/v1/d/p-001/x/cmd')).toBe(false);
    expect(topicMatches('aware/v1/d/+/cmd', 'aware/v1/d/p-001/hb')).toBe(false);
  });

  it('matches a multi-level wildcard against the parent and everything below it', () => {
    expect(topicMatches('aware/v1/#', 'aware/v1')).toBe(true);
    expect(topicMatches('aware/v1/#', 'aware/v1/d/p-001/hb')).toBe(true);
    expect(topicMatches('aware/v1/#', 'aware/v2/d')).toBe(false);
  });

  it('lets an allowed filter cover itself and narrower filters only', () => {
    expect(filterCovers('aware/v1/d/+/hb', 'aware/v1/d/+/hb')).toBe(true);
    expect(filterCovers('aware/v1/d/+/hb', 'aware/v1/d/p-001/hb')).toBe(true);
    expect(filterCovers('aware/v1/d/+/hb', 'aware/v1/d/#')).toBe(false);
    expect(filterCovers('aware/v1/d/+/hb', 'aware/v1/d/+/+')).toBe(false);
    expect(filterCovers('aware/v1/d/p-001/hb', 'aware/v1/d/+/hb')).toBe(false);
    expect(filterCovers('aware/v1/#', 'aware/v1/d/+/#')).toBe(true);
  });

  it('never lets a filter without a leading $ cover $SYS topics', () => {
    expect(filterCovers('#', '$SYS/#')).toBe(false);
    expect(filterCovers('$SYS/#', '$SYS/broker/heartbeat')).toBe(true);
  });
});
