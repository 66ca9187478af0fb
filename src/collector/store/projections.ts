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

/**
 * The kinds (`widget/kind`) whose payload has a table of its own, and whether that table keeps the
 * consent too. Only these lose their payload from the envelope row (see `envelopeOf`).
 */
const OWN_TABLE: Readonly<Record<string, { consent: boolean }>> = {
  'idea-box/idea': { consent: true }, // ideas
  'welcome-intake/intake': { consent: true }, // intakes
  'feedback-poll/poll-response': { consent: false }, // poll_responses
  'volunteer-signup/shifts': { consent: false }, // volunteer_signups
};

/**
 * What the envelope row (`submissions`) keeps of a submission's payload and consent, so that
 * personal data lives in one place and erasure and retention clean one table per domain:
 * - a kind with a table of its own (ideas, intakes, poll responses, shift sign-ups) has every field
 *   of its payload there, so the envelope keeps only `{kind}` as its data, and no consent where
 *   that table has consent columns (ideas, intakes);
 * - a general sign-up (`volunteer-signup/application`) has no table of its own: its envelope is its
 *   row and keeps the whole payload and consent, as does any kind not listed in `OWN_TABLE`.
 * The envelope's other columns (id, site, widget, kind, locale, schema version, the instants, the
 * honeypot timing) say nothing about the person. The webhook hears the full submission: its
 * payload is made from the record before this, and kept in its own outbox row until delivered.
 */
export function envelopeOf(s: SubmissionRecord): Pick<SubmissionRecord, 'consent' | 'data'> {
  const own = OWN_TABLE[`${s.widget}/${s.kind}`];
  if (!own) return { consent: s.consent, data: s.data };
  return { consent: own.consent ? null : s.consent, data: { kind: s.kind } };
}

/** A submission's envelope row as statement parameters (both backends; JSON as text). */
export function submissionValues(s: SubmissionRecord): unknown[] {
  const { consent, data } = envelopeOf(s);
  return [
    s.id,
    s.site,
    s.widget,
    s.kind,
    s.locale,
    s.schemaVersion,
    s.sentAt,
    s.receivedAt,
    consent ? JSON.stringify(consent) : null,
    JSON.stringify(data),
    s.elapsedMs,
  ];
}
