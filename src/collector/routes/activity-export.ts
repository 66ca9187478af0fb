/**
 * Coordinator exports of the calendar: `GET /v1/admin/sites/:site/export/activities.csv`
 * `.xlsx` and `.json` with `from` and `to` (inclusive dates in the site's zone; CSV also `delimiter`,
 * `semicolon` by default for Dutch Excel). One row per occurrence of an activity with its "ik kom"
 * counts; the JSON also holds the output figures (`activityOutput`). Scope `export`, audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { daysBetween, parseLocalDate } from '../../calendar/wall-clock.js';
import { localDateSchema, toFieldIssues, type TokenScope } from '../../schema/index.js';
import { startActivityExport } from '../export/activities.js';
import { CSV_DELIMITERS } from '../export/csv.js';
import type { RouteContext } from './context.js';
import { invalid } from './public.js';
import { sendDownload } from '../http.js';

/** Ten years: enough for any report, bounded for the expansion. */
const MAX_EXPORT_DAYS = 3660;

const periodShape = { from: localDateSchema, to: localDateSchema };
const csvQuerySchema = z.strictObject({ ...periodShape, delimiter: z.enum(['semicolon', 'comma']).default('semicolon') });
const jsonQuerySchema = z.strictObject(periodShape);

export function activityExportRoutes(
  app: FastifyInstance,
  ctx: RouteContext,
  authorise: (scope: TokenScope) => (request: FastifyRequest) => Promise<void>,
): void {
  for (const format of ['csv', 'json', 'xlsx'] as const) {
    const doc = {
      tags: ['Exports'],
      summary: `A row per occurrence of an activity in the period, with its "ik kom" places and answers, as ${format.toUpperCase()} (audited)`,
      query: format === 'csv' ? csvQuerySchema : jsonQuerySchema,
    } as const;
    app.get(
      `/v1/admin/sites/:site/export/activities.${format}`,
      { onRequest: [authorise('export')], config: doc },
      async (request, reply) => {
        const query = (format === 'csv' ? csvQuerySchema : jsonQuerySchema).safeParse(request.query);
        if (!query.success) throw invalid(toFieldIssues(query.error));
        const { from, to } = query.data;
        const days = daysBetween(parseLocalDate(from)!, parseLocalDate(to)!);
        if (days < 0) throw invalid([{ path: 'to', message: 'to comes before from', code: 'invalid_range' }]);
        if (days > MAX_EXPORT_DAYS) throw invalid([{ path: 'to', message: `At most ${MAX_EXPORT_DAYS} days`, code: 'invalid_range' }]);
        const named = (query.data as { delimiter?: keyof typeof CSV_DELIMITERS }).delimiter;
        const delimiter = named && CSV_DELIMITERS[named];
        const file = await startActivityExport(ctx.store, request.site!, {
          format,
          ...(delimiter && { delimiter }),
          period: { from, to },
          actor: request.token!.prefix,
          now: ctx.now(),
          requests: ctx.requests,
        });
        return sendDownload(reply, file);
      },
    );
  }
}
