import { describe, expect, it } from 'vitest';
import { QUICK_TRIES, retryDelayMs, shouldGiveUp } from '../../../functions/usecases/notify/backoff.ts';

describe('retrying a message that cannot be sent yet', () => {
  it('doubles the wait after each round of quick tries, up to 64 minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((round) => retryDelayMs(round * QUICK_TRIES) / 60_000);

    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 64, 64]);
  });

  it('gives up after eight rounds, so the message goes by the other channel instead', () => {
    expect(shouldGiveUp(7 * QUICK_TRIES)).toBe(false);
    expect(shouldGiveUp(8 * QUICK_TRIES)).toBe(true);
  });
});
