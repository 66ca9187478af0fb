/**
 * Vocabulary and limits of the activity calendar. Plain `as const` arrays without zod, so the
 * widget can import them (filters, labels) while `src/schema/activity.ts` builds its `z.enum()`s
 * from the same source.
 */

/** The site default when an activity does not name a zone: the Netherlands, where the houses are. */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/** Opening hours / drop-in blocks are their own kind, shown apart from activities. */
export const SCHEDULE_KINDS = ['activity', 'opening-hours'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** "gaat door" / "gaat niet door", per activity and per occurrence. */
export const ACTIVITY_STATUSES = ['gaat-door', 'gaat-niet-door'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Audience tags with a filter on them. */
export const AUDIENCE_TAGS = [
  'iedereen',
  'senioren',
  'kinderen',
  'jongeren',
  'ouders',
  'moeders',
  'naasten',
  'mensen-met-een-beperking',
  'anderstaligen',
  'nieuwkomers',
  'buurtbewoners',
  'vrijwilligers',
] as const;
export type AudienceTag = (typeof AUDIENCE_TAGS)[number];

/** Accessibility facts a visitor may need before coming. */
export const ACCESSIBILITY_FEATURES = [
  'rolstoeltoegankelijk',
  'drempelvrij',
  'lift',
  'invalidentoilet',
  'ringleiding',
  'gebarentolk',
  'prikkelarm',
  'hulphond-welkom',
  'parkeren-dichtbij',
  'ov-dichtbij',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** Partners or professionals present at a session; `anders` needs a name. */
export const PRESENT_ROLES = [
  'buurtwerker',
  'wijkagent',
  'budgetcoach',
  'gemeente',
  'woningcorporatie',
  'wijkverpleegkundige',
  'ervaringsdeskundige',
  'maatschappelijk-werker',
  'ouderenadviseur',
  'vrijwilliger',
  'anders',
] as const;
export type PresentRole = (typeof PRESENT_ROLES)[number];

/** Cost: free, an amount, or "eigen bijdrage". */
export const COST_KINDS = ['free', 'amount', 'contribution'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export const CURRENCIES = ['EUR'] as const;

/** Optional registration: a link elsewhere, or a capacity counted with "ik kom". */
export const REGISTRATION_KINDS = ['link', 'capacity'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

/** Suggested categories; a site may use its own (the schema accepts any short text). */
export const DEFAULT_ACTIVITY_CATEGORIES = [
  'ontmoeten',
  'eten-en-drinken',
  'creatief',
  'bewegen',
  'leren',
  'spreekuur',
  'informatie',
  'feest',
  'natuur-en-tuin',
] as const;

/**
 * Most days one expanded collector answer covers (`from` to `to`): a little more than two years.
 * The widget never asks for more, however far a visitor pages.
 */
export const MAX_RANGE_DAYS = 800;

export const ACTIVITY_ID_MAX = 255;
export const ACTIVITY_TITLE_MAX = 120;
export const ACTIVITY_DESCRIPTION_MAX = 4000;
export const ACTIVITY_SHORT_TEXT_MAX = 200;
export const ACTIVITY_NOTE_MAX = 500;
export const ACTIVITY_CATEGORY_MAX = 60;
export const ACTIVITY_URL_MAX = 2000;
export const RRULE_MAX = 500;
export const TIME_ZONE_MAX = 64;
export const MAX_EXDATES = 1000;
export const MAX_RDATES = 1000;
export const MAX_PAUSES = 50;
export const MAX_OVERRIDES = 1000;
export const MAX_PRESENT = 20;
/** Amounts are in cents; nobody pays more than €10,000 to join a neighbourhood activity. */
export const MAX_AMOUNT_CENTS = 1_000_000;
export const MAX_CAPACITY = 10_000;

/** Most places one "ik kom" may ask for (a family, a small group). */
export const MAX_ATTENDANCE_PLACES = 10;
/**
 * Places one "ik kom" may ask for unless the activity says otherwise (`registration.maxPlaces`):
 * enough for a family, too few for one script to take an evening's places in a few requests.
 */
export const DEFAULT_ATTENDANCE_PLACES_PER_REQUEST = 4;
