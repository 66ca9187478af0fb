/** Builds the collector's HTTP app around a store. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../schema/index.js';
import { installErrorHandlers, installResponseHeaders } from './http.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerPublicRoutes } from './routes/public.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';

export interface CollectorOptions {
  store: Store;
  /** Fastify/pino logger settings; off by default (tests, library use). */
  logger?: FastifyServerOptions['logger'];
  /**
   * Whom to believe in X-Forwarded-For, as Fastify's `trustProxy`. Off by default: behind a reverse
   * proxy every visitor would otherwise share the proxy's address and its rate limit.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  rateLimits?: Partial<RateLimits>;
  /** Current time in epoch ms; tests move it to cross rate-limit windows and token expiry. */
  clock?: () => number;
}

export async function createApp(options: CollectorOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: MAX_BODY_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Stop idle keep-alive sockets on close, so a SIGTERM does not wait for browsers to hang up.
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;
  // JSON only: a text/plain "simple request" would skip the CORS preflight.
  app.removeContentTypeParser('text/plain');

  const clock = options.clock ?? Date.now;
  const limiter = new RateLimiter(options.store, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, clock);
  const ctx = { store: options.store, limiter, now: () => new Date(clock()) };

  installErrorHandlers(app);
  installResponseHeaders(app);
  registerPublicRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  // Not booted yet: callers may add hooks or routes; inject() and listen() boot it.
  return app;
}

export interface OpenCollectorOptions extends Omit<CollectorOptions, 'store'> {
  /** SQLite file; created with its folder when missing. */
  dbPath: string;
}

export interface Collector {
  app: FastifyInstance;
  store: SqliteStore;
}

/** A collector on a SQLite file; closing the app closes the database. */
export async function openCollector(options: OpenCollectorOptions): Promise<Collector> {
  const { dbPath, ...rest } = options;
  const store = new SqliteStore(dbPath);
  try {
    const app = await createApp({ ...rest, store });
    app.addHook('onClose', async () => store.close());
    return { app, store };
  } catch (error) {
    await store.close();
    throw error;
  }
}
