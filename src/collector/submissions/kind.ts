/**
 * The server side of one widget's submissions, as one descriptor: what its envelope must look
 * like, what it is checked against, how it is stored and what the site's webhook hears of it.
 * The pipeline (pipeline.ts) runs the steps every widget shares around these; index.ts lists them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { WidgetName } from '../../schema/index.js';
import type { InsertOutcome, Site, SubmissionRecord } from '../store/types.js';
import type { AnyEnvelope, WebhookView } from '../envelope.js';

/** The "ik kom" of `<activity-calendar>` has its own route (it counts places); every other widget submits here. */
export type SubmittingWidget = Exclude<WidgetName, 'activity-calendar'>;

/** Where a step runs: the request (its log and address), its site, and the collector. */
export interface SubmissionContext {
  request: FastifyRequest;
  site: Site;
  /** The collector's services (services.ts). */
  app: FastifyInstance;
  /** When the collector received the submission: `receivedAt`, and the webhook's delivery id. */
  now: Date;
}

/** What storing answered: the outcome, and what the widget reads besides `{id, status}`. */
export type Stored = InsertOutcome | { outcome: InsertOutcome; receipt: Record<string, unknown> };

/**
 * Steps in the order the pipeline runs them, after the site, origin, rate limit, content type,
 * proof of work and render token were checked: `parse`, the envelope checks all widgets share,
 * `check`, the honeypot, `store`. A person and a bot with the same mistakes get the same 422.
 */
export interface SubmissionKind<W extends SubmittingWidget = SubmittingWidget, E extends AnyEnvelope = AnyEnvelope, C = unknown> {
  readonly widget: W;
  /** The envelopes it accepts, for the API reference (`parse` decides which one a body is). */
  readonly envelopes: readonly z.ZodType[];
  /** The body as this widget's envelope (its zod schema); a 422 naming the fields otherwise. */
  parse(body: unknown, context: SubmissionContext): E;
  /** Checks against what the site has stored (the poll exists and is open, the shift is ahead); 422 or 429. */
  check?(envelope: E, context: SubmissionContext): Promise<C>;
  /** What a bot that filled the honeypot reads besides `{id, status: 'received'}`: what a person would. */
  decoy?(envelope: E): Record<string, unknown>;
  /**
   * What the site's webhook hears, queued in the transaction that stores the submission: the
   * stored record's data and consent unless this says otherwise; `null`: no `submission.created`.
   */
  forward?(record: SubmissionRecord, envelope: E): WebhookView | null;
  /** Stores the submission (`record` carries its webhook event); a duplicate id is not stored twice. */
  store(envelope: E, checked: C, record: SubmissionRecord, context: SubmissionContext): Promise<Stored>;
}

/** Types a descriptor's steps from its schema, without widening it for the list in index.ts. */
export function submissionKind<W extends SubmittingWidget, E extends AnyEnvelope, C = undefined>(
  kind: SubmissionKind<W, E, C>,
): SubmissionKind<W, E, C> {
  return kind;
}
