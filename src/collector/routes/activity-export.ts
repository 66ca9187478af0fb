/**
 * Coordinator exports of the calendar: `GET /v1/admin/sites/:site/export/activities.csv`
 * `.xlsx` and `.json` with `from` and `to` (inclusive dates in the site's zone; CSV also `delimiter`,
 * `semicolon` by default for Dutch Excel). One row per occurrence of an activity with its "ik kom"
 * counts; the JSON also holds the output figures (`activityOutput`). Scope `export`, audited.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { daysBetween, parseLocalDate } from '../../calendar/wall-clock.js';
import { localDateSchema } from '../../schema/index.js';
import { startActivityExport } from '../export/activities.js';
import { CSV_DELIMITERS } from '../export/csv.js';
import { sendDownload, invalid } from '../http.js';
import { authorise } from './guards.js';
import type { ZodTypeProvider } from '../zod-provider.js';

/** Ten years: enough for any report, bounded for the expansion. */
const MAX_EXPORT_DAYS = 3660;

const periodShape = { from: localDateSchema, to: localDateSchema };
const csvQuerySchema = z.strictObject({ ...periodShape, delimiter: z.enum(['semicolon', 'comma']).default('semicolon') });
const jsonQuerySchema = z.strictObject(periodShape);

export function activityExportRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['csv', 'json', 'xlsx'] as const) {
    const doc = {
      tags: ['Exports'],
      summary: `A row per occurrence of an activity in the period, with its "ik kom" places and answers, as ${format.toUpperCase()} (audited)`,
    } as const;
    // Only the CSV takes a delimiter (elsewhere it is an unknown parameter: 422).
    const querystring: z.ZodType<z.output<typeof jsonQuerySchema> & { delimiter?: keyof typeof CSV_DELIMITERS }> =
      format === 'csv' ? csvQuerySchema : jsonQuerySchema;
    api.get(
      `/v1/admin/sites/:site/export/activities.${format}`,
      { onRequest: [authorise('export')], schema: { querystring }, config: doc },
      async (request, reply) => {
        const { from, to } = request.query;
        const days = daysBetween(parseLocalDate(from)!, parseLocalDate(to)!);
        if (days < 0) throw invalid([{ path: 'to', message: 'to comes before from', code: 'invalid_range' }]);
        if (days > MAX_EXPORT_DAYS) throw invalid([{ path: 'to', message: `At most ${MAX_EXPORT_DAYS} days`, code: 'invalid_range' }]);
        const named = request.query.delimiter;
        const delimiter = named && CSV_DELIMITERS[named];
        const file = await startActivityExport(app.store, request.site!, {
          format,
          ...(delimiter && { delimiter }),
          period: { from, to },
          actor: request.token!.prefix,
          now: app.now(),
          requests: app.requestsInFlight,
        });
        return sendDownload(reply, file);
      },
    );
  }
}
