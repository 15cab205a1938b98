import { describe, expect, it } from 'vitest';
import { VerifyQueue } from './verify-queue.js';
import { isBrokerError } from '../errors.js';

describe('verify queue', () => {
  it('runs at most `concurrency` tasks at once, in order', async () => {
    const queue = new VerifyQueue(2, 100);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        queue.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 10));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses with "server unavailable" beyond its queue', async () => {
    const queue = new VerifyQueue(1, 1);
    const slow = () => new Promise((r) => setTimeout(r, 20));
    const results = await Promise.allSettled([queue.run(slow), queue.run(slow), queue.run(slow)]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(isBrokerError(reason, 'BRK_ERR_AUTH_BUSY')).toBe(true);
    expect(reason.returnCode).toBe(3);
  });

  it('frees the slot when a task fails', async () => {
    const queue = new VerifyQueue(1, 10);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'ok')).resolves.toBe('ok');
  });
});
