/**
 * The client's bucket key is SHA-256 of a daily salt and the address: the same address has one key
 * all day and a new one the next UTC day, so stored keys cannot be linked across days. The salt is
 * kept between requests, so this checks that keeping it does not carry it into the next day.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../../src/collector/rate-limit.js';
import { takeInTurn } from '../../src/collector/store/limits/limits.js';
import type { RateTake, Store } from '../../src/collector/store/types.js';

function recordingStore(): { store: Store; keys: string[] } {
  const keys: string[] = [];
  const limits = {
    takeRateToken: async (t: RateTake) => {
      if (!t.bucket.endsWith(':site')) keys.push(t.key);
      return { allowed: true, retryAfterMs: 0 };
    },
    takeRateTokens: (chain: readonly RateTake[]) => takeInTurn(limits, chain),
    pruneRateBuckets: async () => {},
  };
  const store = { secret: async () => 'server-secret', limits } as unknown as Store;
  return { store, keys };
}

describe('rate-limit client keys', () => {
  it('are the same for one address within a UTC day and change with the day', async () => {
    let now = Date.UTC(2026, 0, 5, 23, 59, 0);
    const { store, keys } = recordingStore();
    const limiter = new RateLimiter(store, DEFAULT_RATE_LIMITS, () => now);
    await limiter.hit('submissions', 'buurthuis', '192.0.2.1');
    await limiter.hit('submissions', 'buurthuis', '192.0.2.2');
    now += 30_000;
    await limiter.hit('submissions', 'buurthuis', '192.0.2.1');
    now += 60_000; // past midnight UTC
    await limiter.hit('submissions', 'buurthuis', '192.0.2.1');
    now -= 60_000; // a clock that steps back gets that day's key again
    await limiter.hit('submissions', 'buurthuis', '192.0.2.1');
    const [first, other, sameDay, nextDay, back] = keys;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(other).not.toBe(first);
    expect(sameDay).toBe(first);
    expect(nextDay).not.toBe(first);
    expect(back).toBe(first);
  });
});
