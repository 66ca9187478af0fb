/**
 * The storage boundary of the collector, implemented by SQLite and PostgreSQL and held to one
 * contract run on both (test/collector/store-contract*.ts, one file per part). Everything is
 * async and says nothing about SQL: timestamps go in and come out as `Date#toISOString()` strings
 * (UTC, milliseconds), counts are numbers, JSON is plain data.
 */
import type { ActivityRecord, AttendanceClaim, VolunteerItemRecord, ShiftSignupRecord } from '../../schema/admin.js';
import type { AccessStore } from './access/access.js';
import type { ActivitiesStore } from './activities/activities.js';
import type { AuditStore } from './audit/audit.js';
import type { IdeasStore } from './ideas/ideas.js';
import type { IntakesStore } from './intakes/intakes.js';
import type { LimitsStore } from './limits/limits.js';
import type { PollsStore } from './polls/polls.js';
import type { VolunteerStore } from './volunteer/volunteer.js';
import type { WebhooksStore } from './webhooks/webhooks.js';

// Records the coordinator API returns as they are stored: one definition, in the schema.
export type { ActivityRecord, AttendanceClaim, VolunteerItemRecord, ShiftSignupRecord };
import type {
  AdminIdea,
  HandledKind,
  HandledState,
  IdeaSort,
  IdeaStatus,
  PollDefinition,
  PollRespondentType,
  RespondentRole,
  RetentionSettings,
  TokenScope,
  WidgetName,
} from '../../schema/index.js';

export interface SiteSettings {
  ideaSort: IdeaSort;
  /**
   * Overrides of `DEFAULT_RETENTION` (months per kind of data and widget), e.g.
   * `{ ideaContactMonths: 6 }`; absent keys keep the default. Replaced whole on update.
   */
  retention?: Partial<RetentionSettings>;
  /** `<volunteer-signup>`: show today's host's first name publicly; hours a promoted person has to confirm. */
  volunteer?: { showHostName?: boolean; offerHours?: number };
  /** Public ICS addresses the collector fetches into the calendar (hourly in `serve`). */
  calendarFeeds?: string[];
  /** Proof-of-work (ALTCHA) asked of public submissions; absent or null: off (see pow.ts). */
  proofOfWork?: { maxNumber: number } | null;
}

export interface Site {
  slug: string;
  name: string;
  /** IANA zone used for dates in exports and reports. */
  timeZone: string;
  locales: string[];
  /** Exact origins (`https://example.nl`) whose pages may call the public API. */
  allowedOrigins: string[];
  settings: SiteSettings;
  createdAt: string;
}

export interface NewSite {
  slug: string;
  name: string;
  timeZone?: string;
  locales?: string[];
  allowedOrigins?: string[];
  settings?: Partial<SiteSettings>;
}

export interface SiteChanges {
  name?: string;
  timeZone?: string;
  locales?: string[];
  allowedOrigins?: string[];
  settings?: Partial<SiteSettings>;
}

export interface TokenRecord {
  id: string;
  site: string;
  /** Hex SHA-256 of the whole token; the token itself is never stored. */
  hash: string;
  /** The first characters of the token, shown in lists and audit rows to recognise it. */
  prefix: string;
  label: string | null;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The envelope as stored, for every widget. `data` is the validated, normalised payload. */
export interface SubmissionRecord {
  id: string;
  site: string;
  widget: WidgetName;
  kind: string;
  locale: string;
  schemaVersion: number;
  sentAt: string;
  receivedAt: string;
  /** `textHash`: hex SHA-256 of the consent text shown, null when the version is not registered. */
  consent: { textVersion: string; givenAt: string; textHash: string | null } | null;
  data: unknown;
  elapsedMs: number;
  /**
   * The site's webhook event for this submission: queued in the same transaction as the rows, and
   * only when they are new and the site has a webhook, so every stored submission is delivered at
   * least once (a crash cannot fall between the commit and the queueing).
   */
  webhook?: SubmissionWebhook;
}

/** A webhook delivery queued with a submission; `payload` is what the receiver gets as `data`. */
export interface SubmissionWebhook {
  deliveryId: string;
  event: string;
  payload: unknown;
}

export interface NewIdea {
  text: string;
  category: string | null;
  role: RespondentRole | null;
  wantsToHelp: boolean;
  name: string | null;
  contact: string | null;
  consentVersion: string | null;
  consentGivenAt: string | null;
  consentHash: string | null;
}

/** `conflict`: the id exists, but for another site; that is a replay or a bug, never a retry. */
export type InsertOutcome = 'created' | 'duplicate' | 'conflict';

export interface NewVote {
  id: string;
  site: string;
  ideaId: string;
  createdAt: string;
}

export interface VoteOutcome {
  outcome: 'created' | 'duplicate' | 'not-found';
  /** The idea's vote count after this vote (0 when not found). */
  votes: number;
}

/** Why an idea cannot be merged into the target (see `IdeasStore.merge`). */
export type MergeProblem = 'same-as-target' | 'not-found' | 'merged-elsewhere' | 'has-merged-ideas';

export type MergeOutcome =
  /** `merged`: the ids that were merged now (not those that already were). */
  | { outcome: 'merged'; idea: AdminIdea; merged: string[] }
  | { outcome: 'target-not-found' }
  /** The target is itself merged (into `mergedInto`): merge into that idea instead. */
  | { outcome: 'target-merged'; mergedInto: string }
  | { outcome: 'rejected'; problems: { id: string; problem: MergeProblem }[] };

export interface IdeaQuery {
  status?: IdeaStatus;
  published?: boolean;
  /** Only handled (true) or only not handled (false) ideas. */
  handled?: boolean;
  /** Only ideas with this (normalised) tag. */
  tag?: string;
  limit: number;
  offset: number;
}

export interface ExportQuery {
  /** Only ideas received up to this instant, so the audited count and the file agree. */
  receivedUpTo: string;
}

/**
 * One request against a token bucket (GCRA: a bucket of `burst` requests that refills one request
 * every `intervalMs`), kept as one "theoretical arrival time" per bucket and key.
 */
export interface RateTake {
  bucket: string;
  key: string;
  /** Epoch milliseconds. */
  now: number;
  /** Milliseconds per request refilled (window / limit; may be fractional). */
  intervalMs: number;
  /** How many requests may come at once: the bucket's size. */
  burst: number;
}

/** `retryAfterMs`: when the next request would be allowed (0 when this one was). */
export interface RateOutcome {
  allowed: boolean;
  retryAfterMs: number;
}

export interface AuditEntry {
  at: string;
  site: string | null;
  /** A token's display prefix, or `cli` for the command line. */
  actor: string;
  action: string;
  target: string | null;
  rowCount: number | null;
}

export type NewActivity = Pick<ActivityRecord, 'id' | 'site' | 'data'> & { source?: string | null };

/** A site's webhook: where accepted submissions are forwarded, and the key that signs them. */
export interface WebhookTarget {
  site: string;
  url: string;
  secret: string;
  createdAt: string;
}

export type WebhookStatus = 'pending' | 'delivered' | 'failed';

export interface NewWebhookDelivery {
  id: string;
  site: string;
  event: string;
  payload: unknown;
  createdAt: string;
}

/** A queued delivery as coordinators and operators see it (never with its payload). */
export interface WebhookDelivery {
  id: string;
  site: string;
  event: string;
  status: WebhookStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A delivery leased for sending, with what is needed to send it. */
export interface WebhookClaim extends NewWebhookDelivery {
  attempts: number;
  url: string;
  secret: string;
}

export interface WebhookResult {
  status: WebhookStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  finishedAt: string | null;
}

/** One use of a render token: its nonce, for which submission. */
export interface RenderTokenUse {
  nonce: string;
  site: string;
  submissionId: string;
  usedAt: string;
}

// — welcome intake —

/**
 * An intake as stored: the non-sensitive answers in clear, the sensitive ones (topics, free text,
 * contact) only inside `sealed`, an AES-256-GCM box the store never opens (see intake-crypto.ts).
 */
export interface NewIntake {
  flowId: string;
  flowVersion: number;
  visibility: 'professional' | 'host';
  forSomeoneElse: boolean;
  assisted: boolean;
  /** Answers to questions that are not sensitive, keyed by question id. */
  answers: Record<string, unknown>;
  /** The sealed sensitive answers, or null when there were none. */
  sealed: string | null;
  consentVersion: string | null;
  consentGivenAt: string | null;
  consentHash: string | null;
}

export interface IntakeRecord extends NewIntake, HandledState {
  id: string;
  site: string;
  locale: string;
  createdAt: string;
}

/** A flow a coordinator saved; versions count up per site and are never changed. */
export interface IntakeFlowRecord {
  site: string;
  version: number;
  /** The validated flow definition, its `version` equal to the record's. */
  flow: unknown;
  /** A token's display prefix, or `cli`. */
  actor: string;
  createdAt: string;
}

export interface IntakeQuery {
  /** Only handled (true) or only not handled (false) intakes. */
  handled?: boolean;
  limit: number;
  offset: number;
}

/** A general "ik wil vrijwilliger worden" sign-up: its envelope, and whether it was handled. */
export type ApplicationRecord = SubmissionRecord & HandledState;

/** Marking as handled: when, and who (the token's label, else its display prefix). */
export interface HandledMark {
  at: string;
  by: string;
}

/**
 * The store: one part per domain, each an interface of its own (store/<part>.ts) with a SQLite
 * and a PostgreSQL implementation side by side (sqlite-<part>.ts, postgres-<part>.ts), reached as
 * `store.<part>.<method>`. The root keeps only what is about the database as a whole.
 */
export interface Store {
  /** Sites and coordinator tokens. */
  readonly access: AccessStore;
  /** Ideas, their moderation, merging, tags, retention and erasure, and votes. */
  readonly ideas: IdeasStore;
  /** Welcome intakes, their flows, retention and erasure. */
  readonly intakes: IntakesStore;
  /** Feedback polls, their responses, retention of their texts, and stories for the impact report. */
  readonly polls: PollsStore;
  /** Calendar items (activities, opening hours) and their "ik kom" attendance. */
  readonly activities: ActivitiesStore;
  /** Volunteer sign-up: roles, shifts, shift sign-ups, general sign-ups and their notifications. */
  readonly volunteer: VolunteerStore;
  /** The site's webhook and the outbox of its deliveries. */
  readonly webhooks: WebhooksStore;
  /** Rate-limit buckets, and the replay records of render tokens and proof-of-work challenges. */
  readonly limits: LimitsStore;
  /** The audit log of what coordinators and the command line did. */
  readonly audit: AuditStore;

  /**
   * "Mark as handled" for an idea, intake, general or shift sign-up, or poll response of
   * the site; `null` unmarks. Marking a handled item again keeps the first mark. Returns the state
   * after the change, or null when the site has no such item. On the root because it spans five
   * domains with one rule and one statement shape (see `HANDLED_TABLES` in projections.ts).
   */
  setHandled(site: string, kind: HandledKind, id: string, mark: HandledMark | null): Promise<HandledState | null>;

  /**
   * After an erasure or purge: makes the removed data unreadable on disk, not just invisible to
   * queries. SQLite (secure_delete on) returns free pages and truncates the WAL; PostgreSQL
   * vacuums the tables that hold personal data.
   */
  overwriteFreedSpace(): Promise<void>;

  /** Returns the secret stored under `name`, storing `candidate` first if there is none. */
  secret(name: string, candidate: string): Promise<string>;

  /** Migration versions applied to the database so far, oldest first. */
  migrations(): Promise<number[]>;
  /** Versions this instance applied when it opened the database (empty when it was up to date). */
  readonly appliedOnOpen: readonly number[];

  /** A trivial query: resolves when the database answers (readiness checks). */
  ping(): Promise<void>;

  close(): Promise<void>;
}

export interface PowUse {
  challenge: string;
  site: string;
  submissionId: string;
  usedAt: string;
}

// — volunteer sign-up —

export type VolunteerItemKind = 'role' | 'shift';

export type NewVolunteerItem = Pick<VolunteerItemRecord, 'id' | 'site' | 'kind' | 'data'>;

export interface SlotSettings {
  now: string;
  offerMs: number;
}

export interface ShiftSignupRequest {
  submission: SubmissionRecord;
  tokenHash: string;
  firstName: string;
  contact: string;
  /** The occurrences; the capacity is the shift's, read under the lock. */
  slots: { shiftId: string; date: string; startAt: string; endAt: string }[];
  offerMs: number;
}

export interface SlotChange {
  /** Rows whose status changed (or the new rows), after the change. */
  signups: ShiftSignupRecord[];
  /** Notifications queued in the same transaction. */
  notifications: VolunteerNotification[];
}

export interface ShiftSignupOutcome extends SlotChange {
  outcome: InsertOutcome;
}

export interface VolunteerNotification {
  id: string;
  site: string;
  kind: 'offered' | 'reminder';
  signupId: string;
  /** The JSON event a webhook receives. */
  payload: Record<string, unknown>;
  createdAt: string;
  sentAt: string | null;
}

/** One "ik kom": `activityId` is the admin row id, `occurrence` the slot's canonical recurrenceId. */
export interface NewAttendance {
  id: string;
  site: string;
  activityId: string;
  occurrence: string;
  places: number;
  /** The activity's capacity at the moment of asking. */
  capacity: number;
  createdAt: string;
}

export interface AttendanceOutcome {
  /** `full`: these places do not fit any more; nothing was counted. */
  outcome: 'created' | 'duplicate' | 'full' | 'conflict';
  /** Places taken for the occurrence after this request. */
  taken: number;
  /** Places of this request (of the stored one for a duplicate). */
  places: number;
}

/** One "ik kom" as stored: anonymous, only how many places for which occurrence and when. */

/** What was counted for one occurrence. */
export interface OccurrenceAttendance {
  /** The admin row id of the activity. */
  activityId: string;
  occurrence: string;
  /** Places taken. */
  places: number;
  /** How many "ik kom" answers made them. */
  responses: number;
}

// — feedback poll —

export interface PollDefinitionRecord {
  site: string;
  poll: PollDefinition;
  createdAt: string;
  updatedAt: string;
}

export interface NewPollResponse {
  pollId: string;
  answer: string | null;
  statements: Record<string, string> | null;
  comment: string | null;
  respondentType: PollRespondentType | null;
  story: string | null;
  activityId: string | null;
  mode: 'inline' | 'kiosk' | null;
}

export interface PollResponseRecord extends NewPollResponse, HandledState {
  id: string;
  site: string;
  locale: string;
  receivedAt: string;
  /** The coordinator ticked the story for the impact report. */
  storySelected: boolean;
}

export interface PollResponseQuery {
  pollId?: string;
  /** Inclusive lower bound (ISO instant). */
  receivedFrom?: string;
  /** Exclusive upper bound (ISO instant). */
  receivedBefore?: string;
  /** Only responses with a story the coordinator ticked. */
  storySelected?: boolean;
}

export interface VolunteerFigures {
  volunteers: number;
  shifts: number;
  hours: number;
}
