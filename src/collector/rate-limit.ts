/**
 * Rate limits as token buckets kept in the database, so instances behind a load balancer share
 * them. Each kind of request has two buckets: one per client of a site, and one for the whole
 * site (a flood from many addresses then slows one site down instead of the collector).
 *
 * A limit of `limit` per `windowMs` is a bucket of `limit` requests that refills one request every
 * `windowMs / limit`: a class filling in ideas at once gets its burst, a script gets one request
 * per interval after that.
 *
 * The client is identified by SHA-256(daily salt + IP); the salt is derived from a server secret
 * stored in the database and changes every UTC day, so stored keys cannot be linked across days
 * and the IP address itself is never written anywhere.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { RateTake, Store } from './store/types.js';

export interface RateLimit {
  /** Requests allowed per window (also the burst: how many may come at once). */
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Per client (hashed IP) and site. */
  submissions: RateLimit;
  votes: RateLimit;
  /** Render tokens fetched (one per form shown). */
  renderTokens: RateLimit;
  /** Responses to one poll from one client; on top of `submissions`. */
  polls: RateLimit;
  /** Per site, all clients together. */
  siteSubmissions: RateLimit;
  siteVotes: RateLimit;
}

/** Generous for people (a class filling in ideas from one school network), tight for scripts. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  submissions: { limit: 30, windowMs: 10 * 60_000 },
  votes: { limit: 120, windowMs: 10 * 60_000 },
  renderTokens: { limit: 120, windowMs: 10 * 60_000 },
  // A kiosk tablet at the door shares one address: a response every 30 seconds, sustained.
  polls: { limit: 20, windowMs: 10 * 60_000 },
  siteSubmissions: { limit: 1000, windowMs: 10 * 60_000 },
  siteVotes: { limit: 3000, windowMs: 10 * 60_000 },
};

export type RateKind = 'submissions' | 'votes' | 'renderTokens' | 'polls';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const PRUNE_EVERY_MS = 60_000;
const SITE_BUCKET: Partial<Record<RateKind, keyof RateLimits>> = { submissions: 'siteSubmissions', votes: 'siteVotes' };

export class RateLimiter {
  private serverSecret: string | undefined;
  /** The salt of the UTC day last asked for: derived once a day rather than on every request. */
  private daySalt: { day: string; salt: string } | undefined;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly limits: RateLimits,
    private readonly clock: () => number,
  ) {}

  /**
   * Takes from the client's bucket first and only then from the site's, so one client over its
   * own limit does not use up the site's budget.
   */
  async hit(kind: RateKind, site: string, ip: string): Promise<RateDecision> {
    const now = this.clock();
    const take = (bucket: string, key: string, { limit, windowMs }: RateLimit): RateTake => ({
      bucket,
      key,
      now,
      intervalMs: windowMs / limit,
      burst: limit,
    });
    const chain = [take(`${kind}:${site}`, await this.clientKey(ip, now), this.limits[kind])];
    const siteLimit = SITE_BUCKET[kind];
    if (siteLimit) chain.push(take(`${kind}:site`, site, this.limits[siteLimit]));
    // One call for both buckets: on PostgreSQL one statement (and round trip) for the two takes.
    const outcome = await this.store.limits.takeRateTokens(chain);
    await this.maybePrune(now);
    if (outcome.allowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)) };
  }

  private async clientKey(ip: string, at: number): Promise<string> {
    this.serverSecret ??= await this.store.secret('rate-limit', randomBytes(32).toString('base64url'));
    const day = new Date(at).toISOString().slice(0, 10);
    if (this.daySalt?.day !== day) {
      this.daySalt = { day, salt: createHmac('sha256', this.serverSecret).update(`ip-salt:${day}`).digest('hex') };
    }
    return createHash('sha256').update(`${this.daySalt.salt}:${ip}`).digest('hex');
  }

  /** A bucket that has refilled is the same as none; forgetting them keeps the table small. */
  private async maybePrune(now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.store.limits.pruneRateBuckets(now);
  }
}
