/**
 * The welcome intake on the collector.
 *
 * - Intakes arrive as envelopes at `POST /v1/sites/:site/submissions`, plain or sealed in the
 *   browser with the site's public key, served at `GET /v1/sites/:site/intake-key`; how they are
 *   checked and sealed is in submissions/welcome-intake.ts.
 * - `GET /v1/sites/:site/intake-flow`: the site's current flow (latest stored, else built-in).
 * - `PUT /v1/admin/sites/:site/intake-flow` (`moderate`): saves a new version; versions only grow.
 *   `GET /v1/admin/sites/:site/intake-flows` (`read`): every stored version.
 * - `GET /v1/admin/sites/:site/intakes[/:id]` (`read`): sensitive answers only with the
 *   `sensitive` scope (never implied by `admin`); without it, intakes the visitor showed to the
 *   professional only come without answers, those for the host too with the non-sensitive ones.
 * - `GET /v1/admin/sites/:site/export/intakes.{csv,json,ndjson,xlsx}` (`export`; same rule).
 * - `GET /v1/admin/sites/:site/intakes/summary` (`read`): counts per choice (topics included),
 *   no personal data.
 * - `DELETE /v1/admin/sites/:site/intakes/:id` (`admin`): erasure of one intake, audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DEFAULT_INTAKE_FLOW,
  allQuestions,
  intakeFlowSchema,
  isMultiChoice,
  isSensitive,
  isSingleChoice,
  localText,
  optionValues,
  type IntakeFlow,
  handledQuerySchema,
} from '../../schema/index.js';
import { hasScope } from '../auth.js';
import { toXlsxColumns } from '../export/columns.js';
import { CSV_DELIMITERS, type CsvDelimiterName } from '../export/csv.js';
import { intakeColumns, startIntakeExport, type ReadableIntake } from '../export/intakes.js';
import type { XlsxSheet } from '../export/xlsx.js';
import { ApiError, invalid, sendDownload } from '../http.js';
import { IntakeSealError, intakePublicKey, unseal, type IntakeKey } from '../intake-crypto.js';
import { storableTextIssues } from '../storable-text.js';
import type { IntakeRecord, Site, Store } from '../store/types.js';
import { authorise, loadSite, rejectCrossSite, requireJson } from './guards.js';
import { noQuerySchema, pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

/**
 * The site's intakes as one workbook sheet (for the all-widgets export): one column per question,
 * the sensitive ones only when `includeSensitive` (opened with the site's keys).
 */
export async function intakeSheet(
  app: FastifyInstance,
  site: Site,
  includeSensitive: boolean,
  now: Date,
): Promise<XlsxSheet<ReadableIntake>> {
  const columns = intakeColumns(await allFlows(app.store, site.slug), site.timeZone, includeSensitive);
  const keys = app.intakeKeys.get(site.slug);
  const records = app.store.intakes.export(site.slug, { receivedUpTo: now.toISOString() });
  return {
    name: 'Welkomstgesprekken',
    columns: toXlsxColumns(columns),
    rows: (async function* () {
      for await (const record of records) yield readable(record, keys, includeSensitive);
    })(),
  };
}

/** 503 until the operator configures a key for the site: the widget's outbox keeps the intake meanwhile. */
export function keyMissing(site: string): ApiError {
  return new ApiError(
    503,
    'intake_key_missing',
    `Intakes for site "${site}" cannot be stored yet: the collector has no encryption key for it. ` +
      `The operator adds one under "intakeKeys" in the config file (or BUURTKIT_INTAKE_KEYS), e.g. ` +
      `{"intakeKeys": {"${site}": [{"id": "k1", "key": "<openssl rand -base64 32>"}]}}`,
  );
}

/** The built-in flow and every stored version, oldest first: the export's columns come from these. */
async function allFlows(store: Store, site: string): Promise<IntakeFlow[]> {
  return [DEFAULT_INTAKE_FLOW, ...(await store.intakes.listFlows(site)).map((r) => r.flow as IntakeFlow)];
}

// ---- reading -------------------------------------------------------------------------------------

type SensitiveState = 'included' | 'withheld' | 'unreadable' | 'none';

/** What a reader may see of an intake: with `sensitive` everything, otherwise per the visitor's choice. */
function readable(
  record: IntakeRecord,
  keys: readonly IntakeKey[] | undefined,
  canSensitive: boolean,
): ReadableIntake & { sensitive: SensitiveState } {
  if (!canSensitive) {
    const answers = record.visibility === 'host' ? record.answers : null;
    return { record, answers, sensitive: record.sealed ? 'withheld' : 'none' };
  }
  if (!record.sealed) return { record, answers: record.answers, sensitive: 'none' };
  try {
    const secret = unseal(keys ?? [], record.site, record.id, record.sealed) as Record<string, unknown>;
    return { record, answers: { ...record.answers, ...secret }, sensitive: 'included' };
  } catch (error) {
    if (!(error instanceof IntakeSealError)) throw error;
    return { record, answers: record.answers, sensitive: 'unreadable' };
  }
}

function intakeView(r: ReadableIntake & { sensitive: SensitiveState }) {
  const { record } = r;
  return {
    id: record.id,
    receivedAt: record.createdAt,
    flow: { id: record.flowId, version: record.flowVersion },
    visibility: record.visibility,
    forSomeoneElse: record.forSomeoneElse,
    assisted: record.assisted,
    locale: record.locale,
    consent: record.consentVersion
      ? { textVersion: record.consentVersion, givenAt: record.consentGivenAt, textHash: record.consentHash }
      : null,
    handledAt: record.handledAt,
    handledBy: record.handledBy,
    /** null: withheld, because the visitor chose "only the professional" and the token lacks `sensitive`. */
    answers: r.answers,
    sensitiveAnswers: r.sensitive,
  };
}

const listQuerySchema = z.strictObject({
  ...handledQuerySchema.shape,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const csvQuerySchema = z.strictObject({ delimiter: z.enum(['semicolon', 'comma']).default('semicolon') });

export async function intakeRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;
  const keysOf = (site: string) => app.intakeKeys.get(site);

  const canSensitive = (request: FastifyRequest) => hasScope(request.token!.scopes, 'sensitive');
  const audit = (request: FastifyRequest, action: string, target: string | null, rowCount: number) =>
    store.audit.append({ at: app.now().toISOString(), site: request.site!.slug, actor: request.token!.prefix, action, target, rowCount });

  const tags = ['Intake'] as const;
  const flowDoc = {
    tags,
    summary: "The site's welcome-intake flow: the latest a coordinator saved, else the built-in one",
    response: intakeFlowSchema,
  };
  app.get('/v1/sites/:site/intake-flow', { onRequest: [loadSite], config: flowDoc }, async (request, reply) => {
    const stored = await store.intakes.getFlow(request.site!.slug);
    reply.header('Cache-Control', 'public, max-age=300');
    return stored?.flow ?? DEFAULT_INTAKE_FLOW;
  });

  // Public by design: it only lets a browser seal for this site. 503 while the site has no key.
  const keyDoc = {
    tags,
    summary: "The public half of the site's intake key, which the widget seals every intake with; 503 `intake_key_missing` without one",
  };
  app.get('/v1/sites/:site/intake-key', { onRequest: [loadSite], config: keyDoc }, async (request, reply) => {
    const key = intakePublicKey(keysOf(request.site!.slug) ?? []);
    if (!key) throw keyMissing(request.site!.slug);
    reply.header('Cache-Control', 'public, max-age=300');
    return key;
  });

  api.put(
    '/v1/admin/sites/:site/intake-flow',
    {
      onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
      schema: { body: intakeFlowSchema },
      config: { tags, summary: 'Save a new version of the intake flow (audited)', status: 201 },
    },
    async (request, reply) => {
      const nul = storableTextIssues(request.body);
      if (nul.length) throw invalid(nul);
      const record = await store.intakes.saveFlow(request.site!.slug, request.body, {
        actor: request.token!.prefix,
        now: app.now().toISOString(),
        minVersion: DEFAULT_INTAKE_FLOW.version + 1,
      });
      await audit(request, 'intake-flow.save', String(record.version), 1);
      return reply.code(201).send(record);
    },
  );

  const flowsDoc = { tags, summary: 'Every saved version of the intake flow, and the built-in one' };
  app.get('/v1/admin/sites/:site/intake-flows', { onRequest: [authorise('read')], config: flowsDoc }, async (request) => {
    return { builtIn: DEFAULT_INTAKE_FLOW, flows: await store.intakes.listFlows(request.site!.slug) };
  });

  const listDoc = {
    tags,
    summary: 'Intakes received; sensitive answers only with the `sensitive` scope (that reading is audited)',
  };
  api.get(
    '/v1/admin/sites/:site/intakes',
    { onRequest: [authorise('read')], schema: { querystring: listQuerySchema }, config: listDoc },
    async (request) => {
      const site = request.site!.slug;
      const sensitive = canSensitive(request);
      const records = await store.intakes.list(site, request.query);
      const intakes = records.map((r) => intakeView(readable(r, keysOf(site), sensitive)));
      if (sensitive) await audit(request, 'intake.read-sensitive', null, intakes.length);
      return { intakes };
    },
  );

  const summaryDoc = { tags, summary: 'Counts per choice and totals over all intakes; no personal data' };
  app.get('/v1/admin/sites/:site/intakes/summary', { onRequest: [authorise('read')], config: summaryDoc }, async (request) => {
    return summarise(store, request.site!.slug, keysOf(request.site!.slug), app.now());
  });

  const oneDoc = { tags, summary: 'One intake; sensitive answers only with the `sensitive` scope' };
  const intakeNotFound = () => new ApiError(404, 'intake_not_found', 'There is no intake with this id');
  const intakeParams = pathParams({ id: uuidV7Param }, intakeNotFound);
  api.get(
    '/v1/admin/sites/:site/intakes/:id',
    { onRequest: [authorise('read')], schema: { params: intakeParams }, config: oneDoc },
    async (request) => {
      const { id } = request.params;
      const site = request.site!.slug;
      const record = await store.intakes.get(site, id);
      if (!record) throw intakeNotFound();
      const sensitive = canSensitive(request);
      if (sensitive) await audit(request, 'intake.read-sensitive', id, 1);
      return intakeView(readable(record, keysOf(site), sensitive));
    },
  );

  // Erasure on request: the whole intake goes (its sealed answers cannot be searched by contact).
  const deleteDoc = { tags: ['Privacy'], summary: 'Erase one intake whole (audited)', status: 204 } as const;
  api.delete(
    '/v1/admin/sites/:site/intakes/:id',
    { onRequest: [rejectCrossSite, authorise('admin')], schema: { params: intakeParams }, config: deleteDoc },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await store.intakes.delete(request.site!.slug, id))) throw intakeNotFound();
      await audit(request, 'intake.delete', id, 1);
      return reply.code(204).send();
    },
  );

  for (const format of ['csv', 'json', 'ndjson', 'xlsx'] as const) {
    const exportDoc = {
      tags: ['Exports'],
      summary: `Intakes as ${format.toUpperCase()}, a column per question; sensitive columns only with \`sensitive\` (audited)`,
    } as const;
    api.get(
      `/v1/admin/sites/:site/export/intakes.${format}`,
      // Only the CSV has a choice (its delimiter); the other formats take no query at all.
      { onRequest: [authorise('export')], schema: { querystring: format === 'csv' ? csvQuerySchema : noQuerySchema }, config: exportDoc },
      async (request, reply) => {
        const site = request.site!;
        const includeSensitive = canSensitive(request);
        const query: { delimiter?: CsvDelimiterName } = request.query;
        const delimiter = query.delimiter ? CSV_DELIMITERS[query.delimiter] : undefined;
        const file = await startIntakeExport(store, site, {
          format,
          ...(delimiter && { delimiter }),
          actor: request.token!.prefix,
          now: app.now(),
          flows: await allFlows(store, site.slug),
          includeSensitive,
          readable: (r) => readable(r, keysOf(site.slug), includeSensitive),
          requests: app.requestsInFlight,
        });
        return sendDownload(reply, file);
      },
    );
  }
}

/**
 * Counts per choice over all intakes up to `now`: how many chose each option of every choice
 * question (topics too: opened here, only counted), plus totals. No ids, dates or free text.
 * Intakes whose sealed answers cannot be opened are counted in `unreadable`.
 */
async function summarise(store: Store, site: string, keys: readonly IntakeKey[] | undefined, now: Date) {
  const flows = await allFlows(store, site);
  const questions = new Map<string, { id: string; label: string; sensitive: boolean; counts: Record<string, number> }>();
  for (const q of flows.flatMap((f) => allQuestions(f))) {
    // Visibility is counted from its own field (it is not among the answers).
    if (questions.has(q.id) || q.type === 'visibility' || !(isSingleChoice(q.type) || isMultiChoice(q.type))) continue;
    questions.set(q.id, {
      id: q.id,
      label: localText(q.label, 'nl'),
      sensitive: isSensitive(q),
      counts: Object.fromEntries(optionValues(q).map((v) => [v, 0])),
    });
  }
  const totals = { intakes: 0, forSomeoneElse: 0, assisted: 0, unreadable: 0, visibility: { professional: 0, host: 0 } };
  for await (const record of store.intakes.export(site, { receivedUpTo: now.toISOString() })) {
    totals.intakes++;
    if (record.forSomeoneElse) totals.forSomeoneElse++;
    if (record.assisted) totals.assisted++;
    totals.visibility[record.visibility]++;
    const view = readable(record, keys, true);
    if (view.sensitive === 'unreadable') totals.unreadable++;
    for (const [id, answer] of Object.entries(view.answers ?? {})) {
      const counts = questions.get(id)?.counts;
      if (!counts) continue;
      for (const value of Array.isArray(answer) ? answer : [answer]) {
        if (typeof value === 'string' && value in counts) counts[value]!++;
      }
    }
  }
  return { ...totals, questions: [...questions.values()] };
}
