/**
 * The routes widgets call from other people's websites: site info, submissions, the public idea
 * list and votes. CORS is an exact-match allow-list per site; nothing here needs a token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  PROTOCOL_VERSION,
  WIDGETS,
  ideaSubmissionSchema,
  intakeSubmissionSchema,
  isUuidV7,
  pollResponseSubmissionSchema,
  publishedIdeaListSchema,
  sealedIntakeSubmissionSchema,
  shiftSignupSubmissionSchema,
  siteInfoSchema,
  submissionReceiptSchema,
  volunteerApplicationSubmissionSchema,
  voteReceiptSchema,
  toFieldIssues,
  uuidv7,
  voteSubmissionSchema,
  type Envelope,
  type FieldIssue,
  type IdeaSubmission,
  type SiteInfo,
  type WidgetName,
} from '../../schema/index.js';

/** What every widget's validated envelope has in common; `data.kind` names the payload. */
export type AnyEnvelope = Envelope<{ kind: string }>;
import { LEGACY_RENDER_TOKEN_PATH, type RenderTokenAnswer } from '../render-token.js';
import { POW_HEADER, type PowChallenge } from '../pow.js';
import { ApiError, answerPreflight } from '../http.js';
import type { RateKind } from '../rate-limit.js';
import { consentHashFor } from '../privacy/consent.js';
import type { InsertOutcome, SubmissionRecord } from '../store/types.js';
import type { RouteContext } from './context.js';
import { publicSite, rateLimit } from './guards.js';
import { describeHook } from '../route-docs.js';
import { isOriginAllowed } from '../sites.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function invalid(issues: FieldIssue[], message = 'The request has errors; see issues'): ApiError {
  return new ApiError(422, 'invalid_request', message, issues);
}

/** Answers 415 before the body is read; a missing Content-Type would otherwise parse as nothing. */
export const requireJson = describeHook(
  async function requireJson(request: FastifyRequest): Promise<void> {
    if (!/^application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
    }
  },
  { kind: 'json' },
);

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerPublicRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  /** First hook of every public route: the site must exist, and a foreign origin may not write. */
  const loadSite = publicSite(ctx);

  const rateLimited = (kind: RateKind) => rateLimit(ctx, kind);

  /**
   * Any website's preflight passes (the request after it is refused readably when the site is
   * unknown or the website not allowed; see `publicSite`); only an allowed website may reach a
   * collector on a private network.
   */
  async function preflight(request: FastifyRequest, reply: FastifyReply) {
    if (!request.corsOrigin) {
      throw new ApiError(403, 'origin_not_allowed', 'A preflight needs an Origin');
    }
    answerPreflight(reply);
    // Chrome's Private Network Access: a public page calling a collector on a LAN box asks first.
    const allowed = request.site && isOriginAllowed(request.site, request.corsOrigin);
    if (allowed && request.headers['access-control-request-private-network'] === 'true') {
      reply.header('Access-Control-Allow-Private-Network', 'true');
    }
    return reply.code(204).send();
  }
  const preflightDoc = {
    tags: ['Site'],
    summary: 'CORS preflight: any website passes, so that the request after it gets a readable refusal',
    responseType: 'text/plain',
    status: 204,
  } as const;
  app.options('/v1/sites/:site', { onRequest: [loadSite], config: preflightDoc }, preflight);
  app.options('/v1/sites/:site/*', { onRequest: [loadSite], config: preflightDoc }, preflight);

  const siteDoc = {
    tags: ['Site'],
    summary: "The site's name, time zone and languages; tells a widget it found a buurtkit collector",
  } as const;
  app.get(
    '/v1/sites/:site',
    { onRequest: [loadSite], config: { ...siteDoc, response: siteInfoSchema } },
    async (request): Promise<SiteInfo> => {
      const site = request.site!;
      return {
        collector: 'buurtkit',
        protocolVersion: PROTOCOL_VERSION,
        slug: site.slug,
        name: site.name,
        timeZone: site.timeZone,
        locales: site.locales,
        ideaSort: site.settings.ideaSort,
      };
    },
  );

  const renderTokenDoc = {
    tags: ['Site'],
    summary: 'A render token for one submission: `{token, notBefore, expiresAt}`, good 2 s after issue for 24 h',
  } as const;
  const issueRenderToken = async (request: FastifyRequest, reply: FastifyReply): Promise<RenderTokenAnswer> => {
    reply.header('Cache-Control', 'no-store');
    return ctx.renderTokens.issue(request.site!.slug);
  };
  app.get('/v1/sites/:site/render-token', { onRequest: [loadSite, rateLimited('renderTokens')], config: renderTokenDoc }, issueRenderToken);
  app.get(
    LEGACY_RENDER_TOKEN_PATH,
    {
      onRequest: [loadSite, rateLimited('renderTokens')],
      config: {
        ...renderTokenDoc,
        summary: 'The earlier name of `/v1/sites/:site/render-token`, answered for one release',
        deprecated: true,
      },
    },
    issueRenderToken,
  );

  app.get(
    '/v1/sites/:site/pow-challenge',
    {
      onRequest: [loadSite, rateLimited('renderTokens')],
      config: { tags: ['Site'], summary: 'An ALTCHA proof-of-work challenge, for sites that ask for one (header `Buurtkit-Pow`)' },
    },
    async (request, reply): Promise<PowChallenge> => {
      reply.header('Cache-Control', 'no-store');
      return ctx.pow.issue(request.site!);
    },
  );

  const submissionDoc = {
    tags: ['Submissions'],
    summary: "A widget's envelope (idea, poll response, intake, volunteer sign-up); 201 new, 200 a retry of the same id",
    description:
      'Header `Buurtkit-Render-Token` (428 `render_token_*` without a valid one), and `Buurtkit-Pow` on sites with proof-of-work ' +
      '(428 `pow_*`). 409 `id_conflict`: the id belongs to another site. 429 `too_fast`: sent within 2 s of the token.',
    body: z.union([
      ideaSubmissionSchema,
      pollResponseSubmissionSchema,
      intakeSubmissionSchema,
      sealedIntakeSubmissionSchema,
      shiftSignupSubmissionSchema,
      volunteerApplicationSubmissionSchema,
    ]),
    response: submissionReceiptSchema,
    status: 201,
  } as const;
  app.post(
    '/v1/sites/:site/submissions',
    { onRequest: [loadSite, rateLimited('submissions'), requireJson], config: submissionDoc },
    async (request, reply) => {
      const body = request.body;
      // A malformed id is left to the widget's schema (422); a well-formed one claims the token.
      if (isRecord(body) && typeof body.id === 'string' && isUuidV7(body.id)) {
        // Proof of work first: a request without one spends no render token.
        if (request.site!.settings.proofOfWork) await ctx.pow.check(request.site!.slug, request.headers[POW_HEADER], body.id);
        if (ctx.renderTokenMode === 'required') await ctx.renderTokens.check(request.site!.slug, request.headers, body.id);
      }
      const widget = isRecord(body) ? body.widget : undefined;
      const handler = typeof widget === 'string' ? submissionHandlers.get(widget as WidgetName) : undefined;
      if (!handler) {
        if (typeof widget === 'string' && (WIDGETS as readonly string[]).includes(widget)) {
          const message = `The widget "${widget}" is not supported by this collector version`;
          throw invalid([{ path: 'widget', message, code: 'unsupported_widget' }], message);
        }
        // Unknown or missing widget: the idea schema's 422 names the field.
        return ideaSubmission(request, reply, ctx);
      }
      return handler(request, reply, ctx);
    },
  );

  const ideasDoc = {
    tags: ['Ideas'],
    summary: "Published ideas with their votes and public answers, never names or contact details; the site's order",
    query: listQuerySchema,
    response: publishedIdeaListSchema,
  } as const;
  app.get('/v1/sites/:site/ideas', { onRequest: [loadSite], config: ideasDoc }, async (request) => {
    const site = request.site!;
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) throw invalid(toFieldIssues(query.error));
    const sort = site.settings.ideaSort;
    return { ideas: await store.ideas.listPublished(site.slug, sort, query.data.limit), sort };
  });

  const voteDoc = {
    tags: ['Submissions'],
    summary: 'A vote for a published idea: 201 counted, 200 a retry or this visitor already voted for it today',
    description: 'Header `Buurtkit-Render-Token`, as for submissions. 404 `idea_not_found`: no published idea with this id.',
    body: voteSubmissionSchema,
    response: voteReceiptSchema,
    status: 201,
  } as const;
  app.post(
    '/v1/sites/:site/ideas/:ideaId/votes',
    { onRequest: [loadSite, rateLimited('votes'), requireJson], config: voteDoc },
    async (request, reply) => {
      const site = request.site!;
      const { ideaId } = request.params as { ideaId: string };
      if (!isUuidV7(ideaId)) throw ideaNotFound();
      const parsed = voteSubmissionSchema.safeParse(request.body);
      if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
      const vote = parsed.data;
      const issues: FieldIssue[] = [];
      if (vote.site !== site.slug) {
        issues.push({ path: 'site', message: 'Does not match the site in the URL', code: 'site_mismatch' });
      }
      if (vote.data.ideaId !== ideaId) {
        issues.push({ path: 'data.ideaId', message: 'Does not match the idea in the URL', code: 'idea_mismatch' });
      }
      if (issues.length) throw invalid(issues);
      // The same protection as submissions: a render token per vote, spent once.
      if (ctx.renderTokenMode === 'required') await ctx.renderTokens.check(site.slug, request.headers, vote.id);
      if (vote.trap.honeypot.trim() !== '') {
        const idea = await store.ideas.get(site.slug, ideaId);
        if (!idea?.published) throw ideaNotFound();
        return reply.code(201).send({ id: vote.id, votes: idea.votes });
      }
      // With render tokens off (trusted senders only), a relay may send many people's votes from one
      // address, so visitors are told apart only when tokens are required.
      const visitor = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
      if (ctx.renderTokenMode === 'required' && !(await ctx.voteVisitors.claim({ site: site.slug, ideaId, voteId: vote.id }, visitor))) {
        // This visitor already voted for the idea today: answered like a retry, nothing counted.
        const idea = await store.ideas.get(site.slug, ideaId);
        if (!idea?.published) throw ideaNotFound();
        return reply.code(200).send({ id: vote.id, votes: idea.votes, status: 'duplicate' });
      }
      const result = await store.ideas.addVote({
        id: vote.id,
        site: site.slug,
        ideaId,
        createdAt: ctx.now().toISOString(),
      });
      if (result.outcome === 'not-found') throw ideaNotFound();
      return reply.code(result.outcome === 'created' ? 201 : 200).send({ id: vote.id, votes: result.votes });
    },
  );
}

/**
 * What `POST /v1/sites/:site/submissions` does for one widget, after the site, origin, rate limit
 * and content type were checked (`request.site` is set). Each widget's module adds its handler to
 * `submissionHandlers`; the answer is 201 new, 200 duplicate id, 409 id used by another site.
 */
export type SubmissionHandler = (request: FastifyRequest, reply: FastifyReply, ctx: RouteContext) => Promise<unknown>;

/** Widget name → its submission handler; registered by the widgets' route modules. */
export const submissionHandlers = new Map<WidgetName, SubmissionHandler>();

/**
 * The checks every widget's envelope gets after its schema: the site must match the URL, no NUL
 * characters, plausible instants. Throws a 422 otherwise.
 */
export function checkEnvelope(envelope: AnyEnvelope, site: string): void {
  const issues = [...storableTextIssues(envelope), ...instantIssues(envelope)];
  if (envelope.site !== site) {
    issues.unshift({ path: 'site', message: 'Does not match the site in the URL', code: 'site_mismatch' });
  }
  if (issues.length) throw invalid(issues);
}

/** A bot filled the hidden field: the caller answers like a success and keeps nothing. */
export function isHoneypotFilled(envelope: AnyEnvelope): boolean {
  return envelope.trap.honeypot.trim() !== '';
}

async function ideaSubmission(request: FastifyRequest, reply: FastifyReply, ctx: RouteContext): Promise<unknown> {
  const site = request.site!;
  const envelope = parseIdeaSubmission(request.body);
  checkEnvelope(envelope, site.slug);
  if (isHoneypotFilled(envelope)) {
    request.log.info({ site: site.slug }, 'honeypot submission dropped');
    return reply.code(201).send({ id: envelope.id, status: 'received' });
  }
  const record = toSubmissionRecord(envelope, ctx.now());
  if (record.consent && record.consent.textHash === null) {
    // Accepted all the same (a newer widget may be ahead of us), but an operator should know.
    request.log.warn(
      { site: site.slug, textVersion: record.consent.textVersion, locale: record.locale },
      'consent text version not known to this collector; stored without a hash',
    );
  }
  const outcome = await ctx.store.ideas.insert(withWebhook(ctx, record), {
    text: envelope.data.text,
    category: envelope.data.category ?? null,
    role: envelope.data.role ?? null,
    wantsToHelp: envelope.data.wantsToHelp,
    name: envelope.data.name ?? null,
    contact: envelope.data.contact ?? null,
    consentVersion: envelope.consent?.textVersion ?? null,
    consentGivenAt: record.consent?.givenAt ?? null,
    consentHash: record.consent?.textHash ?? null,
  });
  return sendInsertOutcome(reply, envelope.id, outcome);
}

/**
 * The record with its webhook event: the store queues it for the site's webhook, if it has one,
 * in the transaction that stores the submission (an outbox). Widgets whose answers are sensitive
 * forward a notice without them (`data` replaced, consent left out) rather than the answers.
 */
export function withWebhook(
  ctx: RouteContext,
  record: SubmissionRecord,
  view: { data: unknown; consent: SubmissionRecord['consent'] } = record,
): SubmissionRecord {
  const { id, widget, kind, locale, receivedAt } = record;
  const payload = { id, widget, kind, locale, receivedAt, consent: view.consent, data: view.data };
  return { ...record, webhook: { deliveryId: uuidv7(ctx.now().getTime()), event: 'submission.created', payload } };
}

/** 201 new, 200 duplicate (a retry: no second row), 409 the id belongs to another site. */
export function sendInsertOutcome(reply: FastifyReply, id: string, outcome: InsertOutcome): FastifyReply {
  if (outcome === 'conflict') {
    throw new ApiError(409, 'id_conflict', 'This submission id is already used elsewhere; make a new id');
  }
  // Only reached after the transaction committed: SQLite's (group) COMMIT or PostgreSQL's.
  return reply.code(outcome === 'created' ? 201 : 200).send({ id, status: outcome === 'created' ? 'received' : 'duplicate' });
}
submissionHandlers.set('idea-box', ideaSubmission);

function ideaNotFound(): ApiError {
  return new ApiError(404, 'idea_not_found', 'There is no published idea with this id');
}

/** Validates an idea envelope (votes have their own route). */
function parseIdeaSubmission(body: unknown): IdeaSubmission {
  if (isRecord(body) && isRecord(body.data) && body.data.kind === 'vote') {
    throw invalid([{ path: 'data.kind', message: 'Send votes to /v1/sites/:site/ideas/:ideaId/votes', code: 'wrong_route' }]);
  }
  const parsed = ideaSubmissionSchema.safeParse(body);
  if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
  return parsed.data;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * NUL characters cannot be stored by PostgreSQL (text or jsonb) and have no place in typed text,
 * nor do lone surrogates; they are refused with a 422 on both backends, so the two behave the same and an outbox never
 * retries a submission that can only fail.
 */
export function storableTextIssues(value: unknown, path: string[] = []): FieldIssue[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ path: path.join('.'), message: 'Contains a NUL character', code: 'invalid_character' }];
    // Half a surrogate pair is no character: SQLite would store invalid UTF-8 other tools cannot
    // read, and PostgreSQL refuses it. No keyboard makes one, so it is refused rather than altered.
    if (LONE_SURROGATE.test(value))
      return [{ path: path.join('.'), message: 'Contains half of a character (a lone surrogate)', code: 'invalid_character' }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, n) => storableTextIssues(v, [...path, String(n)]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => storableTextIssues(v, [...path, k]));
  return [];
}

/** Browser clocks may be off, but not by two thousand years: PostgreSQL has no year 0. */
const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);

function instantIssues(envelope: AnyEnvelope): FieldIssue[] {
  const check = (path: string, iso: string | undefined): FieldIssue[] =>
    iso !== undefined && Date.parse(iso) < EARLIEST_INSTANT ? [{ path, message: 'Not a plausible date', code: 'invalid_date' }] : [];
  return [...check('sentAt', envelope.sentAt), ...check('consent.givenAt', envelope.consent?.givenAt)];
}

/** One spelling per instant, `Date#toISOString()`, whatever offset or precision the browser sent. */
const canonicalInstant = (iso: string) => new Date(iso).toISOString();

/** The stored form of a validated envelope (consent hashed against the registered texts). */
export function toSubmissionRecord(envelope: AnyEnvelope, receivedAt: Date): SubmissionRecord {
  return {
    id: envelope.id,
    site: envelope.site,
    widget: envelope.widget,
    kind: envelope.data.kind,
    locale: envelope.locale,
    schemaVersion: envelope.schemaVersion,
    sentAt: canonicalInstant(envelope.sentAt),
    receivedAt: receivedAt.toISOString(),
    consent: envelope.consent
      ? {
          textVersion: envelope.consent.textVersion,
          givenAt: canonicalInstant(envelope.consent.givenAt),
          textHash: consentHashFor(envelope.consent.textVersion, envelope.locale),
        }
      : null,
    data: envelope.data,
    elapsedMs: envelope.trap.elapsedMs,
  };
}
