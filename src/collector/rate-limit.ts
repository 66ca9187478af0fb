/**
 * Fixed-window rate limits kept in the database, so instances behind a load balancer share them.
 * The client is identified by SHA-256(daily salt + IP); the salt is derived from a server secret
 * stored in the database and changes every UTC day, so stored keys cannot be linked across days
 * and the IP address itself is never written anywhere.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Store } from './store/types.js';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  submissions: RateLimit;
  votes: RateLimit;
  /** Responses to one poll from one client (issue 7); on top of `submissions`. */
  polls: RateLimit;
}

/** Generous for people (a class filling in ideas from one school network), tight for scripts. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  submissions: { limit: 30, windowMs: 10 * 60_000 },
  votes: { limit: 120, windowMs: 10 * 60_000 },
  // A kiosk tablet at the door shares one address: a response every 30 seconds, sustained.
  polls: { limit: 20, windowMs: 10 * 60_000 },
};

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const PRUNE_EVERY_MS = 60_000;

export class RateLimiter {
  private serverSecret: string | undefined;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly limits: RateLimits,
    private readonly clock: () => number,
  ) {}

  async hit(kind: keyof RateLimits, site: string, ip: string): Promise<RateDecision> {
    const { limit, windowMs } = this.limits[kind];
    const now = this.clock();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const key = await this.clientKey(ip, windowStart);
    const count = await this.store.hitRateLimit({ bucket: `${kind}:${site}`, key, windowStart });
    await this.maybePrune(now);
    if (count <= limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
  }

  private async clientKey(ip: string, at: number): Promise<string> {
    this.serverSecret ??= await this.store.secret('rate-limit', randomBytes(32).toString('base64url'));
    const day = new Date(at).toISOString().slice(0, 10);
    const salt = createHmac('sha256', this.serverSecret).update(`ip-salt:${day}`).digest('hex');
    return createHash('sha256').update(`${salt}:${ip}`).digest('hex');
  }

  /** Old windows are useless; forgetting them keeps the table small. Once a minute is plenty. */
  private async maybePrune(now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const longest = Math.max(...Object.values(this.limits).map((l: RateLimit) => l.windowMs));
    await this.store.pruneRateLimits(now - 2 * longest);
  }
}
