/** The limits part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/collector/store/types.js';
import { at, contractBackends, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, limits: ${name}`, () => {
    const fx = useContractStore(makeStore);

    describe('rate limits', () => {
      it('takes from a token bucket atomically across instances, refills one per interval, forgets full buckets', async () => {
        const second = await fx.open();
        const now = 1_790_000_000_000;
        const take = { bucket: 'submissions:linde', key: 'a'.repeat(64), now, intervalMs: 60_000, burst: 10 };
        const outcomes = await Promise.all(Array.from({ length: 50 }, (_, n) => (n % 2 ? second : fx.store).limits.takeRateToken(take)));
        expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
        expect(outcomes.filter((o) => !o.allowed).map((o) => o.retryAfterMs)).toEqual(Array(40).fill(60_000));
        expect(outcomes.filter((o) => o.allowed).every((o) => o.retryAfterMs === 0)).toBe(true);
        // Other keys and buckets are separate.
        expect(await fx.store.limits.takeRateToken({ ...take, key: 'b'.repeat(64) })).toEqual({ allowed: true, retryAfterMs: 0 });
        expect(await fx.store.limits.takeRateToken({ ...take, bucket: 'votes:linde' })).toEqual({ allowed: true, retryAfterMs: 0 });
        // One request back per interval, not the whole burst.
        expect(await fx.store.limits.takeRateToken({ ...take, now: now + 30_000 })).toEqual({ allowed: false, retryAfterMs: 30_000 });
        expect((await fx.store.limits.takeRateToken({ ...take, now: now + 60_000 })).allowed).toBe(true);
        expect((await fx.store.limits.takeRateToken({ ...take, now: now + 60_000 })).allowed).toBe(false);
        // Fractional intervals (a very high limit) still count.
        const fine = { ...take, key: 'c'.repeat(64), intervalMs: 0.25, burst: 4 };
        const fast = await Promise.all(Array.from({ length: 6 }, () => fx.store.limits.takeRateToken(fine)));
        expect(fast.filter((o) => o.allowed)).toHaveLength(4);

        // A bucket that has refilled is forgotten; one still draining is kept.
        await fx.store.limits.pruneRateBuckets(now + 11 * 60_000 + 1);
        const refilled = await Promise.all(
          Array.from({ length: 11 }, () => fx.store.limits.takeRateToken({ ...take, now: now + 11 * 60_000 + 1 })),
        );
        expect(refilled.filter((o) => o.allowed)).toHaveLength(10);
      });
      it('takes a chain of buckets in turn: a client over its own limit uses none of its site budget', async () => {
        const second = await fx.open();
        const now = 1_790_000_000_000;
        const site = { bucket: 'submissions:site', key: 'linde', now, intervalMs: 60_000, burst: 4 };
        const client = (c: string, burst: number) => ({ bucket: 'submissions:linde', key: c.repeat(64), now, intervalMs: 60_000, burst });
        const chains = (c: string, burst: number, n: number) =>
          Array.from({ length: n }, (_, i) => (i % 2 ? second : fx.store).limits.takeRateTokens([client(c, burst), site]));
        // First contact: neither bucket exists yet.
        const first = await Promise.all(chains('a', 1, 5));
        expect(first.filter((o) => o.allowed)).toHaveLength(1);
        // Buckets that exist (b and c took once ten minutes ago and are full again), and one more first contact (d).
        for (const c of ['b', 'c']) await fx.store.limits.takeRateToken({ ...client(c, 9), now: now - 600_000 });
        const then = await Promise.all([...chains('a', 1, 3), ...chains('b', 2, 4), ...chains('c', 9, 3), ...chains('d', 9, 2)]);
        // a has nothing left and is not charged to the site; b has 2 of its own, c 3, d 2: the site has 3 left for those 7.
        expect(then.slice(0, 3)).toEqual(Array(3).fill({ allowed: false, retryAfterMs: 60_000 }));
        expect(then.filter((o) => o.allowed)).toHaveLength(3);
        expect(then.slice(3, 7).filter((o) => o.allowed).length).toBeLessThanOrEqual(2);
        expect(then.filter((o) => !o.allowed)).toEqual(Array(9).fill({ allowed: false, retryAfterMs: 60_000 }));
        // A chain of one is a single take.
        expect(await fx.store.limits.takeRateTokens([client('e', 1)])).toEqual({ allowed: true, retryAfterMs: 0 });
        expect(await second.limits.takeRateTokens([client('e', 1)])).toEqual({ allowed: false, retryAfterMs: 60_000 });
      });
    });

    describe('render tokens and proof-of-work', () => {
      const claims = [
        [
          'render tokens',
          (s: Store, key: string, submissionId: string, usedAt: string) =>
            s.limits.claimRenderToken({ nonce: key, site: 'linde', submissionId, usedAt }),
          (s: Store, before: string) => s.limits.pruneRenderTokenUses(before),
        ],
        [
          'proof-of-work',
          (s: Store, key: string, submissionId: string, usedAt: string) =>
            s.limits.claimPowChallenge({ challenge: key, site: 'linde', submissionId, usedAt }),
          (s: Store, before: string) => s.limits.prunePowUses(before),
        ],
      ] as const;

      for (const [what, claim, prune] of claims) {
        it(`${what}: the first submission owns a key, for every instance, until the uses are pruned`, async () => {
          const second = await fx.open();
          const key = 'k'.repeat(32);
          const ids = Array.from({ length: 20 }, (_, n) => `sub-${n}`);
          const owners = await Promise.all(ids.map((id, n) => claim(n % 2 ? second : fx.store, key, id, at(n))));
          expect(new Set(owners).size).toBe(1);
          expect(ids).toContain(owners[0]);
          expect(await claim(fx.store, key, 'later', at(100))).toBe(owners[0]);
          expect(await claim(fx.store, 'other-key', 'later', at(100))).toBe('later');
          expect(await prune(fx.store, at(100))).toBe(1); // the first key's use; the one at(100) stays
          expect(await prune(fx.store, at(100))).toBe(0);
          expect(await claim(second, key, 'after-prune', at(200))).toBe('after-prune');
          expect(await claim(fx.store, 'other-key', 'again', at(200))).toBe('later');
        });
      }
    });
  });
}
