/**
 * `<volunteer-signup>` and `<host-today>` on the collector.
 *
 * Public (CORS like the other public routes, no token):
 * - `GET /v1/sites/:site/volunteer[?from&to]` → roles and shift occurrences with counts only.
 * - `GET /v1/sites/:site/volunteer/host-today` → today's host shifts (a first name only with the
 *   site setting `volunteer.showHostName`).
 * - `POST /v1/sites/:site/volunteer/manage` `{token, action: view|cancel|confirm, ids?}`: what the
 *   personal link does. The token travels in the body, never in a URL or a log line.
 * - Sign-ups arrive as envelopes at `POST /v1/sites/:site/submissions` (kinds `shifts`,
 *   `application`; submissions/volunteer-signup.ts).
 *
 * Offers that ran out are expired lazily on every read and write here, and by a sweep every five
 * minutes; nothing is kept in process memory.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDays, daysBetween, formatLocalDate, parseLocalDate } from '../../calendar/wall-clock.js';
import { CANCEL_TOKEN_PATTERN, localDateSchema, type OwnSignupsAnswer, type PublicRoster } from '../../schema/index.js';
import { ApiError, invalid } from '../http.js';
import type { Site, SlotChange, VolunteerNotification } from '../store/types.js';
import { queueWebhook } from '../webhooks/dispatcher.js';
import { loadSite, rateLimit, requireJson } from './guards.js';
import { volunteerAdminRoutes } from './volunteer-admin.js';
import { dayRange, hostToday, loadCatalogue, offerMsOf, ownSignup, publicOccurrences, publicRole, todayIn } from './volunteer-views.js';
import type { ZodTypeProvider } from '../zod-provider.js';

const SWEEP_INTERVAL_MS = 5 * 60_000;
const DEFAULT_DAYS = 28;
const MAX_DAYS = 120;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Where notifications leave the collector. They are already stored in the notification outbox
 * (same transaction as the change); this is called after the commit with the new ones and queues
 * each for the site's webhook (`volunteer.offered`, `volunteer.reminder`; signed, retried, SSRF-safe,
 * see webhooks/), when the site has one. A mailer can also read
 * `GET /v1/admin/sites/:site/volunteer/notifications` and mark them sent.
 */
export async function queueNotification(
  app: FastifyInstance,
  notifications: readonly VolunteerNotification[],
  log?: FastifyRequest['log'],
): Promise<void> {
  for (const n of notifications) {
    await queueWebhook(app.store, n.site, `volunteer.${n.kind}`, { notificationId: n.id, ...n.payload }, app.now());
    log?.info({ site: n.site, kind: n.kind, notification: n.id }, 'volunteer notification queued');
  }
}

/** Expire due offers of a site, then hand on the notifications. */
export async function sweepSite(app: FastifyInstance, site: Site, log?: FastifyRequest['log']): Promise<void> {
  const change = await app.store.volunteer.sweep(site.slug, app.now().toISOString(), () => offerMsOf(site));
  await queueNotification(app, change.notifications, log);
}

const rangeSchema = z.strictObject({ from: localDateSchema.optional(), to: localDateSchema.optional() });
const manageSchema = z.strictObject({
  token: z.string().regex(CANCEL_TOKEN_PATTERN),
  action: z.enum(['view', 'cancel', 'confirm']),
  ids: z.array(z.string().max(40)).max(50).optional(),
});

export async function volunteerRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;

  const rateLimited = rateLimit('submissions');

  const tags = ['Volunteers'] as const;
  const rosterDoc = {
    tags,
    summary: `Roles and shift occurrences with places and waitlists, counts only (default ${DEFAULT_DAYS} days, at most ${MAX_DAYS})`,
  };
  api.get(
    '/v1/sites/:site/volunteer',
    { onRequest: [loadSite], schema: { querystring: rangeSchema }, config: rosterDoc },
    async (request, reply): Promise<PublicRoster> => {
      const site = request.site!;
      const now = app.now();
      const from = request.query.from ?? todayIn(site, now);
      const to = request.query.to ?? formatLocalDate(addDays(parseLocalDate(from)!, DEFAULT_DAYS - 1));
      const days = daysBetween(parseLocalDate(from)!, parseLocalDate(to)!);
      if (days < 0 || days >= MAX_DAYS)
        throw invalid([{ path: 'to', message: `From 0 to ${MAX_DAYS} days after from`, code: 'invalid_range' }]);
      await sweepSite(app, site, request.log);
      const catalogue = await loadCatalogue(store, site.slug);
      const { fromMs, toMs } = dayRange(site, from, to);
      reply.header('Cache-Control', 'no-store');
      return {
        timeZone: site.timeZone,
        roles: catalogue.roles.map(publicRole),
        occurrences: await publicOccurrences(store, site, catalogue, fromMs, toMs, now),
      };
    },
  );

  const hostDoc = { tags, summary: "Today's host shifts: filled or not, and the host's first name where the site shows it" };
  app.get('/v1/sites/:site/volunteer/host-today', { onRequest: [loadSite], config: hostDoc }, async (request, reply) => {
    const site = request.site!;
    await sweepSite(app, site, request.log);
    reply.header('Cache-Control', 'public, max-age=60');
    return hostToday(store, site, await loadCatalogue(store, site.slug), app.now());
  });

  api.post(
    '/v1/sites/:site/volunteer/manage',
    {
      onRequest: [loadSite, rateLimited, requireJson],
      schema: { body: manageSchema },
      config: { tags, summary: "What a volunteer's personal link does: view, cancel or confirm their sign-ups" },
    },
    async (request): Promise<OwnSignupsAnswer> => {
      const site = request.site!;
      const { token, action, ids } = request.body;
      const hash = hashToken(token);
      const settings = { now: app.now().toISOString(), offerMs: offerMsOf(site) };
      let change: SlotChange = { signups: [], notifications: [] };
      if (action === 'cancel') change = await store.volunteer.cancel(site.slug, hash, ids ?? null, settings);
      else if (action === 'confirm') change = await store.volunteer.confirm(site.slug, hash, settings);
      else await sweepSite(app, site, request.log);
      await queueNotification(app, change.notifications, request.log);
      const signups = await store.volunteer.listByToken(site.slug, hash);
      if (signups.length === 0) throw new ApiError(404, 'signup_not_found', 'This link does not belong to a sign-up (yet)');
      const catalogue = await loadCatalogue(store, site.slug);
      return { timeZone: site.timeZone, signups: signups.map((s) => ownSignup(s, catalogue)) };
    },
  );

  await app.register(volunteerAdminRoutes);

  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweeper = setInterval(() => {
      void (async () => {
        const sites = new Map((await store.access.listSites()).map((s) => [s.slug, s]));
        const change = await store.volunteer.sweep(null, app.now().toISOString(), (slug) => offerMsOf(sites.get(slug)!));
        await queueNotification(app, change.notifications, app.log);
      })().catch((error: unknown) => app.log.error({ err: error }, 'volunteer offer sweep failed; retrying at the next run'));
    }, SWEEP_INTERVAL_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));
}
