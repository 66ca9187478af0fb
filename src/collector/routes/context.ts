import type { RateLimiter } from '../rate-limit.js';
import type { Store } from '../store/types.js';

/** What route modules share: the store, the rate limiter and the clock (settable in tests). */
export interface RouteContext {
  store: Store;
  limiter: RateLimiter;
  now: () => Date;
}
