/**
 * Coordinator routes for volunteers, under /v1/admin/sites/:site, bearer token:
 * `read` to look, `moderate` to change, `export` for files; every change is audited.
 *
 * - `roles`, `shifts` (+ `/:id`): GET, POST, PUT, DELETE.
 * - `volunteer/signups?from&to`: who signed up (names and contacts: coordinators only).
 * - `volunteer/signups/:id/attendance` PUT `{attended: true|false|null}`.
 * - `volunteer/applications`: the general "ik wil vrijwilliger worden" sign-ups.
 * - `volunteer/reminders?withinHours=24`, POST `volunteer/reminders/sent {ids}` (a mailer sent them),
 *   POST `volunteer/reminders/queue?withinHours=24` (queue them as notifications for a webhook).
 * - `volunteer/notifications[?unsent=true]`, and POST `volunteer/notifications/sent {ids}`.
 * - `volunteer/day-list?date=YYYY-MM-DD`: a printable HTML list for the host.
 * - `export/volunteer-signups.csv`, `export/volunteer-hours.csv[?period=month|year]`,
 *   `export/volunteer.xlsx` (both sheets); all `?from&to` (local dates, default this year).
 * - `export/volunteer-applications.{csv,json,ndjson,xlsx}`: every general sign-up (CSV: `?delimiter`).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  attendanceSchema,
  handledQuerySchema,
  isUuidV7,
  localDateSchema,
  uuidv7,
  volunteerRoleSchema,
  volunteerShiftSchema,
} from '../../schema/index.js';
import { CSV_DELIMITERS, csvChunks } from '../export/csv.js';
import { toCsvColumns, toXlsxColumns } from '../export/columns.js';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, formatLocalDateTime } from '../export/ideas.js';
import { jsonChunks } from '../export/json.js';
import {
  applicationExportColumns,
  applicationRecord,
  applicationRow,
  HOURS_COLUMNS,
  hoursPerVolunteer,
  signupCsvColumns,
  signupXlsxColumns,
} from '../export/volunteer.js';
import { writeXlsx } from '../export/xlsx.js';
import { ApiError, sendDownload, invalid } from '../http.js';
import type { VolunteerItemKind } from '../store/types.js';
import { signupNotification } from '../store/volunteer/volunteer-common.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { keepHandled } from './handled.js';
import { queueNotification, sweepSite } from './volunteer.js';
import { dayRange, loadCatalogue, localTitleOf, offerMsOf, titleOf, todayIn } from './volunteer-views.js';
import { textFor } from '../../schema/localized-text.js';
import { storableTextIssues } from '../storable-text.js';
import { noQuerySchema, pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

const idsSchema = z.strictObject({ ids: z.array(z.string().max(40)).min(1).max(1000) });
const periodSchema = z.strictObject({
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  period: z.enum(['month', 'year']).default('month'),
  delimiter: z.enum(['semicolon', 'comma']).default('semicolon'),
});
const remindersQuerySchema = z.strictObject({
  withinHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
});
const notificationsQuerySchema = z.strictObject({ unsent: z.enum(['true', 'false']).default('false') });
const dayListQuerySchema = z.strictObject({ date: localDateSchema.optional() });
const csvQuerySchema = z.strictObject({ delimiter: z.enum(['semicolon', 'comma']).default('semicolon') });
/** The sign-ups list: a period, and handled or not (`?handled=true|false`). */
const signupsQuerySchema = periodSchema.extend(handledQuerySchema.shape);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const DAY_LIST_CSS =
  'body{font:14pt/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:.4rem .6rem;text-align:start}.box{width:4rem}@media print{body{margin:0}}';
/** The day list's own style element, allowed by its hash; nothing else may load or run. */
export const DAY_LIST_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(DAY_LIST_CSS).digest('base64')}'; frame-ancestors 'none'`;

export async function volunteerAdminRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;

  /** Every change: not from another website, and the `moderate` scope. */
  const change = [rejectCrossSite, authorise('moderate')];
  const tags = ['Volunteers'] as const;

  const audit = (request: FastifyRequest, action: string, target: string | null, rowCount: number) =>
    store.audit.append({ at: app.now().toISOString(), site: request.site!.slug, actor: request.token!.prefix, action, target, rowCount });

  /** The period of a (validated) query: local dates, default the current calendar year. */
  const periodOf = <Q extends { from?: string | undefined; to?: string | undefined }>(request: FastifyRequest, query: Q) => {
    const site = request.site!;
    const year = todayIn(site, app.now()).slice(0, 4);
    const { fromMs, toMs } = dayRange(site, query.from ?? `${year}-01-01`, query.to ?? `${year}-12-31`);
    return { ...query, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  };

  // ---- roles and shifts --------------------------------------------------------------------------

  for (const [path, kind, schema] of [
    ['roles', 'role', volunteerRoleSchema],
    ['shifts', 'shift', volunteerShiftSchema],
  ] as const) {
    const base = `/v1/admin/sites/:site/volunteer/${path}`;
    const notFound = () => new ApiError(404, `${kind}_not_found`, `There is no ${kind} with this id`);
    const itemParams = pathParams({ id: uuidV7Param }, notFound);
    /** What the body's schema cannot know: no NUL characters, and a shift's role exists. */
    const check = async <T extends z.output<typeof schema>>(request: FastifyRequest, data: T) => {
      const nul = storableTextIssues(data);
      if (nul.length) throw invalid(nul);
      if (kind === 'shift') {
        const roleId = (data as { roleId: string }).roleId;
        const roles = await store.volunteer.listItems(request.site!.slug, 'role');
        if (!roles.some((r) => r.id === roleId))
          throw invalid([{ path: 'roleId', message: 'There is no role with this id', code: 'role_not_found' }]);
      }
      return data;
    };
    const what = kind === 'role' ? 'role' : 'shift (one-off, or recurring like a calendar item)';
    app.get(base, { onRequest: [authorise('read')], config: { tags, summary: `Every ${kind} of the site` } }, async (request) => ({
      [path]: await store.volunteer.listItems(request.site!.slug, kind as VolunteerItemKind),
    }));
    const createDoc = { tags, summary: `Add a ${what} (audited)`, status: 201 } as const;
    api.post(base, { onRequest: [...change, requireJson], schema: { body: schema }, config: createDoc }, async (request, reply) => {
      const data = await check(request, request.body);
      const record = await store.volunteer.createItem({ id: uuidv7(), site: request.site!.slug, kind, data }, app.now().toISOString());
      await audit(request, `volunteer.${kind}.create`, record.id, 1);
      return reply.code(201).send(record);
    });
    const putDoc = {
      tags,
      summary: kind === 'shift' ? 'Replace a shift; new places go to its waitlist at once (audited)' : 'Replace a role (audited)',
    };
    const putOptions = { onRequest: [...change, requireJson], schema: { params: itemParams, body: schema }, config: putDoc };
    api.put(`${base}/:id`, putOptions, async (request) => {
      const { id } = request.params;
      const data = await check(request, request.body);
      const record = await store.volunteer.updateItem(request.site!.slug, id, data, app.now().toISOString());
      if (!record) throw notFound();
      await audit(request, `volunteer.${kind}.update`, id, 1);
      if (kind === 'shift') {
        // More places: the waitlist moves up now, not at the next sign-up.
        const change = await store.volunteer.reconcileShift(request.site!.slug, id, {
          now: app.now().toISOString(),
          offerMs: offerMsOf(request.site!),
        });
        await queueNotification(app, change.notifications, request.log);
      }
      return record;
    });
    const deleteDoc = {
      tags,
      summary:
        kind === 'shift'
          ? 'Delete a shift; its sign-ups stay as they are (audited)'
          : 'Delete a role; 409 `role_has_shifts` while it has shifts (audited)',
      status: 204,
    } as const;
    api.delete(`${base}/:id`, { onRequest: change, schema: { params: itemParams }, config: deleteDoc }, async (request, reply) => {
      const { id } = request.params;
      if (kind === 'role') {
        // A shift without its role could not be shown or signed up for: its shifts go first.
        const shifts = await store.volunteer.listItems(request.site!.slug, 'shift');
        if (shifts.some((s) => (s.data as { roleId?: string }).roleId === id)) {
          throw new ApiError(409, 'role_has_shifts', 'This role still has shifts: delete them or give them another role first');
        }
      }
      if (!(await store.volunteer.deleteItem(request.site!.slug, id, app.now().toISOString()))) throw notFound();
      await audit(request, `volunteer.${kind}.delete`, id, 1);
      return reply.code(204).send();
    });
  }

  // ---- sign-ups, attendance, applications ---------------------------------------------------------

  const signupsDoc = {
    tags,
    summary: 'Shift sign-ups with first name, contact, status and history (default: this year)',
  };
  const signupsOptions = { onRequest: [authorise('read')], schema: { querystring: signupsQuerySchema }, config: signupsDoc };
  api.get('/v1/admin/sites/:site/volunteer/signups', signupsOptions, async (request) => {
    const { from, to, handled } = periodOf(request, request.query);
    await sweepSite(app, request.site!, request.log);
    return { signups: keepHandled(await store.volunteer.list(request.site!.slug, { from, to }), handled) };
  });

  const signupNotFound = () => new ApiError(404, 'signup_not_found', 'There is no sign-up with this id');
  const attendedDoc = { tags, summary: 'Whether a volunteer came: `attended` true, false or null (not known)' };
  api.put(
    '/v1/admin/sites/:site/volunteer/signups/:id/attendance',
    // The body is read before the id (a malformed id with a bad body answers the body's 422), so the
    // params schema only names the id and the handler looks it up.
    {
      onRequest: [...change, requireJson],
      schema: { params: pathParams({ id: z.string() }, signupNotFound), body: attendanceSchema },
      config: attendedDoc,
    },
    async (request) => {
      const { id } = request.params;
      const record = isUuidV7(id) ? await store.volunteer.setAttendance(request.site!.slug, id, request.body.attended) : null;
      if (!record) throw signupNotFound();
      await audit(request, 'volunteer.attendance', id, 1);
      return record;
    },
  );

  const applicationsDoc = { tags, summary: 'The general "ik wil vrijwilliger worden" sign-ups' };
  api.get(
    '/v1/admin/sites/:site/volunteer/applications',
    { onRequest: [authorise('read')], schema: { querystring: handledQuerySchema }, config: applicationsDoc },
    async (request) => {
      return { applications: keepHandled(await store.volunteer.listApplications(request.site!.slug), request.query.handled) };
    },
  );

  // ---- reminders and notifications ---------------------------------------------------------------

  const remindersDue = async (request: FastifyRequest, withinHours: number) => {
    const now = app.now();
    return store.volunteer.reminderDue(
      request.site!.slug,
      now.toISOString(),
      new Date(now.getTime() + withinHours * 3_600_000).toISOString(),
    );
  };

  const remindersDoc = {
    tags,
    summary: "Confirmed sign-ups starting within N hours and not yet reminded, for the site's mailer",
  };
  const remindersOptions = { onRequest: [authorise('read')], schema: { querystring: remindersQuerySchema }, config: remindersDoc };
  api.get('/v1/admin/sites/:site/volunteer/reminders', remindersOptions, async (request) => {
    const due = await remindersDue(request, request.query.withinHours);
    const catalogue = await loadCatalogue(store, request.site!.slug);
    // `title` in Dutch for the coordinator; `localTitle` in the language the volunteer signed up in, for the message to them.
    return {
      reminders: due.map((s) => ({
        ...s,
        title: titleOf(catalogue, s.shiftId),
        localTitle: textFor(localTitleOf(catalogue, s.shiftId), s.locale).text,
      })),
    };
  });

  // For a webhook instead of a mailer: queue a `volunteer.reminder` event per person, then mark them
  // reminded (in that order: a crash in between repeats a reminder rather than losing one).
  const queueDoc = {
    tags,
    summary: 'The same reminders queued as `volunteer.reminder` notifications (for a webhook) and marked as reminded',
  };
  const queueOptions = { onRequest: change, schema: { querystring: remindersQuerySchema }, config: queueDoc };
  api.post('/v1/admin/sites/:site/volunteer/reminders/queue', queueOptions, async (request) => {
    const due = await remindersDue(request, request.query.withinHours);
    const now = app.now().toISOString();
    const notifications = due.map((s) => signupNotification('reminder', s, now));
    if (notifications.length) await store.volunteer.queueNotifications(notifications);
    await queueNotification(app, notifications, request.log);
    const marked = await store.volunteer.markReminded(
      request.site!.slug,
      due.map((s) => s.id),
      now,
    );
    await audit(request, 'volunteer.reminders.queue', null, marked);
    return { queued: notifications.length };
  });

  for (const [path, mark] of [
    ['reminders', (site: string, ids: string[], now: string) => store.volunteer.markReminded(site, ids, now)],
    ['notifications', (site: string, ids: string[], now: string) => store.volunteer.markNotificationsSent(site, ids, now)],
  ] as const) {
    const sentDoc = { tags, summary: `Mark ${path} as sent, once (audited)` };
    api.post(
      `/v1/admin/sites/:site/volunteer/${path}/sent`,
      { onRequest: [...change, requireJson], schema: { body: idsSchema }, config: sentDoc },
      async (request) => {
        const marked = await mark(request.site!.slug, request.body.ids, app.now().toISOString());
        await audit(request, `volunteer.${path}.sent`, null, marked);
        return { marked };
      },
    );
  }

  const outboxDoc = {
    tags,
    summary: 'The notification outbox: promotion offers and reminders for volunteers',
  };
  api.get(
    '/v1/admin/sites/:site/volunteer/notifications',
    { onRequest: [authorise('read')], schema: { querystring: notificationsQuerySchema }, config: outboxDoc },
    async (request) => {
      return {
        notifications: await store.volunteer.listNotifications(request.site!.slug, { unsentOnly: request.query.unsent === 'true' }),
      };
    },
  );

  // ---- the host's printable day list -------------------------------------------------------------

  // A route-level onSend runs after the app's, which forbids every style: this page may use its own.
  const dayListCsp = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('Content-Security-Policy', DAY_LIST_CSP);
    return payload;
  };
  const dayListDoc = {
    tags,
    summary: "A printable list of the day's confirmed volunteers, for the host",
    responseType: 'text/html',
  };
  api.get(
    '/v1/admin/sites/:site/volunteer/day-list',
    { onRequest: [authorise('read')], onSend: dayListCsp, schema: { querystring: dayListQuerySchema }, config: dayListDoc },
    async (request, reply) => {
      const site = request.site!;
      const date = request.query.date ?? todayIn(site, app.now());
      const { fromMs, toMs } = dayRange(site, date, date);
      await sweepSite(app, site, request.log);
      const signups = (
        await store.volunteer.list(site.slug, { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() })
      ).filter((s) => s.status === 'confirmed');
      const catalogue = await loadCatalogue(store, site.slug);
      const time = (iso: string) => formatLocalDateTime(iso, site.timeZone).slice(11);
      const rows = signups
        .map(
          (s) =>
            `<tr><td>${time(s.startAt)}–${time(s.endAt)}</td><td>${escapeHtml(titleOf(catalogue, s.shiftId))}</td><td>${escapeHtml(s.firstName)}</td><td>${escapeHtml(s.contact)}</td><td class="box"></td></tr>`,
        )
        .join('\n');
      const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Dagrooster ${date} – ${escapeHtml(site.name)}</title>
<style>${DAY_LIST_CSS}</style></head>
<body><h1>${escapeHtml(site.name)} — ${date}</h1>
${signups.length ? `<table><thead><tr><th>Tijd</th><th>Dienst</th><th>Naam</th><th>Contact</th><th>Er?</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>Niemand ingeroosterd.</p>'}
</body></html>`;
      await audit(request, 'volunteer.day-list', date, signups.length);
      return reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    },
  );

  // ---- exports (recognition: hours per volunteer per period) -------------------------------------

  const exportFile = async (request: FastifyRequest, query: z.output<typeof periodSchema>, name: string, format: 'csv' | 'xlsx') => {
    const q = periodOf(request, query);
    const site = request.site!;
    const signups = await store.volunteer.list(site.slug, { from: q.from, to: q.to });
    const catalogue = await loadCatalogue(store, site.slug);
    await audit(request, `export.${name}`, `${name}.${format}`, signups.length);
    const day = todayIn(site, app.now());
    return {
      q,
      site,
      signups,
      title: (id: string) => localTitleOf(catalogue, id),
      fileName: `buurtkit-${site.slug}-${name}-${day}.${format}`,
    };
  };

  for (const name of ['volunteer-signups', 'volunteer-hours'] as const) {
    const csvDoc = {
      tags: ['Exports'],
      summary:
        name === 'volunteer-signups'
          ? 'Shift sign-ups in the period as CSV'
          : 'Hours per volunteer per month or year as CSV: confirmed and not marked absent, for a thank-you and the annual report',
    } as const;
    const csvOptions = { onRequest: [authorise('export')], schema: { querystring: periodSchema }, config: csvDoc };
    api.get(`/v1/admin/sites/:site/export/${name}.csv`, csvOptions, async (request, reply) => {
      const { q, site, signups, title, fileName } = await exportFile(request, request.query, name, 'csv');
      const delimiter = CSV_DELIMITERS[q.delimiter];
      const chunks =
        name === 'volunteer-signups'
          ? csvChunks(signupCsvColumns(site.timeZone, title), signups, { delimiter, requests: app.requestsInFlight })
          : csvChunks(HOURS_COLUMNS, hoursPerVolunteer(signups, q.period, site.timeZone), { delimiter, requests: app.requestsInFlight });
      return sendDownload(reply, { contentType: EXPORT_CONTENT_TYPES.csv, fileName, chunks });
    });
  }

  // The general "ik wil vrijwilliger worden" sign-ups, every one received up to now (no period:
  // they are few, and the coordinator needs the open ones whenever they came in).
  for (const format of EXPORT_FORMATS) {
    api.get(
      `/v1/admin/sites/:site/export/volunteer-applications.${format}`,
      {
        onRequest: [authorise('export')],
        // Only the CSV has a choice (its delimiter); the other formats take no query at all.
        schema: { querystring: format === 'csv' ? csvQuerySchema : noQuerySchema },
        config: {
          tags: ['Exports'],
          summary: `Every "ik wil vrijwilliger worden" sign-up as ${format.toUpperCase()} (audited)`,
        },
      },
      async (request, reply) => {
        const delimiter = CSV_DELIMITERS['delimiter' in request.query ? request.query.delimiter : 'semicolon'];
        const site = request.site!;
        const rows = (await store.volunteer.listApplications(site.slug)).map(applicationRow);
        await audit(request, 'export.volunteer-applications', `volunteer-applications.${format}`, rows.length);
        const fileName = `buurtkit-${site.slug}-vrijwilligers-aanmeldingen-${todayIn(site, app.now())}.${format}`;
        const columns = applicationExportColumns(site.timeZone);
        const chunks =
          format === 'csv'
            ? csvChunks(toCsvColumns(columns), rows, { delimiter, requests: app.requestsInFlight })
            : format === 'xlsx'
              ? writeXlsx([{ name: 'Aanmeldingen vrijwilligers', columns: toXlsxColumns(columns), rows }], {
                  modified: app.now(),
                  requests: app.requestsInFlight,
                })
              : jsonChunks(rows, (a) => applicationRecord(a, site.timeZone), format, app.requestsInFlight);
        return sendDownload(reply, { contentType: EXPORT_CONTENT_TYPES[format], fileName, chunks });
      },
    );
  }

  const workbookDoc = {
    tags: ['Exports'],
    summary: 'Sign-ups and hours per volunteer in one Excel workbook',
  } as const;
  api.get(
    '/v1/admin/sites/:site/export/volunteer.xlsx',
    { onRequest: [authorise('export')], schema: { querystring: periodSchema }, config: workbookDoc },
    async (request, reply) => {
      const { q, site, signups, title, fileName } = await exportFile(request, request.query, 'volunteer', 'xlsx');
      const chunks = writeXlsx(
        [
          { name: 'Aanmeldingen', columns: signupXlsxColumns(site.timeZone, title), rows: signups },
          { name: 'Uren', columns: HOURS_COLUMNS, rows: hoursPerVolunteer(signups, q.period, site.timeZone) },
        ],
        { modified: app.now(), requests: app.requestsInFlight },
      );
      return sendDownload(reply, { contentType: EXPORT_CONTENT_TYPES.xlsx, fileName, chunks });
    },
  );
}
