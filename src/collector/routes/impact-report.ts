/**
 * The impact report: `GET /v1/admin/sites/:site/report?from&to` (token with `read`) as a
 * printable HTML page, or as JSON with `report.json` or `Accept: application/json`. Without dates:
 * the twelve months up to today. Registered by the feedback-poll routes, in its own plugin scope so
 * its onSend hook can give the page a CSP that allows its one hashed `<style>`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { periodQuerySchema } from '../../schema/index.js';
import { resolvePeriod } from '../polls/period.js';
import { buildImpactReport } from '../polls/report.js';
import { REPORT_CSP, renderReportHtml } from '../polls/report-html.js';
import { authorise } from './guards.js';
import { invalid } from '../http.js';
import type { ZodTypeProvider } from '../zod-provider.js';

/** Encapsulated (a plugin of its own): its onSend hook changes only the report's answers. */
export async function impactReportRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;

  // Runs after the app's own onSend (which sets `default-src 'none'`): only HTML answers change.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('Content-Security-Policy', REPORT_CSP);
      reply.header('X-Frame-Options', 'DENY');
      reply.header('Referrer-Policy', 'no-referrer');
    }
    return payload;
  });

  const authorised = authorise('read');

  async function report(request: FastifyRequest, query: z.output<typeof periodQuerySchema>) {
    const site = request.site!;
    const now = app.now();
    const { period, issues } = resolvePeriod(query, site.timeZone, now, 'year');
    if (issues.length || !period) throw invalid(issues);
    return buildImpactReport(store, site, period, now);
  }

  const tags = ['Polls'] as const;
  const schema = { querystring: periodQuerySchema };
  const jsonDoc = { tags, summary: 'The impact report as JSON: polls, stories and figures for the period' };
  api.get('/v1/admin/sites/:site/report.json', { onRequest: [authorised], schema, config: jsonDoc }, (request) =>
    report(request, request.query),
  );

  const htmlDoc = {
    tags,
    summary: 'The impact report as a printable page (JSON with `Accept: application/json`); default the last twelve months',
    responseType: 'text/html',
  };
  api.get('/v1/admin/sites/:site/report', { onRequest: [authorised], schema, config: htmlDoc }, async (request, reply) => {
    const data = await report(request, request.query);
    const accept = request.headers.accept ?? '';
    if (/application\/json/.test(accept) && !/text\/html/.test(accept)) return data;
    return reply.type('text/html; charset=utf-8').header('Vary', 'Accept').send(renderReportHtml(data));
  });
}
