/**
 * The store's limits part: what keeps abuse out, shared by every instance — rate-limit buckets,
 * and the replay records of render tokens and proof-of-work challenges (each usable by one
 * submission). One implementation per backend (sqlite-limits.ts, postgres-limits.ts); reached as
 * `store.limits`.
 */
import type { PowUse, RateOutcome, RateTake, RenderTokenUse } from '../types.js';

export interface LimitsStore {
  /** Takes one request from a token bucket if it has one (atomic across instances). */
  takeRateToken(take: RateTake): Promise<RateOutcome>;
  /**
   * Takes from each bucket of the chain in turn and stops at the first that has no token left:
   * a client over its own limit does not use up its site's. Returns the outcome of the last take
   * made (allowed when every take was).
   */
  takeRateTokens(chain: readonly RateTake[]): Promise<RateOutcome>;
  /** Forgets buckets that are full again at the given instant (the same as absent ones). */
  pruneRateBuckets(now: number): Promise<void>;
  /**
   * Records the nonce's use by this submission unless it was used before (atomic); returns the id
   * of the submission that owns the nonce: this one, or the earlier one.
   */
  claimRenderToken(use: RenderTokenUse): Promise<string>;
  /** Forgets uses recorded before the instant (their tokens have expired). */
  pruneRenderTokenUses(before: string): Promise<number>;
  /**
   * Records that a solved challenge (its hex hash) is used by a submission, unless it already is;
   * returns the id of the submission that owns it, in one atomic step.
   */
  claimPowChallenge(use: PowUse): Promise<string>;
  /** Forgets uses recorded before the instant (their challenges have expired). */
  prunePowUses(before: string): Promise<number>;
}

/** `takeRateTokens` as one take after another, for a backend whose takes cost no round trip. */
export async function takeInTurn(limits: Pick<LimitsStore, 'takeRateToken'>, chain: readonly RateTake[]): Promise<RateOutcome> {
  let outcome: RateOutcome = { allowed: true, retryAfterMs: 0 };
  for (const take of chain) {
    outcome = await limits.takeRateToken(take);
    if (!outcome.allowed) break;
  }
  return outcome;
}
