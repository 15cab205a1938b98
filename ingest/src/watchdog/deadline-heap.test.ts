import { describe, expect, it } from 'vitest';
import { DeadlineHeap } from './deadline-heap.js';

describe('DeadlineHeap', () => {
  it('pops deadlines in ascending order whatever the insertion order', () => {
    const heap = new DeadlineHeap<string>();
    const deadlines = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    for (const d of deadlines) heap.push(d, `n${d}`);
    const out: number[] = [];
    for (let node = heap.pop(); node; node = heap.pop()) out.push(node.deadline);
    expect(out).toEqual([...deadlines].sort((a, b) => a - b));
  });

  it('peeks at the earliest deadline without removing it', () => {
    const heap = new DeadlineHeap<number>();
    heap.push(30, 3);
    heap.push(10, 1);
    heap.push(20, 2);
    expect(heap.peek()?.value).toBe(1);
    expect(heap.size).toBe(3);
  });

  it('pops nothing from an empty heap', () => {
    expect(new DeadlineHeap().pop()).toBeUndefined();
  });
});
