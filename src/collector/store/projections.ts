/** Projections shared by every store implementation. */
import type { AdminIdea, HandledKind, HandledState, PublishedIdea } from '../../schema/index.js';
import type { IntakeRecord, RateOutcome, RateTake, SiteSettings, SubmissionRecord, WebhookDelivery } from './types.js';

/** The public projection: an explicit allow-list, so a new private column cannot leak by default. */
export function toPublishedIdea(i: AdminIdea): PublishedIdea {
  return {
    id: i.id,
    text: i.text,
    category: i.category,
    status: i.status,
    statusReason: i.statusReason,
    publicAnswer: i.publicAnswer,
    votes: i.votes,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** A `webhook_deliveries` row (payload excluded), the same from both backends' row shapes. */
export function toWebhookDelivery(r: Record<string, unknown>): WebhookDelivery {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    site: String(r.site),
    event: String(r.event),
    status: r.status as WebhookDelivery['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: text(r.next_attempt_at),
    lastError: text(r.last_error),
    createdAt: String(r.created_at),
    finishedAt: text(r.finished_at),
  };
}

/** A bucket's answer: when denied, the wait until one interval has drained (at least 1 ms). */
export function rateOutcome(take: RateTake, tat: number, denied: boolean): RateOutcome {
  if (!denied) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(tat + take.intervalMs - take.now - take.intervalMs * take.burst)) };
}

/**
 * An `intakes` row as the store contract wants it. The backends differ only in how a boolean and
 * JSON come back (SQLite: 0/1 and text; PostgreSQL: booleans and parsed jsonb), which they say.
 */
export function toIntakeRecord(r: Record<string, unknown>, read: { flag(v: unknown): boolean; json(v: unknown): unknown }): IntakeRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    site: String(r.site),
    flowId: String(r.flow_id),
    flowVersion: Number(r.flow_version),
    visibility: r.visibility as IntakeRecord['visibility'],
    forSomeoneElse: read.flag(r.for_someone_else),
    assisted: read.flag(r.assisted),
    answers: read.json(r.answers) as Record<string, unknown>,
    sealed: text(r.sealed),
    consentVersion: text(r.consent_version),
    consentGivenAt: text(r.consent_given_at),
    consentHash: text(r.consent_hash),
    locale: String(r.locale),
    createdAt: String(r.created_at),
    ...handledState(r),
  };
}

/** The `handled_at` and `handled_by` columns of a row, the same in both backends. */
export function handledState(r: Record<string, unknown>): HandledState {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { handledAt: text(r.handled_at), handledBy: text(r.handled_by) };
}

/**
 * Where each kind's handled state is kept: its table, and what else picks the kind's rows there
 * (general sign-ups are envelopes in `submissions`). Fixed strings: safe to put in SQL.
 */
export const HANDLED_TABLES: Record<HandledKind, { table: string; where: string }> = {
  idea: { table: 'ideas', where: '' },
  intake: { table: 'intakes', where: '' },
  application: { table: 'submissions', where: " AND widget = 'volunteer-signup' AND kind = 'application'" },
  signup: { table: 'volunteer_signups', where: '' },
  'poll-response': { table: 'poll_responses', where: '' },
};

/** A site's stored settings as the contract has them (one place: both backends store the same JSON). */
export function siteSettings(stored: Partial<SiteSettings>): SiteSettings {
  return {
    ideaSort: stored.ideaSort === 'votes' ? 'votes' : 'newest',
    ...(stored.retention && { retention: stored.retention }),
    ...(stored.volunteer && { volunteer: stored.volunteer }),
    ...(stored.calendarFeeds && { calendarFeeds: stored.calendarFeeds }),
    ...(stored.proofOfWork && { proofOfWork: stored.proofOfWork }),
  };
}

/** A database row by column name. */
type NamedRow = Record<string, unknown>;

/**
 * A function that names the values of a raw row (as SQLite's `statement.raw()` or pg's
 * `rowMode: 'array'` return them, in column order), compiled once for a statement's columns: for a
 * million-row export it is several times cheaper than the driver building an object per row, or a
 * loop over the names.
 */
export function rowBuilder(names: readonly string[]): (values: readonly unknown[]) => NamedRow {
  const body = `return { ${names.map((name, k) => `${JSON.stringify(name)}: v[${k}]`).join(', ')} };`;
  return new Function('v', body) as (values: readonly unknown[]) => NamedRow;
}

/** The replay tables of render tokens and proof-of-work challenges, by the column each is keyed on. */
export const USE_KEYS = { render_token_uses: 'nonce', pow_uses: 'challenge' } as const;
export type UseTable = keyof typeof USE_KEYS;

/** The columns of a submission's envelope row, in the order of `submissionValues`. */
export const SUBMISSION_COLUMNS = 'id, site, widget, kind, locale, schema_version, sent_at, received_at, consent, data, elapsed_ms';

/** A submission's envelope row as statement parameters (both backends; JSON as text). */
export const submissionValues = (s: SubmissionRecord): unknown[] => [
  s.id,
  s.site,
  s.widget,
  s.kind,
  s.locale,
  s.schemaVersion,
  s.sentAt,
  s.receivedAt,
  s.consent ? JSON.stringify(s.consent) : null,
  JSON.stringify(s.data),
  s.elapsedMs,
];
