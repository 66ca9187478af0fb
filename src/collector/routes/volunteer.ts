/**
 * `<volunteer-signup>` and `<host-today>` on the collector.
 *
 * Public (CORS like the other public routes, no token):
 * - `GET /v1/sites/:site/volunteer[?from&to]` → roles and shift occurrences with counts only.
 * - `GET /v1/sites/:site/volunteer/host-today` → today's host shifts (a first name only with the
 *   site setting `volunteer.showHostName`).
 * - `POST /v1/sites/:site/volunteer/manage` `{token, action: view|cancel|confirm, ids?}`: what the
 *   personal link does. The token travels in the body, never in a URL or a log line.
 * - Sign-ups arrive as envelopes at `POST /v1/sites/:site/submissions` (kinds `shifts`, `application`).
 *
 * Offers that ran out are expired lazily on every read and write here, and by a sweep every five
 * minutes; nothing is kept in process memory.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDays, daysBetween, formatLocalDate, parseLocalDate } from '../../calendar/wall-clock.js';
import {
  CANCEL_TOKEN_PATTERN,
  localDateSchema,
  shiftSignupSubmissionSchema,
  toFieldIssues,
  volunteerApplicationSubmissionSchema,
  type FieldIssue,
  type OwnSignupsAnswer,
  type PublicRoster,
} from '../../schema/index.js';
import { occurrenceOn } from '../../volunteer/shifts.js';
import { ApiError } from '../http.js';
import type { Site, SlotChange, VolunteerNotification } from '../store/types.js';
import { queueWebhook } from '../webhooks/dispatcher.js';
import type { RouteContext } from './context.js';
import { publicSite, rateLimit } from './guards.js';
import {
  checkEnvelope,
  invalid,
  isHoneypotFilled,
  requireJson,
  sendInsertOutcome,
  submissionHandlers,
  toSubmissionRecord,
} from './public.js';
import { registerVolunteerAdminRoutes } from './volunteer-admin.js';
import { dayRange, hostToday, loadCatalogue, offerMsOf, ownSignup, publicOccurrences, publicRole, todayIn } from './volunteer-views.js';

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
  ctx: RouteContext,
  notifications: readonly VolunteerNotification[],
  log?: FastifyRequest['log'],
): Promise<void> {
  for (const n of notifications) {
    await queueWebhook(ctx.store, n.site, `volunteer.${n.kind}`, { notificationId: n.id, ...n.payload }, ctx.now());
    log?.info({ site: n.site, kind: n.kind, notification: n.id }, 'volunteer notification queued');
  }
}

/** Expire due offers of a site, then hand on the notifications. */
export async function sweepSite(ctx: RouteContext, site: Site, log?: FastifyRequest['log']): Promise<void> {
  const change = await ctx.store.volunteer.sweep(site.slug, ctx.now().toISOString(), () => offerMsOf(site));
  await queueNotification(ctx, change.notifications, log);
}

const rangeSchema = z.strictObject({ from: localDateSchema.optional(), to: localDateSchema.optional() });
const manageSchema = z.strictObject({
  token: z.string().regex(CANCEL_TOKEN_PATTERN),
  action: z.enum(['view', 'cancel', 'confirm']),
  ids: z.array(z.string().max(40)).max(50).optional(),
});

export function registerVolunteerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  const loadSite = publicSite(ctx);

  const rateLimited = rateLimit(ctx, 'submissions');

  const tags = ['Volunteers'] as const;
  const rosterDoc = {
    tags,
    summary: `Roles and shift occurrences with places and waitlists, counts only (default ${DEFAULT_DAYS} days, at most ${MAX_DAYS})`,
    query: rangeSchema,
  };
  app.get('/v1/sites/:site/volunteer', { onRequest: [loadSite], config: rosterDoc }, async (request, reply): Promise<PublicRoster> => {
    const site = request.site!;
    const query = rangeSchema.safeParse(request.query);
    if (!query.success) throw invalid(toFieldIssues(query.error));
    const now = ctx.now();
    const from = query.data.from ?? todayIn(site, now);
    const to = query.data.to ?? formatLocalDate(addDays(parseLocalDate(from)!, DEFAULT_DAYS - 1));
    const days = daysBetween(parseLocalDate(from)!, parseLocalDate(to)!);
    if (days < 0 || days >= MAX_DAYS)
      throw invalid([{ path: 'to', message: `From 0 to ${MAX_DAYS} days after from`, code: 'invalid_range' }]);
    await sweepSite(ctx, site, request.log);
    const catalogue = await loadCatalogue(store, site.slug);
    const { fromMs, toMs } = dayRange(site, from, to);
    reply.header('Cache-Control', 'no-store');
    return {
      timeZone: site.timeZone,
      roles: catalogue.roles.map(publicRole),
      occurrences: await publicOccurrences(store, site, catalogue, fromMs, toMs, now),
    };
  });

  const hostDoc = { tags, summary: "Today's host shifts: filled or not, and the host's first name where the site shows it" };
  app.get('/v1/sites/:site/volunteer/host-today', { onRequest: [loadSite], config: hostDoc }, async (request, reply) => {
    const site = request.site!;
    await sweepSite(ctx, site, request.log);
    reply.header('Cache-Control', 'public, max-age=60');
    return hostToday(store, site, await loadCatalogue(store, site.slug), ctx.now());
  });

  app.post(
    '/v1/sites/:site/volunteer/manage',
    {
      onRequest: [loadSite, rateLimited, requireJson],
      config: { tags, summary: "What a volunteer's personal link does: view, cancel or confirm their sign-ups", body: manageSchema },
    },
    async (request): Promise<OwnSignupsAnswer> => {
      const site = request.site!;
      const parsed = manageSchema.safeParse(request.body);
      if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
      const { token, action, ids } = parsed.data;
      const hash = hashToken(token);
      const settings = { now: ctx.now().toISOString(), offerMs: offerMsOf(site) };
      let change: SlotChange = { signups: [], notifications: [] };
      if (action === 'cancel') change = await store.volunteer.cancel(site.slug, hash, ids ?? null, settings);
      else if (action === 'confirm') change = await store.volunteer.confirm(site.slug, hash, settings);
      else await sweepSite(ctx, site, request.log);
      await queueNotification(ctx, change.notifications, request.log);
      const signups = await store.volunteer.listByToken(site.slug, hash);
      if (signups.length === 0) throw new ApiError(404, 'signup_not_found', 'This link does not belong to a sign-up (yet)');
      const catalogue = await loadCatalogue(store, site.slug);
      return { timeZone: site.timeZone, signups: signups.map((s) => ownSignup(s, catalogue)) };
    },
  );

  registerVolunteerAdminRoutes(app, ctx);

  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweeper = setInterval(() => {
      void (async () => {
        const sites = new Map((await store.access.listSites()).map((s) => [s.slug, s]));
        const change = await store.volunteer.sweep(null, ctx.now().toISOString(), (slug) => offerMsOf(sites.get(slug)!));
        await queueNotification(ctx, change.notifications, app.log);
      })().catch((error: unknown) => app.log.error({ err: error }, 'volunteer offer sweep failed; retrying at the next run'));
    }, SWEEP_INTERVAL_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function volunteerSubmission(request: FastifyRequest, reply: FastifyReply, ctx: RouteContext): Promise<unknown> {
  const site = request.site!;
  const kind = isRecord(request.body) && isRecord(request.body.data) ? request.body.data.kind : undefined;
  if (kind === 'application') {
    const parsed = volunteerApplicationSubmissionSchema.safeParse(request.body);
    if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
    checkEnvelope(parsed.data, site.slug);
    if (isHoneypotFilled(parsed.data)) return reply.code(201).send({ id: parsed.data.id, status: 'received' });
    const outcome = await ctx.store.volunteer.insertApplication(toSubmissionRecord(parsed.data, ctx.now()));
    return sendInsertOutcome(reply, parsed.data.id, outcome);
  }
  const parsed = shiftSignupSubmissionSchema.safeParse(request.body);
  if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
  const envelope = parsed.data;
  checkEnvelope(envelope, site.slug);
  if (isHoneypotFilled(envelope)) return reply.code(201).send({ id: envelope.id, status: 'received', signups: [] });
  const now = ctx.now();
  const catalogue = await loadCatalogue(ctx.store, site.slug);
  const issues: FieldIssue[] = [];
  const slots = envelope.data.shifts.flatMap(({ shiftId, date }, n) => {
    const shift = catalogue.shifts.find((s) => s.id === shiftId);
    const occurrence = shift && occurrenceOn(shift.id, shift.data, site.timeZone, date);
    if (!shift || !occurrence) {
      issues.push({ path: `data.shifts.${n}`, message: 'There is no such shift on this date', code: 'shift_not_found' });
      return [];
    }
    if (occurrence.startMs <= now.getTime()) {
      issues.push({ path: `data.shifts.${n}`, message: 'This shift has already started', code: 'shift_started' });
      return [];
    }
    const iso = (ms: number) => new Date(ms).toISOString();
    return [{ shiftId, date, startAt: iso(occurrence.startMs), endAt: iso(occurrence.endMs) }];
  });
  if (issues.length) throw invalid(issues);
  // The token itself is never stored: only its hash, on the sign-up rows.
  const { cancelToken, ...kept } = envelope.data;
  const record = toSubmissionRecord({ ...envelope, data: kept }, now);
  const result = await ctx.store.volunteer.signUp(
    {
      submission: record,
      tokenHash: hashToken(cancelToken),
      firstName: envelope.data.firstName,
      contact: envelope.data.contact,
      slots,
      offerMs: offerMsOf(site),
    },
    now.toISOString(),
  );
  if (result.outcome === 'conflict') return sendInsertOutcome(reply, envelope.id, 'conflict');
  await queueNotification(ctx, result.notifications, request.log);
  return reply.code(result.outcome === 'created' ? 201 : 200).send({
    id: envelope.id,
    status: result.outcome === 'created' ? 'received' : 'duplicate',
    signups: result.signups.map((s) => ({ shiftId: s.shiftId, date: s.date, status: s.status })),
  });
}
submissionHandlers.set('volunteer-signup', volunteerSubmission);
