/**
 * What the route plugins share, as decorators on the Fastify instance: the store, the rate
 * limiter, render tokens, proof of work, vote visitors, the clock, the intake keys and the audit
 * key. Wrapped with fastify-plugin so that every plugin registered after it sees them; each app
 * has its own, so two apps in one process (tests) never share keys or clocks.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RequestsInFlight } from './export/pace.js';
import { toKeyring, type IntakeKeyring, type IntakeKeysConfig } from './intake-crypto.js';
import { ProofOfWork } from './pow.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit.js';
import { RenderTokens, type RenderTokenMode } from './render-token.js';
import type { Store } from './store/types.js';
import { VoteVisitors } from './vote-visitors.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    limiter: RateLimiter;
    /** The current time; tests set the clock to cross rate-limit windows and token expiry. */
    now: () => Date;
    renderTokens: RenderTokens;
    /** `required` (default): public submissions need a render token; `off` for trusted integrations. */
    renderTokenMode: RenderTokenMode;
    /** ALTCHA-compatible proof-of-work for sites that turn it on (pow.ts). */
    pow: ProofOfWork;
    /** One vote per visitor and idea per day, by a keyed hash that identifies no one. */
    voteVisitors: VoteVisitors;
    /** Per-site keys for the intake's sensitive answers (config `intakeKeys`), current key first. */
    intakeKeys: IntakeKeyring;
    /** Key for the audit log's contact hashes, from outside the database (see privacy/people.ts). */
    auditKey: string | undefined;
    /** The requests in flight that are not downloads; exports let them go first (export/pace.ts). */
    requestsInFlight: RequestsInFlight;
  }
}

export interface ServiceOptions {
  store: Store;
  rateLimits?: Partial<RateLimits> | undefined;
  /** Current time in epoch ms. */
  clock: () => number;
  renderTokens?: RenderTokenMode | undefined;
  intakeKeys?: IntakeKeysConfig | undefined;
  auditKey?: string | undefined;
  /** The count of requests in flight that exports let go first; the app keeps its own unless given. */
  requestsInFlight?: RequestsInFlight | undefined;
}

async function services(app: FastifyInstance, options: ServiceOptions): Promise<void> {
  const { store, clock } = options;
  app.decorate('store', store);
  app.decorate('limiter', new RateLimiter(store, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, clock));
  app.decorate('now', () => new Date(clock()));
  app.decorate('renderTokens', new RenderTokens(store, clock));
  app.decorate('renderTokenMode', options.renderTokens ?? 'required');
  app.decorate('pow', new ProofOfWork(store, clock));
  app.decorate('voteVisitors', new VoteVisitors(store, clock));
  app.decorate('intakeKeys', toKeyring(options.intakeKeys));
  app.decorate('auditKey', options.auditKey);
  const requests = options.requestsInFlight ?? new RequestsInFlight();
  app.decorate('requestsInFlight', requests);
  // Every request but downloads (the routes under `/export/`), until its response closes (answered
  // or aborted): a running export pauses longer while any is in flight, so it is not queued behind
  // export work at each of its turns of the event loop.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.routeOptions.url?.includes('/export/')) {
      requests.start();
      reply.raw.once('close', () => requests.end());
    }
    done();
  });
}

export const collectorServices = fp(services, { name: 'buurtkit-services', fastify: '5.x' });
