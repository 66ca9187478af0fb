/**
 * Protocol constants shared by widgets and collector. Plain `as const` arrays so the browser can
 * import them without pulling in zod, while `z.enum()` and the TypeScript unions share one source.
 */

export const PROTOCOL_VERSION = 1 as const;

export const WIDGETS = ['idea-box', 'activity-calendar', 'welcome-intake', 'volunteer-signup', 'feedback-poll'] as const;
export type WidgetName = (typeof WIDGETS)[number];

/** Largest request body the collector accepts; the widget checks it before sending too. */
export const MAX_BODY_BYTES = 32 * 1024;

export const IDEA_TEXT_MIN = 3;
export const IDEA_TEXT_MAX = 2000;
export const NAME_MAX = 100;
export const CONTACT_MAX = 200;
export const CATEGORY_MAX = 60;
export const PUBLIC_ANSWER_MAX = 2000;
export const STATUS_REASON_MAX = 500;

export const IDEA_STATUSES = ['ontvangen', 'wordt-besproken', 'gepland', 'gedaan', 'niet-mogelijk'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const RESPONDENT_ROLES = ['bezoeker', 'naaste', 'buurtbewoner', 'vrijwilliger', 'anders'] as const;
export type RespondentRole = (typeof RESPONDENT_ROLES)[number];

/** Default idea categories; a site or a widget instance may replace them. */
export const DEFAULT_IDEA_CATEGORIES = ['activiteit', 'de-ruimte', 'samen-organiseren', 'zorg-of-zorgen', 'anders'] as const;

/** Version of the consent text shown next to contact fields; stored with each submission. */
export const IDEA_CONSENT_TEXT_VERSION = 'idea-contact-2026-11';

/** Site slugs: lower-case letters, digits and dashes, as they appear in URLs. */
export const SITE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** An e-mail address, loosely: something@something.tld. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** A phone number: digits with optional +, spaces, dashes, dots and brackets; 6–15 digits. */
export const PHONE_PATTERN = /^\+?[0-9 ().-]{6,24}$/;

export function isPlausibleContact(value: string): boolean {
  const v = value.trim();
  if (EMAIL_PATTERN.test(v)) return true;
  if (!PHONE_PATTERN.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

/** How a site's public idea list is ordered; `newest` unless the site opts in to votes. */
export const IDEA_SORTS = ['newest', 'votes'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/**
 * What a coordinator token may do. `admin` implies every other scope except `sensitive`: reading
 * sensitive answers (intake topics and free text) always takes a token that was given it explicitly.
 */
export const TOKEN_SCOPES = ['read', 'moderate', 'export', 'admin', 'sensitive'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * How long personal data is kept, in months, unless a site's `settings.retention` says otherwise.
 * One key per kind of data and widget; the purge (`buurtkit-collector purge`, and daily inside
 * `serve`) enforces each key it knows. Planned keys, same shape (whole months, 1–120):
 * - `signupContactMonths` (volunteer-signup): name and contact, counted from the end of the shift,
 *   default 3.
 */
export const DEFAULT_RETENTION = {
  /** idea-box: name, contact and consent are removed this long after receipt; the idea stays. */
  ideaContactMonths: 12,
  /** welcome-intake: the whole record (envelope, answers, sealed answers) is deleted this long after receipt. */
  intakeMonths: 12,
  /** volunteer-signup: a shift sign-up's first name and contact are removed this long after the shift (its hours stay). */
  signupContactMonths: 3,
  /** volunteer-signup: a general "ik wil vrijwilliger worden" sign-up is deleted whole this long after receipt. */
  volunteerApplicationMonths: 12,
  /** feedback-poll: comments and stories (free text) are removed this long after receipt; the answers stay. */
  pollTextMonths: 24,
} as const;
export type RetentionSettings = { -readonly [K in keyof typeof DEFAULT_RETENTION]: number };
/** Bounds of a retention period in whole months: at least a month, at most ten years. */
export const RETENTION_MONTHS_MIN = 1;
export const RETENTION_MONTHS_MAX = 120;

/** What a coordinator can mark as handled in the inbox. */
export const HANDLED_KINDS = ['idea', 'intake', 'application', 'signup', 'poll-response'] as const;
export type HandledKind = (typeof HANDLED_KINDS)[number];

/** Where each kind's items are under `/v1/admin/sites/:site/`: `PUT <path>/:id/handled`. */
export const HANDLED_PATHS: Record<HandledKind, string> = {
  idea: 'ideas',
  intake: 'intakes',
  application: 'volunteer/applications',
  signup: 'volunteer/signups',
  'poll-response': 'poll-responses',
};

/** The delimiters a CSV download can use (`?delimiter=`): `;` is what Dutch Excel expects. */
export const CSV_DELIMITERS = { semicolon: ';', comma: ',' } as const;
export type CsvDelimiterName = keyof typeof CSV_DELIMITERS;
