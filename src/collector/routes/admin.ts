/**
 * Coordinator routes under /v1/admin/sites/:site, behind a scoped bearer token. No CORS here: the
 * admin UI is served by the collector itself, so these answers are for the same origin only.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CONTACT_MAX,
  adminIdeaFilterSchema,
  adminIdeaListSchema,
  adminIdeaSchema,
  ideaModerationSchema,
  isUuidV7,
  type AdminIdea,
  type AdminIdeaList,
  type IdeaModeration,
} from '../../schema/index.js';
import { effectiveScopes } from '../auth.js';
import { CSV_DELIMITERS } from '../export/csv.js';
import { startIdeaExport } from '../export/ideas.js';
import { ApiError, sendDownload, invalid } from '../http.js';
import { ContactError, erasePerson, findPerson } from '../privacy/people.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { storableTextIssues } from '../storable-text.js';
import { noQuerySchema, pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

const exportQuerySchema = z.strictObject({
  delimiter: z.enum(['semicolon', 'comma']).default('semicolon'),
});

const FORMAT_NAMES = { json: 'one JSON array', ndjson: 'NDJSON (a record per line)', xlsx: 'an Excel workbook' } as const;

const personQuerySchema = z.strictObject({ contact: z.string().min(1).max(CONTACT_MAX) });
const eraseBodySchema = z.strictObject({
  contact: z.string().min(1).max(CONTACT_MAX),
  /** Also delete the records themselves (idea text, votes), not only the personal fields. */
  includeContent: z.boolean().default(false),
});

/** A contact that is neither an e-mail address nor a phone number: 422 on `contact`. */
function contactIssue(error: unknown): never {
  if (error instanceof ContactError) throw invalid([{ path: 'contact', message: error.message, code: 'invalid_contact' }]);
  throw error;
}

/** Empty or blank text clears a field, like `null` does. */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;

  // What the token in hand may do, so a client shows only what it can use (no probing).
  const whoamiDoc = {
    tags: ['Coordinator'],
    summary: 'The token in hand: its site, label, prefix, expiry and scopes in effect (`admin` expanded)',
  } as const;
  app.get('/v1/admin/sites/:site/whoami', { onRequest: [authorise(null)], config: whoamiDoc }, async (request) => {
    const token = request.token!;
    return {
      site: request.site!.slug,
      siteName: request.site!.name,
      prefix: token.prefix,
      label: token.label,
      scopes: effectiveScopes(token.scopes),
      expiresAt: token.expiresAt,
    };
  });

  const listDoc = {
    tags: ['Ideas'],
    summary: 'All ideas with their private fields, handled marks, groups and tags; filtered',
    response: adminIdeaListSchema,
  } as const;
  api.get(
    '/v1/admin/sites/:site/ideas',
    { onRequest: [authorise('read')], schema: { querystring: adminIdeaFilterSchema }, config: listDoc },
    async (request): Promise<AdminIdeaList> => {
      return { ideas: await store.ideas.list(request.site!.slug, request.query) };
    },
  );

  const ideaDoc = { tags: ['Ideas'], summary: 'One idea with its private fields', response: adminIdeaSchema } as const;
  const ideaNotFound = () => new ApiError(404, 'idea_not_found', 'There is no idea with this id');
  api.get(
    '/v1/admin/sites/:site/ideas/:ideaId',
    { onRequest: [authorise('read')], schema: { params: pathParams({ ideaId: uuidV7Param }, ideaNotFound) }, config: ideaDoc },
    async (request): Promise<AdminIdea> => {
      const idea = await store.ideas.get(request.site!.slug, request.params.ideaId);
      if (!idea) throw ideaNotFound();
      return idea;
    },
  );

  api.patch(
    '/v1/admin/sites/:site/ideas/:ideaId',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
      // The body is read before the id (a malformed id with a bad body answers the body's 422), so the
      // params schema only names the id and the handler looks it up.
      schema: { params: pathParams({ ideaId: z.string() }, ideaNotFound), body: ideaModerationSchema },
      config: {
        tags: ['Ideas'],
        summary: "Moderate an idea: publish or hide it, set its status, the reason and the centre's public answer (audited)",
        response: adminIdeaSchema,
      },
    },
    async (request): Promise<AdminIdea> => {
      const { ideaId } = request.params;
      const nul = storableTextIssues(request.body);
      if (nul.length) throw invalid(nul);
      const changes: IdeaModeration = {
        ...request.body,
        statusReason: blankToNull(request.body.statusReason),
        publicAnswer: blankToNull(request.body.publicAnswer),
      };
      const now = app.now();
      const idea = isUuidV7(ideaId) ? await store.ideas.moderate(request.site!.slug, ideaId, changes, now.toISOString()) : null;
      if (!idea) throw ideaNotFound();
      await store.audit.append({
        at: now.toISOString(),
        site: idea.site,
        actor: request.token!.prefix,
        action: 'idea.moderate',
        target: idea.id,
        rowCount: 1,
      });
      return idea;
    },
  );

  // Subject access and erasure handle one person's data across every widget at once, so they need
  // the `admin` scope: a `read` token sees ideas one by one, not everything about a person.
  // By POST body, never a query string: proxies and access logs keep URLs, with the contact in them.
  const personDoc = {
    tags: ['Privacy'],
    summary: 'Everything stored about one person, found by e-mail address or phone number (audited)',
    description: 'A POST body, so the contact never sits in a URL a proxy logs.',
  } as const;
  api.post(
    '/v1/admin/sites/:site/people',
    { onRequest: [rejectCrossSite, authorise('admin'), requireJson], schema: { body: personQuerySchema }, config: personDoc },
    async (request) => {
      const actor = request.token!.prefix;
      const intakeKeys = app.intakeKeys.get(request.site!.slug);
      return findPerson(store, request.site!.slug, request.body.contact, {
        actor,
        now: app.now(),
        intakeKeys,
        auditKey: app.auditKey,
      }).catch(contactIssue);
    },
  );

  const eraseDoc = {
    tags: ['Privacy'],
    summary: "Erase one person's data (their personal fields, or with `includeContent` the records too) and get a receipt",
  } as const;
  api.post(
    '/v1/admin/sites/:site/people/erase',
    { onRequest: [rejectCrossSite, authorise('admin'), requireJson], schema: { body: eraseBodySchema }, config: eraseDoc },
    async (request) => {
      const { contact, includeContent } = request.body;
      const intakeKeys = app.intakeKeys.get(request.site!.slug);
      const options = { actor: request.token!.prefix, now: app.now(), includeContent, intakeKeys, auditKey: app.auditKey };
      return erasePerson(store, request.site!.slug, contact, options).catch(contactIssue);
    },
  );

  const csvDoc = { tags: ['Exports'], summary: 'All ideas as CSV for a spreadsheet (audited)' } as const;
  api.get(
    '/v1/admin/sites/:site/export/ideas.csv',
    { onRequest: [authorise('export')], schema: { querystring: exportQuerySchema }, config: csvDoc },
    async (request, reply) => {
      const file = await startIdeaExport(store, request.site!, {
        delimiter: CSV_DELIMITERS[request.query.delimiter],
        actor: request.token!.prefix,
        now: app.now(),
        requests: app.requestsInFlight,
      });
      return sendDownload(reply, file);
    },
  );

  // The same fields as JSON (one array) or NDJSON (one record per line); see `ideaExportRecord`.
  // XLSX: one workbook with a sheet of ideas, a ZIP streamed entry by entry (see export/xlsx.ts).
  for (const format of ['json', 'ndjson', 'xlsx'] as const) {
    const doc = { tags: ['Exports'], summary: `All ideas as ${FORMAT_NAMES[format]}, the same fields as the CSV (audited)` } as const;
    const options = { onRequest: [authorise('export')], schema: { querystring: noQuerySchema }, config: doc };
    api.get(`/v1/admin/sites/:site/export/ideas.${format}`, options, async (request, reply) => {
      const file = await startIdeaExport(store, request.site!, {
        format,
        actor: request.token!.prefix,
        now: app.now(),
        requests: app.requestsInFlight,
      });
      return sendDownload(reply, file);
    });
  }
}
