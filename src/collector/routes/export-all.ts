/**
 * `GET /v1/admin/sites/:site/export/all.xlsx` (scope `export`): one workbook with a sheet per
 * widget — ideas, welcome intakes (sensitive columns only for a token with `sensitive`), poll
 * responses, volunteer sign-ups and hours per year, and the calendar's sessions of the past year
 * with their "ik kom" counts. Streamed; the audit row (`export.all`, with the rows of every sheet)
 * is written when the last sheet is done, and the response ends only after it.
 */
import type { FastifyInstance } from 'fastify';
import { hasScope } from '../auth.js';
import { OCCURRENCE_XLSX_COLUMNS, outputRows } from '../export/activities.js';
import { EXPORT_CONTENT_TYPES, formatLocalDateTime, ideaXlsxColumns } from '../export/ideas.js';
import { HOURS_COLUMNS, hoursPerVolunteer, signupXlsxColumns } from '../export/volunteer.js';
import { writeXlsx, type XlsxSheet } from '../export/xlsx.js';
import { pollResponsesSheet } from '../polls/export.js';
import { listSitePolls } from '../polls/polls.js';
import { authorise } from './guards.js';
import { loadCatalogue, localTitleOf } from './volunteer-views.js';
import { intakeSheet } from './welcome-intake.js';
import { sendDownload } from '../http.js';

const EVER = { from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z' };

/** Passes the rows through, counting them into `counts[name]`. */
async function* counted<T>(rows: AsyncIterable<T> | Iterable<T>, counts: Map<string, number>, name: string): AsyncGenerator<T> {
  let n = 0;
  for await (const row of rows) {
    n++;
    yield row;
  }
  counts.set(name, n);
}

export async function exportAllRoutes(app: FastifyInstance): Promise<void> {
  const doc = {
    tags: ['Exports'],
    summary: "One workbook with a sheet per widget: ideas, intakes, poll responses, volunteering and the past year's sessions (audited)",
    description: 'Sensitive intake columns only with the `sensitive` scope.',
  } as const;
  app.get('/v1/admin/sites/:site/export/all.xlsx', { onRequest: [authorise('export')], config: doc }, async (request, reply) => {
    const { store } = app;
    const site = request.site!;
    const now = app.now();
    const today = formatLocalDateTime(now.toISOString(), site.timeZone).slice(0, 10);
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const includeSensitive = hasScope(request.token!.scopes, 'sensitive');
    const [intakes, responses, signups, catalogue, sessions, polls] = await Promise.all([
      intakeSheet(app, site, includeSensitive, now),
      store.polls.listResponses(site.slug, { receivedBefore: now.toISOString() }),
      store.volunteer.list(site.slug, EVER),
      loadCatalogue(store, site.slug),
      outputRows(store, site, { from: yearAgo, to: today }, now),
      listSitePolls(store, site),
    ]);
    const counts = new Map<string, number>();
    const pollSheet = pollResponsesSheet(
      site,
      polls.map((p) => p.poll),
      responses,
    );
    const sheets: XlsxSheet<never>[] = [
      {
        name: 'Ideeën',
        columns: ideaXlsxColumns(site.timeZone),
        rows: counted(store.ideas.export(site.slug, { receivedUpTo: now.toISOString() }), counts, 'ideas'),
      },
      { ...intakes, rows: counted(intakes.rows, counts, 'intakes') },
      { ...pollSheet, rows: counted(pollSheet.rows, counts, 'polls') },
      {
        name: 'Vrijwilligers',
        columns: signupXlsxColumns(site.timeZone, (id) => localTitleOf(catalogue, id)),
        rows: counted(signups, counts, 'signups'),
      },
      { name: 'Uren per jaar', columns: HOURS_COLUMNS, rows: hoursPerVolunteer(signups, 'year', site.timeZone) },
      { name: 'Activiteiten', columns: OCCURRENCE_XLSX_COLUMNS, rows: counted(sessions, counts, 'sessions') },
    ] as XlsxSheet<never>[];
    const audited = async function* () {
      yield* writeXlsx(sheets, { modified: now, requests: app.requestsInFlight });
      await store.audit.append({
        at: now.toISOString(),
        site: site.slug,
        actor: request.token!.prefix,
        action: includeSensitive ? 'export.all.sensitive' : 'export.all',
        target: `all.xlsx ${[...counts].map(([k, v]) => `${k}=${v}`).join(' ')}`,
        rowCount: [...counts.values()].reduce((a, b) => a + b, 0),
      });
    };
    return sendDownload(reply, {
      contentType: EXPORT_CONTENT_TYPES.xlsx,
      fileName: `buurtkit-${site.slug}-alles-${today}.xlsx`,
      chunks: audited(),
    });
  });
}
