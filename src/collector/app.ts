/** Builds the collector's HTTP app around a store. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../schema/index.js';
import { DEFAULT_FEED_INTERVAL_MS, scheduleCalendarFeeds, type FeedSchedule } from './calendar-feeds.js';
import type { RenderTokenMode } from './render-token.js';
import type { IntakeKeysConfig } from './intake-crypto.js';
import { installErrorHandlers, installResponseHeaders } from './http.js';
import { PURGE_INTERVAL_MS, schedulePurge, type PurgeSchedule } from './privacy/retention.js';
import { openApiRoutes } from './openapi.js';
import { collectRoutes } from './route-docs.js';
import type { RateLimits } from './rate-limit.js';
import { activityRoutes } from './routes/activities.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { calendarFeedRoutes } from './routes/calendar-feeds.js';
import { exportAllRoutes } from './routes/export-all.js';
import { feedbackPollRoutes } from './routes/feedback-poll.js';
import { handledRoutes } from './routes/handled.js';
import { healthRoutes } from './routes/health.js';
import { ideaGroupRoutes } from './routes/idea-groups.js';
import { originRoutes } from './routes/origins.js';
import { siteRoutes } from './routes/site.js';
import { publicIdeaRoutes } from './routes/ideas.js';
import { impactReportRoutes } from './routes/impact-report.js';
import { retentionRoutes } from './routes/retention.js';
import { volunteerRoutes } from './routes/volunteer.js';
import { intakeRoutes } from './routes/welcome-intake.js';
import type { RequestsInFlight } from './export/pace.js';
import { collectorServices } from './services.js';
import { submissionRoutes } from './submissions/pipeline.js';
import { zodValidatorCompiler } from './zod-provider.js';
import { isPostgresUrl, openStore, StoreConfigError, type StoreTarget } from './store/open.js';
import type { Store } from './store/types.js';
import { DEFAULT_DISPATCH_INTERVAL_MS, scheduleDispatch, type DispatchSchedule } from './webhooks/dispatcher.js';
import type { SendOptions } from './webhooks/send.js';

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
  /**
   * Enforce retention from this process: purge when the app is ready, then every `intervalMs`
   * (default daily). Off by default (library use, tests); `buurtkit-collector serve` turns it on.
   */
  purge?: { intervalMs?: number } | false;
  /**
   * Send queued webhook deliveries from this process every `intervalMs` (default 5 s). Off by
   * default (library use, tests call `dispatchDue`); `serve` turns it on. Submissions are queued
   * for a site's webhook either way. `allowPrivateNetworks` lets webhooks reach loopback and LAN
   * addresses (a self-hosted n8n next to the collector); refused by default (SSRF).
   */
  webhooks?: ({ intervalMs?: number } & SendOptions) | false;
  /**
   * `required` (default): a submission must carry a render token from `GET
   * /v1/sites/:site/render-token`, at least 2 s old and used once (see render-token.ts). `off` accepts
   * submissions without one, for a collector fed only by trusted servers, and in tests that are
   * not about tokens.
   */
  renderTokens?: RenderTokenMode;
  /**
   * Fetch every site's calendar feeds (settings `calendarFeeds`) every `intervalMs` (default
   * hourly) from this process. Off by default; `serve` turns it on. `allowPrivateNetworks` as for
   * webhooks; it also applies to `POST …/calendar-feeds/refresh`.
   */
  calendarFeeds?: ({ intervalMs?: number } & SendOptions) | false;
  /** Per-site AES-256-GCM keys for the sensitive intake answers (config `intakeKeys`); current key first. */
  intakeKeys?: IntakeKeysConfig | undefined;
  /** Key for the erasure audit's contact hashes, kept apart from the database (config `auditKey`). */
  auditKey?: string | undefined;
  /** The count of requests in flight that exports let go first; the app keeps its own unless given. */
  requestsInFlight?: RequestsInFlight | undefined;
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
  // First, so that every route after it is recorded for the API reference.
  const routes = collectRoutes(app);
  installGracefulClose(app);
  installErrorHandlers(app);
  installResponseHeaders(app);
  // Route schemas are zod schemas; a failing one answers the usual 422 with its field issues.
  app.setValidatorCompiler(zodValidatorCompiler);
  // The services every plugin after it uses, as decorators (services.ts); then a plugin per domain,
  // each encapsulated (its own hooks and body parsers). In this order the API reference lists them.
  void app.register(collectorServices, {
    store: options.store,
    clock,
    rateLimits: options.rateLimits,
    renderTokens: options.renderTokens,
    intakeKeys: options.intakeKeys,
    auditKey: options.auditKey,
    requestsInFlight: options.requestsInFlight,
  });
  void app.register(healthRoutes);
  void app.register(siteRoutes);
  void app.register(submissionRoutes);
  void app.register(publicIdeaRoutes);
  void app.register(adminRoutes);
  void app.register(ideaGroupRoutes);
  void app.register(calendarFeedRoutes, options.calendarFeeds || {});
  void app.register(exportAllRoutes);
  void app.register(feedbackPollRoutes);
  void app.register(volunteerRoutes);
  void app.register(auditRoutes);
  void app.register(retentionRoutes);
  void app.register(originRoutes);
  void app.register(handledRoutes);
  void app.register(openApiRoutes, { routes });
  void app.register(activityRoutes);
  void app.register(impactReportRoutes);
  void app.register(intakeRoutes);
  void app.register(import('./routes/admin-page.js'));
  if (options.purge) installPurge(app, options.store, clock, options.purge.intervalMs ?? PURGE_INTERVAL_MS);
  if (options.webhooks) installWebhookDispatch(app, options.store, clock, options.webhooks);
  if (options.calendarFeeds) installFeedRefresh(app, options.store, () => new Date(clock()), options.calendarFeeds);
  // Not booted yet: callers may add hooks or routes; inject() and listen() boot it.
  return app;
}

/** Starts the retention schedule once the app is ready; stops it (after a run in progress) on close. */
function installPurge(app: FastifyInstance, store: Store, clock: () => number, intervalMs: number): void {
  let schedule: PurgeSchedule | undefined;
  app.addHook('onReady', async () => {
    schedule = schedulePurge(store, {
      clock,
      intervalMs,
      onResult: (lines) =>
        app.log.info({ purge: lines.map(({ site, action, count }) => ({ site, action, count })) }, 'retention purge done'),
      onError: (error) => app.log.error({ err: error }, 'retention purge failed; retrying at the next run'),
    });
  });
  app.addHook('onClose', async () => schedule?.stop());
}

/** Refreshes calendar feeds on a schedule once the app is ready; stops (after a run) on close. */
function installFeedRefresh(app: FastifyInstance, store: Store, now: () => Date, options: { intervalMs?: number } & SendOptions): void {
  let schedule: FeedSchedule | undefined;
  app.addHook('onReady', async () => {
    schedule = scheduleCalendarFeeds(store, options.intervalMs ?? DEFAULT_FEED_INTERVAL_MS, {
      ...options,
      now,
      onError: (error) => app.log.error({ err: error }, 'calendar feed refresh failed; retrying at the next run'),
    });
  });
  app.addHook('onClose', async () => schedule?.stop());
}

/** Sends queued webhook deliveries once the app is ready; stops (after a run in progress) on close. */
function installWebhookDispatch(
  app: FastifyInstance,
  store: Store,
  clock: () => number,
  options: { intervalMs?: number } & SendOptions,
): void {
  let schedule: DispatchSchedule | undefined;
  app.addHook('onReady', async () => {
    schedule = scheduleDispatch(store, options.intervalMs ?? DEFAULT_DISPATCH_INTERVAL_MS, {
      ...options,
      clock,
      onError: (error) => app.log.error({ err: error }, 'webhook dispatch failed; retrying at the next run'),
    });
  });
  app.addHook('onClose', async () => schedule?.stop());
}

/**
 * On `close()` Fastify stops listening and answers new requests with 503, but a keep-alive socket
 * whose request was in flight stays open after its answer, and `server.close()` waits for it until
 * the keep-alive timeout. So once closing starts, answers carry `Connection: close`, and sockets
 * that went idle are closed a few times a second until the server is down.
 */
function installGracefulClose(app: FastifyInstance): void {
  let closing = false;
  let reaper: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = true;
    reaper = setInterval(() => app.server.closeIdleConnections(), 100).unref();
  });
  // Callback style, as in installResponseHeaders: no promise per answer.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    done(null, payload);
  });
  app.addHook('onClose', async () => clearInterval(reaper));
}

export interface OpenCollectorOptions extends Omit<CollectorOptions, 'store'> {
  /** Where the data lives; see `resolveStoreTarget` for how the CLI decides from flags and env. */
  storage?: StoreTarget;
  /** Shorthand for a SQLite file; created with its folder when missing. */
  dbPath?: string;
  /** Shorthand for PostgreSQL: a `postgres://` URL. */
  databaseUrl?: string;
}

export interface Collector {
  app: FastifyInstance;
  store: Store;
  storage: StoreTarget;
}

function storageOf(options: OpenCollectorOptions): StoreTarget {
  const given = [options.storage, options.dbPath, options.databaseUrl].filter((o) => o !== undefined);
  if (given.length !== 1) throw new StoreConfigError('Give exactly one of storage, dbPath or databaseUrl');
  if (options.storage) return options.storage;
  if (options.dbPath !== undefined) return { backend: 'sqlite', path: options.dbPath };
  if (!isPostgresUrl(options.databaseUrl!)) throw new StoreConfigError('databaseUrl must be a postgres:// URL');
  return { backend: 'postgres', url: options.databaseUrl! };
}

/**
 * A collector on its own store (SQLite file or PostgreSQL, migrated on open); closing the app
 * closes the store, after the requests in flight have finished.
 */
export async function openCollector(options: OpenCollectorOptions): Promise<Collector> {
  const { storage: _storage, dbPath: _dbPath, databaseUrl: _databaseUrl, ...rest } = options;
  const storage = storageOf(options);
  let log: ((error: Error) => void) | undefined;
  const store = await openStore(storage, { onIdleError: (error) => log?.(error) });
  try {
    const app = await createApp({ ...rest, store });
    log = (error) => app.log.warn({ err: error }, 'database connection lost; it will be replaced');
    app.addHook('onClose', async () => store.close());
    return { app, store, storage };
  } catch (error) {
    await store.close();
    throw error;
  }
}
