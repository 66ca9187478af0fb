/**
 * `<feedback-poll>` on the collector.
 *
 * Public (CORS as the other public routes):
 * - Responses arrive as envelopes at `POST /v1/sites/:site/submissions` (submissions/feedback-poll.ts).
 * - `GET /v1/sites/:site/polls[/:poll]`: definitions (the built-in `welkom` and `impact` polls
 *   until the site stores its own with those ids).
 * - `GET /v1/sites/:site/polls/:poll/results[?from&to]`: aggregate figures only, and only for a
 *   poll with `showResults`; never a comment or story.
 *
 * Coordinators (bearer token): polls list and PUT (`moderate`), results with the respondent-type
 * split and the previous period (`read`), responses (`read`), ticking a story for the impact report
 * (`moderate`), exports of results and responses as CSV/JSON/NDJSON/XLSX (`export`, audited).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  compareStatements,
  handledQuerySchema,
  isUuidV7,
  periodQuerySchema,
  pollDefinitionSchema,
  pollIdSchema,
  type PollDefinition,
} from '../../schema/index.js';
import { CSV_DELIMITERS } from '../export/csv.js';
import { ApiError, invalid, sendDownload } from '../http.js';
import { pollExportFile, resultRows } from '../polls/export.js';
import { previousPeriod, resolvePeriod, type Period } from '../polls/period.js';
import { findSitePoll, listSitePolls, pollResults, responsesIn } from '../polls/polls.js';
import type { PollResponseRecord, Site } from '../store/types.js';
import { authorise, loadSite, rejectCrossSite } from './guards.js';
import { keepHandled } from './handled.js';
import { requireJson } from './guards.js';
import { storableTextIssues } from '../storable-text.js';
import { pathParams, type ZodTypeProvider } from '../zod-provider.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const resultsQuerySchema = periodQuerySchema.extend({ split: z.enum(['respondentType']).optional() });
const exportQuerySchema = periodQuerySchema.extend({ delimiter: z.enum(['semicolon', 'comma']).default('semicolon') });
const storyBodySchema = z.strictObject({ selected: z.boolean() });
const responsesQuerySchema = periodQuerySchema.extend(handledQuerySchema.shape);

const pollNotFound = () => new ApiError(404, 'poll_not_found', 'There is no poll with this id');
const pollParams = pathParams({ poll: pollIdSchema }, pollNotFound);
const responseNotFound = () => new ApiError(404, 'response_not_found', 'There is no poll response with this id');
const responseParams = pathParams({ id: z.string() }, responseNotFound);

declare module 'fastify' {
  interface FastifyRequest {
    /** The poll named in the path, loaded by the route's `preValidation` hook (`loadPoll`). */
    poll: PollDefinition | null;
  }
}

export async function feedbackPollRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;
  app.decorateRequest('poll', null);

  /**
   * Before the query is validated: an unknown poll is a 404 whatever the query says, and the
   * handler finds the poll on the request. (A malformed id is left to the params schema, which
   * answers the same 404.)
   */
  const loadPoll = async (request: FastifyRequest) => {
    const params = pollParams.safeParse(request.params);
    if (!params.success) return;
    request.poll = await findSitePoll(store, request.site!, params.data.poll);
    if (!request.poll) throw pollNotFound();
  };
  const pollRoute = { preValidation: loadPoll, schema: { params: pollParams } };

  /** The query's dates; without them the poll's own period (when it is tied to one), else all time. */
  function periodOf(
    request: FastifyRequest,
    query: { from?: string | undefined; to?: string | undefined },
    poll: PollDefinition,
  ): Period | null {
    const dates = query.from === undefined && query.to === undefined && poll.period ? poll.period : query;
    const { period, issues } = resolvePeriod(dates, request.site!.timeZone, app.now(), 'all');
    if (issues.length) throw invalid(issues);
    return period;
  }

  // ---- public ----------------------------------------------------------------------------------

  const tags = ['Polls'] as const;
  const listDoc = { tags, summary: "The site's polls and the built-in `welkom` and `impact` polls" };
  app.get('/v1/sites/:site/polls', { onRequest: [loadSite], config: listDoc }, async (request) => ({
    polls: (await listSitePolls(store, request.site!)).map((p) => p.poll),
  }));

  const pollDoc = { tags, summary: "One poll's definition: its question, answers and statements", response: pollDefinitionSchema };
  api.get('/v1/sites/:site/polls/:poll', { onRequest: [loadSite], ...pollRoute, config: pollDoc }, async (request) => request.poll!);

  const publicResultsDoc = {
    tags,
    summary: "A poll's aggregate results (never a comment or story), for polls with `showResults`; 403 otherwise",
  };
  // Whether the results are public is known before the query is read: a closed poll's 403 comes first.
  const resultsArePublic = async (request: FastifyRequest) => {
    if (request.poll && !request.poll.showResults) throw new ApiError(403, 'results_not_public', 'This poll does not show its results');
  };
  api.get(
    '/v1/sites/:site/polls/:poll/results',
    {
      onRequest: [loadSite],
      preValidation: [loadPoll, resultsArePublic],
      schema: { params: pollParams, querystring: periodQuerySchema },
      config: publicResultsDoc,
    },
    async (request) => {
      const poll = request.poll!;
      const { results, period } = await pollResults(store, request.site!, poll, periodOf(request, request.query, poll), false);
      return { pollId: poll.id, period, results };
    },
  );

  // ---- coordinators ----------------------------------------------------------------------------

  const adminListDoc = { tags, summary: 'Every poll of the site, built-in ones included, with when each was last changed' };
  app.get('/v1/admin/sites/:site/polls', { onRequest: [authorise('read')], config: adminListDoc }, async (request) => ({
    polls: await listSitePolls(store, request.site!),
  }));

  /**
   * The body may leave out the poll's id (the URL names it) but not contradict it; the mismatch is
   * the only issue reported, before the body's schema. A malformed id is left to the params schema.
   */
  const bodyTakesUrlId = async (request: FastifyRequest) => {
    const params = pollParams.safeParse(request.params);
    if (!params.success) return;
    const id = params.data.poll;
    const body = isRecord(request.body) ? request.body : {};
    if (body.id !== undefined && body.id !== id) {
      throw invalid([{ path: 'id', message: 'Does not match the poll in the URL', code: 'id_mismatch' }]);
    }
    request.body = { ...body, id };
  };
  api.put(
    '/v1/admin/sites/:site/polls/:poll',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
      preValidation: bodyTakesUrlId,
      schema: { params: pollParams, body: pollDefinitionSchema },
      config: { tags, summary: 'Create or replace a poll (audited)' },
    },
    async (request) => {
      const nul = storableTextIssues(request.body);
      if (nul.length) throw invalid(nul);
      const now = app.now();
      const record = await store.polls.putDefinition(request.site!.slug, request.body, now.toISOString());
      await audit(request, 'poll.put', request.params.poll, 1, now);
      return record;
    },
  );

  const resultsDoc = {
    tags,
    summary: 'Counts, % per answer, % agree per statement, optionally split by respondent type, and the previous period with the change',
  };
  const resultsRoute = { ...pollRoute, schema: { ...pollRoute.schema, querystring: resultsQuerySchema } };
  api.get(
    '/v1/admin/sites/:site/polls/:poll/results',
    { onRequest: [authorise('read')], ...resultsRoute, config: resultsDoc },
    async (request) => {
      const poll = request.poll!;
      const site = request.site!;
      const period = periodOf(request, request.query, poll);
      const split = request.query.split === 'respondentType';
      const current = await pollResults(store, site, poll, period, split);
      if (!period) return { ...current, previous: null, comparison: null };
      const before = previousPeriod(period, site.timeZone);
      const previous = await pollResults(store, site, poll, before, false);
      return {
        ...current,
        previous: { period: previous.period, results: previous.results },
        comparison: compareStatements(current.results, previous.results),
      };
    },
  );

  const responsesDoc = { tags, summary: "A poll's responses in the period, with comments and stories" };
  const responsesRoute = { ...pollRoute, schema: { ...pollRoute.schema, querystring: responsesQuerySchema } };
  api.get(
    '/v1/admin/sites/:site/polls/:poll/responses',
    { onRequest: [authorise('read')], ...responsesRoute, config: responsesDoc },
    async (request) => {
      const poll = request.poll!;
      const responses = await responsesIn(store, request.site!, poll.id, periodOf(request, request.query, poll));
      return { responses: keepHandled(responses, request.query.handled) };
    },
  );

  api.put(
    '/v1/admin/sites/:site/poll-responses/:id/story',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
      // The body is read before the id (a malformed id with a bad body answers the body's 422), so the
      // params schema only names the id and the handler looks it up.
      schema: { params: responseParams, body: storyBodySchema },
      config: { tags, summary: "Tick or untick a response's story for the impact report (audited)" },
    },
    async (request) => {
      const { id } = request.params;
      const record = isUuidV7(id) ? await store.polls.selectStory(request.site!.slug, id, request.body.selected) : null;
      if (!record) throw responseNotFound();
      // The store only ticks a response that has a story.
      if (request.body.selected && !record.storySelected) {
        throw invalid([{ path: 'selected', message: 'This response has no story', code: 'no_story' }]);
      }
      const now = app.now();
      await audit(request, request.body.selected ? 'poll.story.select' : 'poll.story.unselect', id, 1, now);
      return record;
    },
  );

  for (const table of ['results', 'responses'] as const) {
    for (const format of ['csv', 'json', 'ndjson', 'xlsx'] as const) {
      if (table === 'results' && format === 'ndjson') continue;
      api.get(
        `/v1/admin/sites/:site/polls/:poll/export/${table}.${format}`,
        {
          onRequest: [authorise('export')],
          ...pollRoute,
          schema: { ...pollRoute.schema, querystring: exportQuerySchema },
          config: {
            tags: ['Exports'],
            summary:
              table === 'results'
                ? `A poll's results table (a row per answer and group) as ${format.toUpperCase()} (audited)`
                : `A poll's responses as ${format.toUpperCase()} (audited)`,
          },
        },
        async (request, reply) => {
          const poll = request.poll!;
          const site: Site = request.site!;
          const period = periodOf(request, request.query, poll);
          const now = app.now();
          const data: { results: ReturnType<typeof resultRows> } | { responses: PollResponseRecord[] } =
            table === 'results'
              ? { results: resultRows(poll, (await pollResults(store, site, poll, period, true)).results) }
              : { responses: await responsesIn(store, site, poll.id, period) };
          const rowCount = 'results' in data ? data.results.length : data.responses.length;
          await audit(request, `export.poll-${table}`, `${poll.id}.${format}`, rowCount, now);
          const file = pollExportFile(site, poll, table, format, data, {
            delimiter: CSV_DELIMITERS[request.query.delimiter],
            now,
            requests: app.requestsInFlight,
          });
          return sendDownload(reply, file);
        },
      );
    }
  }

  function audit(request: FastifyRequest, action: string, target: string | null, rowCount: number, at: Date) {
    return store.audit.append({ at: at.toISOString(), site: request.site!.slug, actor: request.token!.prefix, action, target, rowCount });
  }
}
