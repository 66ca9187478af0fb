/**
 * `POST /v1/sites/:site/submissions`: the steps every widget's submission takes, once. Before the
 * handler: the site and its allowed websites, the submissions rate limit, JSON. Then proof of work
 * and the render token, the widget's descriptor (index.ts) with the envelope checks all widgets
 * share between its steps, the honeypot, and the answer: 201 new, 200 a retry of the same id
 * (no second row), 409 an id another site used.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isUuidV7, submissionReceiptSchema } from '../../schema/index.js';
import { ApiError } from '../http.js';
import { POW_HEADER } from '../pow.js';
import { loadSite, rateLimit, requireJson } from '../routes/guards.js';
import { checkEnvelope, isHoneypotFilled, toSubmissionRecord, withWebhook } from '../envelope.js';
import { submissionKindOf, submissionKinds } from './index.js';
import type { Stored, SubmissionContext } from './kind.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const [firstEnvelope, ...otherEnvelopes] = submissionKinds.flatMap((kind) => kind.envelopes);

const submissionDoc = {
  tags: ['Submissions'],
  summary: "A widget's envelope (idea, poll response, intake, volunteer sign-up); 201 new, 200 a retry of the same id",
  description:
    'Header `Buurtkit-Render-Token` (428 `render_token_*` without a valid one), and `Buurtkit-Pow` on sites with proof-of-work ' +
    '(428 `pow_*`). 409 `id_conflict`: the id belongs to another site. 429 `too_fast`: sent within 2 s of the token.',
  body: z.union([firstEnvelope!, ...otherEnvelopes]),
  response: submissionReceiptSchema,
  status: 201,
} as const;

export async function submissionRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/v1/sites/:site/submissions',
    { onRequest: [loadSite, rateLimit('submissions'), requireJson], config: submissionDoc },
    async (request, reply) => {
      const site = request.site!;
      const body = request.body;
      // A malformed id is left to the widget's schema (422); a well-formed one claims the token.
      if (isRecord(body) && typeof body.id === 'string' && isUuidV7(body.id)) {
        // Proof of work first: a request without one spends no render token.
        if (site.settings.proofOfWork) await app.pow.check(site.slug, request.headers[POW_HEADER], body.id);
        if (app.renderTokenMode === 'required') await app.renderTokens.check(site.slug, request.headers, body.id);
      }
      const kind = submissionKindOf(body);
      const context: SubmissionContext = { request, site, app, now: app.now() };
      const envelope = kind.parse(body, context);
      checkEnvelope(envelope, site.slug);
      const checked = kind.check ? await kind.check(envelope, context) : undefined;
      if (isHoneypotFilled(envelope)) {
        request.log.info({ site: site.slug }, 'honeypot submission dropped');
        return reply.code(201).send({ id: envelope.id, status: 'received', ...kind.decoy?.(envelope) });
      }
      const record = toSubmissionRecord(envelope, context.now);
      const view = kind.forward ? kind.forward(record, envelope) : record;
      const stored = await kind.store(envelope, checked, view ? withWebhook(record, view, context.now) : record, context);
      return sendStored(reply, envelope.id, stored);
    },
  );
}

/** 201 new, 200 duplicate (a retry: no second row), 409 the id belongs to another site. */
function sendStored(reply: FastifyReply, id: string, stored: Stored): FastifyReply {
  const { outcome, receipt } = typeof stored === 'string' ? { outcome: stored, receipt: {} } : stored;
  if (outcome === 'conflict') {
    throw new ApiError(409, 'id_conflict', 'This submission id is already used elsewhere; make a new id');
  }
  // Only reached after the transaction committed: SQLite's (group) COMMIT or PostgreSQL's.
  return reply.code(outcome === 'created' ? 201 : 200).send({ id, status: outcome === 'created' ? 'received' : 'duplicate', ...receipt });
}
