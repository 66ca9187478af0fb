/**
 * Pure delivery policy for the outbox: which answers mean "delivered", "try again later" or
 * "the data is wrong", how long to wait between attempts, and how to read `Retry-After`.
 * No DOM, no timers: the outbox passes in the clock and the random source, so tests can pin them.
 */

/** What to do with an outbox item after one attempt. */
export type Verdict = 'delivered' | 'retry' | 'reject';

export interface BackoffOptions {
  /** Delay ceiling for the first retry, in ms; it doubles with each attempt. */
  baseMs: number;
  /** Largest delay, in ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/** A server may ask us to wait; we honour it, but not for longer than a day. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * Classify an HTTP answer. `status` 0 with `type` 'opaque' is a no-cors answer we cannot read:
 * the request reached a server, so it counts as delivered. A network error never gets here
 * (fetch rejects), the caller treats it as 'retry'.
 */
export function classifyResponse(status: number, type?: string): Verdict {
  if (type === 'opaque') return 'delivered';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400 && status < 500) return 'reject';
  // Anything else (a redirect we could not follow, status 0): keep the item, never drop it silently.
  return 'retry';
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base * 2^(attempt-1))].
 * `attempt` is the number of attempts made so far (1 after the first failure).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(r * exp);
}

/**
 * Parse a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds from `now`,
 * or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Math.min(MAX_RETRY_AFTER_MS, Number(v) * 1000);
  // HTTP dates always name a weekday or month; bare numbers like "1.5" are not dates.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/** When to try again: the server's Retry-After when it gave one, otherwise backoff. */
export function nextAttemptDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  return retryAfterMs ?? backoffDelay(attempt, options, random);
}
