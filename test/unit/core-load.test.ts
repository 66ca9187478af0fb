/** The loading controller's backoff: equal jitter, so failures never bunch up into a storm. */
import { describe, expect, it } from 'vitest';
import { LOAD_BACKOFF, loadRetryDelay } from '../../src/core/load.js';

describe('loadRetryDelay', () => {
  it('stays between half and all of base·2^(n-1), capped', () => {
    for (const failures of [1, 2, 3, 4, 10, 30]) {
      const exp = Math.min(LOAD_BACKOFF.capMs, LOAD_BACKOFF.baseMs * 2 ** (failures - 1));
      expect(loadRetryDelay(failures, LOAD_BACKOFF, () => 0)).toBe(exp / 2);
      expect(loadRetryDelay(failures, LOAD_BACKOFF, () => 1)).toBe(exp);
      expect(loadRetryDelay(failures, LOAD_BACKOFF, () => 0.5)).toBe(Math.round(exp * 0.75));
    }
    expect(loadRetryDelay(40, LOAD_BACKOFF, () => 1)).toBe(LOAD_BACKOFF.capMs);
  });

  it('makes at most 5 reads in any 10 s, even with the smallest jitter every time', () => {
    for (const random of [() => 0, () => 1, Math.random]) {
      let at = 0;
      const starts = [0];
      for (let failures = 1; at < 60_000; failures++) starts.push((at += loadRetryDelay(failures, LOAD_BACKOFF, random)));
      for (const start of starts) expect(starts.filter((t) => t >= start && t < start + 10_000).length).toBeLessThanOrEqual(5);
    }
  });
});
