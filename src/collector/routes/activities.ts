/**
 * The activity calendar on the collector: public reads for `<activity-calendar>`
 * and calendar apps, and coordinator CRUD plus ICS upload under /v1/admin.
 *
 * - `GET /v1/sites/:site/activities?from&to` → `{items, remaining}`: the stored items (not
 *   occurrences; the widget expands in the browser) that have at least one occurrence overlapping
 *   the dates `from` to `to` (inclusive, in the site's zone). Without `from`/`to`: every live item.
 *   `remaining`: "ik kom" places left, `{[itemId]: {[recurrenceId]: n}}` (see attendance.ts).
 *   With `expand=occurrences` (needs `from`/`to`) the answer also has `occurrences`: every
 *   occurrence in the range, expanded here and sorted, so the widget needs no recurrence engine.
 * - `GET /v1/sites/:site/activities.ics[?audience&category]`: a feed; filters as in the widget
 *   (opening hours always stay; an activity "voor iedereen" matches every audience).
 * - `/v1/admin/sites/:site/activities[/:id]`: `read` to look, `moderate` to change, audited.
 *   Admin URLs use the row's UUIDv7; the item's own `id` (what the widget and the feed's UID see)
 *   is set by the collector: the row id for items made here, the ICS UID for imported ones.
 * - `POST /v1/admin/sites/:site/activities/import` (`text/calendar`, ≤ the 32 KiB body limit):
 *   upserts by the item `id` derived from each event's UID (or, without one, from its content): a
 *   live item with that id is replaced (keeping its row id), otherwise one is created; deleted
 *   items are not revived but re-created. Items an earlier upload of the same calendar (same
 *   X-WR-CALNAME, else PRODID) brought in and this file no longer has are deleted; the answer
 *   says how many and which (`removed`, `removedTitles`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACTIVITY_CATEGORY_MAX, MAX_RANGE_DAYS } from '../../calendar/constants.js';
import { writeIcsFeed } from '../../activities/ics-write.js';
import { itemInLanguage } from '../../schema/activity-texts.js';
import { expandDays } from '../../activities/recurrence.js';
import { addDays, daysBetween, parseLocalDate } from '../../calendar/wall-clock.js';
import {
  AUDIENCE_TAGS,
  activitySchema,
  localDateSchema,
  openingHoursSchema,
  uuidv7,
  type FieldIssue,
  type ScheduleItem,
} from '../../schema/index.js';
import { importCalendar } from '../calendar-feeds.js';
import { ApiError, invalid } from '../http.js';
import { activityExportRoutes } from './activity-export.js';
import { attendanceRoutes, remainingPlaces } from './attendance.js';
import { authorise, loadSite, rejectCrossSite, requireJson } from './guards.js';
import { storableTextIssues } from '../storable-text.js';
import { pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

/** Public reads may be cached briefly by browsers and proxies (CORS answers vary on Origin). */
const PUBLIC_CACHE = 'public, max-age=300';
const ATTENDANCE_CACHE = 'public, max-age=30';
/** Most occurrences one item gives in an expanded answer: more than daily over `MAX_RANGE_DAYS`. */
const MAX_EXPANDED_PER_ITEM = 2 * MAX_RANGE_DAYS;

const rangeQuerySchema = z.object({
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  expand: z.literal('occurrences').optional(),
});
const feedQuerySchema = z.object({
  audience: z.enum(AUDIENCE_TAGS).optional(),
  category: z.string().trim().min(1).max(ACTIVITY_CATEGORY_MAX).optional(),
  /** A feed in English or Arabic: each text in that language where the centre translated it, else Dutch. */
  lang: z.enum(['nl', 'en', 'ar']).optional(),
});

/**
 * The right-hand side of feed UIDs (`inloop@buurthuis-west.buurtkit`): two centres' activities with
 * the same id stay apart in one subscriber's calendar. Built from the site's slug only, which never
 * changes, and not from the request's Host: a proxy, an IP address or a second domain would give
 * the same feed other UIDs, and every subscriber would see each activity twice.
 */
export const feedUidDomain = (slug: string): string => `${slug}.buurtkit`;

/** What the coordinator sends for an item: one of the two kinds, each validated with its own schema. */
const itemBody = z.union([activitySchema, openingHoursSchema]);
const ITEM_NOTE = "The item's `id` is set by the collector: leave it out. Validated with the schema of its `kind`.";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const notFound = () => new ApiError(404, 'activity_not_found', 'There is no activity with this id');
/** An activity's id in a path; one that cannot exist is the same 404 as an unknown one. */
const activityParams = pathParams({ id: uuidV7Param }, notFound);

/**
 * An item's body with its id (set by `withItemId`), validated with its kind's own schema, so 422
 * paths point into that kind's fields rather than into a union's alternatives.
 */
const itemSchema = z.unknown().transform((body, ctx): ScheduleItem => {
  const parsed = (isRecord(body) && body.kind === 'opening-hours' ? openingHoursSchema : activitySchema).safeParse(body);
  if (parsed.success) return parsed.data;
  // The kind's issues as they are (paths, codes, messages); only their `input` is typed stricter.
  ctx.issues.push(...(parsed.error.issues as typeof ctx.issues));
  return z.NEVER;
});

/**
 * Before the body's schema: the body must be an object that leaves the id to the collector (each
 * the only issue when it fails); the id is then put in, so the schema sees a whole item.
 */
function withItemId(request: FastifyRequest, id: string): void {
  const body = request.body;
  if (!isRecord(body)) throw invalid([{ path: '', message: 'Expected an object', code: 'invalid_type' }]);
  if (body.id !== undefined && body.id !== id) {
    throw invalid([{ path: 'id', message: 'The id is set by the collector; leave it out', code: 'id_mismatch' }]);
  }
  request.body = { ...body, id };
}

/** The item as the store keeps it: no text with a NUL character, which PostgreSQL refuses. */
function storable(item: ScheduleItem): ScheduleItem {
  const nul = storableTextIssues(item);
  if (nul.length) throw invalid(nul);
  return item;
}

/** The widget's filter rule (src/widgets/activity-calendar/filters.ts), for the feed. */
function matchesFeedFilter(item: ScheduleItem, filter: z.output<typeof feedQuerySchema>): boolean {
  if (item.kind === 'opening-hours') return true;
  if (filter.category && item.category !== filter.category) return false;
  if (filter.audience && !item.audience.includes('iedereen') && !item.audience.includes(filter.audience)) return false;
  return true;
}

async function requireCalendar(request: FastifyRequest): Promise<void> {
  if (!/^text\/calendar\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the ICS file as Content-Type: text/calendar');
  }
}

export async function activityRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;
  // This plugin is encapsulated, so the text/calendar body parser exists for the import route only.
  app.addContentTypeParser('text/calendar', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const audit = (request: FastifyRequest, action: string, target: string | null, rowCount: number, at: Date) =>
    store.audit.append({ at: at.toISOString(), site: request.site!.slug, actor: request.token!.prefix, action, target, rowCount });

  // ---- public ----------------------------------------------------------------------------------

  const publicDoc = {
    tags: ['Activities'],
    summary: 'The calendar: items with an occurrence in the range, the "ik kom" places left, and expanded occurrences on request',
    description: `Dates in the site's zone, at most ${MAX_RANGE_DAYS} days; no dates: everything. \`expand=occurrences\` needs both dates.`,
  } as const;
  api.get(
    '/v1/sites/:site/activities',
    { onRequest: [loadSite], schema: { querystring: rangeQuerySchema }, config: publicDoc },
    async (request, reply) => {
      const site = request.site!;
      const { from, to, expand: expandTo } = request.query;
      const issues: FieldIssue[] = [];
      if (expandTo && from === undefined && to === undefined) {
        issues.push({ path: 'expand', message: 'Expanding needs from and to', code: 'invalid_range' });
      } else if ((from === undefined) !== (to === undefined)) {
        issues.push({ path: from === undefined ? 'from' : 'to', message: 'Give both from and to, or neither', code: 'invalid_range' });
      } else if (from !== undefined && to !== undefined) {
        const days = daysBetween(parseLocalDate(from)!, parseLocalDate(to)!);
        if (days < 0) issues.push({ path: 'to', message: 'to comes before from', code: 'invalid_range' });
        else if (days > MAX_RANGE_DAYS) issues.push({ path: 'to', message: `At most ${MAX_RANGE_DAYS} days`, code: 'invalid_range' });
      }
      if (issues.length) throw invalid(issues);
      const records = await store.activities.list(site.slug);
      let items = records.map((r) => r.data);
      let occurrences;
      if (from !== undefined && to !== undefined) {
        // The same expansion as the widget's: all-day dates are read as the site's days.
        const [start, end] = [parseLocalDate(from)!, addDays(parseLocalDate(to)!, 1)];
        items = items.filter((item) => expandDays([item], start, end, site.timeZone, { maxOccurrences: 1 }).length > 0);
        if (expandTo) occurrences = expandDays(items, start, end, site.timeZone, { maxOccurrences: MAX_EXPANDED_PER_ITEM });
      }
      // Remaining "ik kom" places; a short cache, since they change with every sign-up.
      const counts = await store.activities.listAttendance(site.slug, from !== undefined && to !== undefined ? { from, to } : undefined);
      reply.header('Cache-Control', ATTENDANCE_CACHE);
      return { items, remaining: remainingPlaces(records, counts), ...(occurrences && { occurrences }) };
    },
  );

  const feedDoc = {
    tags: ['Activities'],
    summary: 'The calendar as an ICS feed to subscribe to, optionally filtered and in English or Arabic',
  } as const;
  api.get(
    '/v1/sites/:site/activities.ics',
    { onRequest: [loadSite], schema: { querystring: feedQuerySchema }, config: feedDoc },
    async (request, reply) => {
      const site = request.site!;
      const { lang } = request.query;
      const listed = (await store.activities.list(site.slug)).map((r) => r.data).filter((i) => matchesFeedFilter(i, request.query));
      const items = lang ? listed.map((i) => itemInLanguage(i, lang)) : listed;
      const feed = writeIcsFeed(items, {
        now: app.now(),
        calendarName: site.name,
        timeZone: site.timeZone,
        uidDomain: feedUidDomain(site.slug),
      });
      return reply
        .header('Content-Type', 'text/calendar; charset=utf-8')
        .header('Content-Disposition', `inline; filename="${site.slug}.ics"`)
        .header('Cache-Control', PUBLIC_CACHE)
        .send(feed);
    },
  );

  attendanceRoutes(app);

  // ---- coordinators ----------------------------------------------------------------------------

  activityExportRoutes(app);

  const tags = ['Activities'] as const;
  app.get(
    '/v1/admin/sites/:site/activities',
    { onRequest: [authorise('read')], config: { tags, summary: 'Every activity and opening-hours item, as stored' } },
    async (request) => {
      return { activities: await store.activities.list(request.site!.slug) };
    },
  );

  api.get(
    '/v1/admin/sites/:site/activities/:id',
    { onRequest: [authorise('read')], schema: { params: activityParams }, config: { tags, summary: 'One activity or opening-hours item' } },
    async (request) => {
      const record = await store.activities.get(request.site!.slug, request.params.id);
      if (!record) throw notFound();
      return record;
    },
  );

  api.post(
    '/v1/admin/sites/:site/activities',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
      preValidation: async (request) => withItemId(request, uuidv7()),
      schema: { body: itemSchema },
      config: { tags, summary: 'Add an activity or opening hours (audited)', description: ITEM_NOTE, body: itemBody, status: 201 },
    },
    async (request, reply) => {
      const data = storable(request.body);
      const { id } = data;
      const now = app.now();
      const record = await store.activities.create({ id, site: request.site!.slug, data }, now.toISOString());
      await audit(request, 'activity.create', id, 1, now);
      return reply.code(201).header('Location', `/v1/admin/sites/${record.site}/activities/${id}`).send(record);
    },
  );

  const putDoc = { tags, summary: 'Replace an activity or opening hours (audited)', description: ITEM_NOTE, body: itemBody };
  // An unknown activity is a 404 whatever the body says; a malformed id is left to the params schema.
  const existingItemId = async (request: FastifyRequest) => {
    const params = activityParams.safeParse(request.params);
    if (!params.success) return;
    const existing = await store.activities.get(request.site!.slug, params.data.id);
    if (!existing) throw notFound();
    withItemId(request, existing.data.id);
  };
  api.put(
    '/v1/admin/sites/:site/activities/:id',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
      preValidation: existingItemId,
      schema: { params: activityParams, body: itemSchema },
      config: putDoc,
    },
    async (request) => {
      const { id } = request.params;
      const site = request.site!.slug;
      const data = storable(request.body);
      const now = app.now();
      const record = await store.activities.update(site, id, data, now.toISOString());
      if (!record) throw notFound(); // deleted meanwhile
      await audit(request, 'activity.update', id, 1, now);
      return record;
    },
  );

  const deleteDoc = { tags, summary: 'Delete an activity (audited)', status: 204 } as const;
  api.delete(
    '/v1/admin/sites/:site/activities/:id',
    { onRequest: [rejectCrossSite, authorise('moderate')], schema: { params: activityParams }, config: deleteDoc },
    async (request, reply) => {
      const { id } = request.params;
      const now = app.now();
      const deleted = await store.activities.delete(request.site!.slug, id, now.toISOString());
      if (!deleted) throw notFound();
      await audit(request, 'activity.delete', id, 1, now);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/admin/sites/:site/activities/import',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireCalendar],
      config: {
        tags,
        summary: 'Import an ICS file: upsert by UID, and remove what an earlier upload of the same calendar brought in and this one lacks',
        bodyType: 'text/calendar',
      },
    },
    async (request) => {
      const site = request.site!;
      const text = typeof request.body === 'string' ? request.body : '';
      const now = app.now();
      const { created, updated, removed, removedTitles, items, warnings } = await importCalendar(store, site, text, now);
      await audit(request, 'activity.import', null, created + updated + removed, now);
      return { created, updated, removed, removedTitles, items, warnings };
    },
  );
}
