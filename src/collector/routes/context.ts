import type { RenderTokenMode, RenderTokens } from '../render-token.js';
import type { RequestsInFlight } from '../export/pace.js';
import type { ProofOfWork } from '../pow.js';
import type { RateLimiter } from '../rate-limit.js';
import type { Store } from '../store/types.js';
import type { VoteVisitors } from '../vote-visitors.js';

/** What route modules share: the store, the rate limiter, render tokens and the clock (settable in tests). */
export interface RouteContext {
  store: Store;
  limiter: RateLimiter;
  now: () => Date;
  renderTokens: RenderTokens;
  /** `required` (default): public submissions need a render token; `off` for trusted integrations. */
  renderTokenMode: RenderTokenMode;
  /** ALTCHA-compatible proof-of-work for sites that turn it on (pow.ts). */
  pow: ProofOfWork;
  /** One vote per visitor and idea per day, by a keyed hash that identifies no one. */
  voteVisitors: VoteVisitors;
  /** Key for the audit log's contact hashes, from outside the database (see privacy/people.ts). */
  auditKey?: string | undefined;
  /** The requests in flight that are not downloads; exports pause for them (export/pace.ts). */
  requests: RequestsInFlight;
}
