/**
 * What every widget's envelope gets once its own schema accepted it: the checks all widgets share,
 * the honeypot, and the stored form (the submission record, and the event its webhook hears).
 */
import { uuidv7, type Envelope, type FieldIssue } from '../schema/index.js';
import { invalid } from './http.js';
import { consentHashFor } from './privacy/consent.js';
import { storableTextIssues } from './storable-text.js';
import type { SubmissionRecord } from './store/types.js';

/** What every widget's validated envelope has in common; `data.kind` names the payload. */
export type AnyEnvelope = Envelope<{ kind: string }>;

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

/** What a site's webhook hears of a submission besides its id, widget, kind, locale and time. */
export interface WebhookView {
  data: unknown;
  consent: SubmissionRecord['consent'];
}

/**
 * The record with its webhook event: the store queues it for the site's webhook, if it has one,
 * in the transaction that stores the submission (an outbox). Widgets whose answers are sensitive
 * forward a notice without them (`data` replaced, consent left out) rather than the answers.
 */
export function withWebhook(record: SubmissionRecord, view: WebhookView, now: Date): SubmissionRecord {
  const { id, widget, kind, locale, receivedAt } = record;
  const payload = { id, widget, kind, locale, receivedAt, consent: view.consent, data: view.data };
  return { ...record, webhook: { deliveryId: uuidv7(now.getTime()), event: 'submission.created', payload } };
}
