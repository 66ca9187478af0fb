/**
 * "Ik kom": a visitor counts places for one occurrence of an activity with a capacity.
 *
 * `POST /v1/sites/:site/activities/:id/attendance` (`:id` the item's own id, as in the public
 * JSON) with an envelope (`widget: activity-calendar`, `data: {kind: 'attendance', activityId,
 * occurrence, places}`). Anonymous; the envelope id is the idempotency key.
 * - `201 {id, status: 'received', places, taken, remaining}`; `200` the same with `duplicate`.
 * - `409 {error: 'activity_full', places, taken, remaining}`: these places do not fit; nothing counted.
 * Like a submission it needs a render token (`Buurtkit-Render-Token`), and one request asks for at
 * most `registration.maxPlaces` places (default 4; `422 too_many_places` above that).
 * - `410 occurrence_closed`: the occurrence was cancelled or is over. `404`: no such activity or
 *   occurrence. `422`: field errors, or the activity has no capacity to count against.
 * The count and the check happen in one store transaction (see `ActivitiesStore.addAttendance`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { expand } from '../../activities/recurrence.js';
import { startOfDay } from '../../calendar/time-zone.js';
import { addDays, canonicalLocal, parseLocalDate } from '../../calendar/wall-clock.js';
import { attendanceSubmissionSchema, type AttendanceSubmission, type Occurrence, type ScheduleItem } from '../../schema/index.js';
import { capacityOf } from '../export/activities.js';
import { DEFAULT_ATTENDANCE_PLACES_PER_REQUEST } from '../../calendar/constants.js';
import { ApiError, invalid } from '../http.js';
import type { ActivityRecord, OccurrenceAttendance } from '../store/types.js';
import { authorise, loadSite, rateLimit, rejectCrossSite, requireJson } from './guards.js';
import { checkEnvelope, isHoneypotFilled, type AnyEnvelope } from '../envelope.js';
import { pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

/** A moved occurrence is still found when its new date is this far from the original. */
const MOVE_WINDOW_DAYS = 62;

const occurrenceNotFound = () => new ApiError(404, 'occurrence_not_found', 'This activity does not happen at that time');

const activityNotFound = () => new ApiError(404, 'activity_not_found', 'There is no activity with this id');

/** The occurrence of `item` whose original slot is `recurrenceId` (canonical form), if it exists. */
export function findOccurrence(item: ScheduleItem, recurrenceId: string): Occurrence | undefined {
  const date = parseLocalDate(recurrenceId.slice(0, 10));
  if (!date) return undefined;
  const from = startOfDay(addDays(date, -MOVE_WINDOW_DAYS), item.timeZone);
  const to = startOfDay(addDays(date, MOVE_WINDOW_DAYS), item.timeZone);
  return expand(item, from, to).find((o) => o.recurrenceId === recurrenceId);
}

/**
 * Remaining places per item id and occurrence, for the public JSON: `{[itemId]: {[recurrenceId]: n}}`.
 * Only occurrences with at least one "ik kom" are listed; any other occurrence has the full capacity.
 */
export function remainingPlaces(
  records: readonly ActivityRecord[],
  counts: readonly OccurrenceAttendance[],
): Record<string, Record<string, number>> {
  const byRow = new Map(records.map((r) => [r.id, r.data]));
  const remaining: Record<string, Record<string, number>> = {};
  for (const c of counts) {
    const item = byRow.get(c.activityId);
    const capacity = item && capacityOf(item);
    if (!item || capacity === undefined) continue;
    (remaining[item.id] ??= {})[c.occurrence] = Math.max(0, capacity - c.places);
  }
  return remaining;
}

export function attendanceRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;

  /** Like the submissions route: a foreign origin may read, never write. */
  async function guardWrite(request: FastifyRequest): Promise<void> {
    const origin = request.headers.origin;
    if (origin !== undefined && !request.corsOrigin) {
      throw new ApiError(403, 'origin_not_allowed', `The website ${origin} may not send to site "${request.site!.slug}"`);
    }
  }

  const claimDoc = {
    tags: ['Submissions'],
    summary: '"Ik kom": count places for one occurrence of an activity with a capacity; 201 counted, 200 a retry',
    description:
      'Header `Buurtkit-Render-Token`. 409 `activity_full` with `remaining` (nothing counted), 410 `occurrence_closed`, ' +
      '404 no such activity or occurrence, 422 `too_many_places` or an activity without capacity.',
    status: 201,
  } as const;
  // The body is read before the id (which must match the envelope's), so the params schema only names it.
  const claimParams = pathParams({ id: z.string() }, activityNotFound);
  api.post(
    '/v1/sites/:site/activities/:id/attendance',
    {
      onRequest: [loadSite, guardWrite, rateLimit('votes'), requireJson],
      schema: { params: claimParams, body: attendanceSubmissionSchema },
      config: claimDoc,
    },
    async (request, reply) => {
      const site = request.site!;
      const { id } = request.params;
      const envelope: AttendanceSubmission = request.body;
      checkEnvelope(envelope as AnyEnvelope, site.slug);
      if (envelope.data.activityId !== id) {
        throw invalid([{ path: 'data.activityId', message: 'Does not match the activity in the URL', code: 'activity_mismatch' }]);
      }
      // The same protection as submissions: a render token per "ik kom", spent once.
      if (app.renderTokenMode === 'required') await app.renderTokens.check(site.slug, request.headers, envelope.id);
      const record = (await store.activities.list(site.slug)).find((r) => r.data.id === id);
      if (!record) throw activityNotFound();
      const capacity = capacityOf(record.data);
      if (capacity === undefined) {
        throw invalid([{ path: 'data.activityId', message: 'This activity does not count places', code: 'no_capacity' }]);
      }
      const occurrence = canonicalLocal(envelope.data.occurrence)!;
      const found = findOccurrence(record.data, occurrence);
      if (!found) throw occurrenceNotFound();
      const { places } = envelope.data;
      const most =
        record.data.kind === 'activity' && record.data.registration?.kind === 'capacity'
          ? (record.data.registration.maxPlaces ?? DEFAULT_ATTENDANCE_PLACES_PER_REQUEST)
          : DEFAULT_ATTENDANCE_PLACES_PER_REQUEST;
      if (places > most) {
        throw invalid([{ path: 'data.places', message: `At most ${most} places at a time for this activity`, code: 'too_many_places' }]);
      }
      if (isHoneypotFilled(envelope as AnyEnvelope)) {
        request.log.info({ site: site.slug }, 'honeypot attendance dropped');
        return reply.code(201).send({ id: envelope.id, status: 'received', places, taken: 0, remaining: capacity });
      }
      const now = app.now();
      const over = Date.parse(found.end ?? found.start) <= now.getTime();
      if (found.status === 'gaat-niet-door' || over) {
        throw new ApiError(410, 'occurrence_closed', over ? 'This activity is over' : 'This activity does not take place');
      }
      const result = await store.activities.addAttendance({
        id: envelope.id,
        site: site.slug,
        activityId: record.id,
        occurrence,
        places,
        capacity,
        createdAt: now.toISOString(),
      });
      const remaining = Math.max(0, capacity - result.taken);
      if (result.outcome === 'conflict') {
        throw new ApiError(409, 'id_conflict', 'This submission id is already used elsewhere; make a new id');
      }
      if (result.outcome === 'full') {
        const message =
          remaining === 0 ? 'Vol: er is geen plek meer' : `Vol: er ${remaining === 1 ? 'is nog 1 plek' : `zijn nog ${remaining} plekken`}`;
        return reply.code(409).send({ error: 'activity_full', message, places, taken: result.taken, remaining });
      }
      const status = result.outcome === 'created' ? 'received' : 'duplicate';
      return reply
        .code(result.outcome === 'created' ? 201 : 200)
        .send({ id: envelope.id, status, places: result.places, taken: result.taken, remaining });
    },
  );

  attendanceAdminRoutes(app);
}

/**
 * Coordinators see each "ik kom" of an activity (anonymous: places, occurrence, when) and remove
 * one that looks wrong, e.g. a burst that took the last places; its places come free at once.
 * - `GET /v1/admin/sites/:site/activities/:id/attendance` (`read`): `{claims: [...]}`.
 * - `DELETE /v1/admin/sites/:site/attendance/:claimId` (`moderate`): 204, audited; 404 unknown.
 */
function attendanceAdminRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;
  const claimNotFound = () => new ApiError(404, 'attendance_not_found', 'There is no such "ik kom"');
  const claimsDoc = { tags: ['Activities'], summary: 'Each "ik kom" of an activity: occurrence, places and when (anonymous)' } as const;
  api.get(
    '/v1/admin/sites/:site/activities/:id/attendance',
    { onRequest: [authorise('read')], schema: { params: pathParams({ id: uuidV7Param }, activityNotFound) }, config: claimsDoc },
    async (request) => {
      const record = await store.activities.get(request.site!.slug, request.params.id);
      if (!record) throw activityNotFound();
      return { claims: await store.activities.listAttendanceClaims(request.site!.slug, record.id) };
    },
  );
  api.delete(
    '/v1/admin/sites/:site/attendance/:claimId',
    {
      onRequest: [rejectCrossSite, authorise('moderate')],
      schema: { params: pathParams({ claimId: uuidV7Param }, claimNotFound) },
      config: { tags: ['Activities'], summary: 'Remove one "ik kom"; its places come free (audited)', status: 204 },
    },
    async (request, reply) => {
      const { claimId } = request.params;
      const site = request.site!.slug;
      if (!(await store.activities.removeAttendanceClaim(site, claimId))) throw claimNotFound();
      const at = app.now().toISOString();
      await store.audit.append({ at, site, actor: request.token!.prefix, action: 'attendance.remove', target: claimId, rowCount: 1 });
      return reply.code(204).send();
    },
  );
}
