import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.js';

describe('BoundedQueue', () => {
  it('hands items out oldest first, across the wrap-around', () => {
    const q = new BoundedQueue<number>(3);
    q.push(1);
    q.push(2);
    expect(q.take(1)).toEqual([1]);
    q.push(3);
    q.push(4);
    expect(q.size).toBe(3);
    expect(q.peek()).toBe(2);
    expect(q.take(10)).toEqual([2, 3, 4]);
    expect(q.size).toBe(0);
  });

  it('refuses an item when full instead of growing', () => {
    const q = new BoundedQueue<string>(2);
    expect(q.push('a')).toBe(true);
    expect(q.push('b')).toBe(true);
    expect(q.isFull).toBe(true);
    expect(q.push('c')).toBe(false);
    expect(q.take(5)).toEqual(['a', 'b']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
  });
});
