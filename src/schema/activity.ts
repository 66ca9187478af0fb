import { z } from 'zod';
import {
  ACCESSIBILITY_FEATURES,
  ACTIVITY_CATEGORY_MAX,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_ID_MAX,
  ACTIVITY_NOTE_MAX,
  ACTIVITY_SHORT_TEXT_MAX,
  ACTIVITY_STATUSES,
  ACTIVITY_TITLE_MAX,
  ACTIVITY_URL_MAX,
  AUDIENCE_TAGS,
  DEFAULT_TIME_ZONE,
  MAX_AMOUNT_CENTS,
  MAX_ATTENDANCE_PLACES,
  MAX_CAPACITY,
  MAX_EXDATES,
  MAX_OVERRIDES,
  MAX_PAUSES,
  MAX_PRESENT,
  MAX_RDATES,
  PRESENT_ROLES,
  RRULE_MAX,
  SCHEDULE_KINDS,
  TIME_ZONE_MAX,
} from '../calendar/constants.js';
import { parseRRule } from '../calendar/rrule.js';
import { envelopeFor } from './envelope.js';
import { isValidTimeZone } from '../calendar/time-zone.js';
import { canonicalLocal, isValidDate, parseLocalDate, parseLocalDateTime } from '../calendar/wall-clock.js';

/**
 * The activity calendar's data model: activities and opening hours as a
 * coordinator or an ICS import stores them, and the expanded occurrences the widget shows.
 * Times are wall-clock strings in the item's own IANA zone, because recurrence happens on the
 * wall clock: "every Monday 10:00" stays 10:00 across DST. The zod-free vocabulary lives in
 * `src/calendar/constants.ts` so widgets can import it without zod; it is re-exported here.
 */
export {
  ACCESSIBILITY_FEATURES,
  ACTIVITY_STATUSES,
  AUDIENCE_TAGS,
  COST_KINDS,
  DEFAULT_ACTIVITY_CATEGORIES,
  DEFAULT_TIME_ZONE,
  MAX_ATTENDANCE_PLACES,
  PRESENT_ROLES,
  REGISTRATION_KINDS,
  SCHEDULE_KINDS,
} from '../calendar/constants.js';

/** Trimmed text; empty means "not given". */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.trim())
    .optional()
    .transform((v) => (v ? v : undefined));

export const requiredText = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().min(1).max(max));

/** `YYYY-MM-DD`, a real date. */
export const localDateSchema = z.string().refine((v) => parseLocalDate(v) !== undefined, {
  message: 'Expected a date as YYYY-MM-DD',
});

/** `YYYY-MM-DDTHH:mm[:ss]` wall-clock time, no offset. */
export const localDateTimeSchema = z.string().refine((v) => parseLocalDateTime(v) !== undefined, {
  message: 'Expected a local date-time as YYYY-MM-DDTHH:mm',
});

const localValueSchema = z.string().refine((v) => canonicalLocal(v) !== undefined, {
  message: 'Expected YYYY-MM-DD or YYYY-MM-DDTHH:mm',
});

export const timeZoneSchema = z.string().max(TIME_ZONE_MAX).refine(isValidTimeZone, { message: 'Unknown IANA time zone' });

export const rruleSchema = z
  .string()
  .max(RRULE_MAX)
  .superRefine((value, ctx) => {
    const parsed = parseRRule(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const httpUrlSchema = z
  .string()
  .max(ACTIVITY_URL_MAX)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), { message: 'Expected an http(s) link' });

/** `MM-DD` repeats every year (a summer break); `YYYY-MM-DD` is one stretch of dates. */
const pauseDateSchema = z.string().refine((v) => parseLocalDate(v) !== undefined || isMonthDay(v), {
  message: 'Expected YYYY-MM-DD, or MM-DD for every year',
});

function isMonthDay(v: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  // 2000 is a leap year, so 02-29 is a valid yearly date.
  return !!m && isValidDate(2000, Number(m[1]), Number(m[2]));
}

/** A seasonal pause such as a summer break; both ends inclusive. */
export const pauseSchema = z
  .strictObject({
    from: pauseDateSchema,
    to: pauseDateSchema,
    label: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  })
  .superRefine((p, ctx) => {
    const yearly = isMonthDay(p.from);
    if (yearly !== isMonthDay(p.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Use the same form (MM-DD or YYYY-MM-DD) for both ends' });
    } else if (!yearly && p.to < p.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The pause ends before it starts' });
    }
  });

export const recurrenceSchema = z.strictObject({
  /** RFC 5545 RRULE value, e.g. `FREQ=MONTHLY;BYDAY=1WE`. Optional so RDATEs alone can make a series. */
  rrule: rruleSchema.optional(),
  /** Wall-clock starts that do not happen (same form as `start`; a date drops the whole day). */
  exdates: z.array(localValueSchema).max(MAX_EXDATES).default([]),
  /** Extra wall-clock starts, on top of the rule. */
  rdates: z.array(localValueSchema).max(MAX_RDATES).default([]),
  pauses: z.array(pauseSchema).max(MAX_PAUSES).default([]),
});

/** A change to one occurrence, keyed like RFC 5545 RECURRENCE-ID by the slot's original start. */
export const occurrenceOverrideSchema = z.strictObject({
  recurrenceId: localValueSchema,
  /** Moved: the new wall-clock start and end, in the item's zone. */
  start: localValueSchema.optional(),
  end: localValueSchema.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  statusReason: optionalText(ACTIVITY_NOTE_MAX),
  title: optionalText(ACTIVITY_TITLE_MAX),
  description: optionalText(ACTIVITY_DESCRIPTION_MAX),
  location: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  room: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  note: optionalText(ACTIVITY_NOTE_MAX),
  /** RFC 5545 `RANGE=THISANDFUTURE`: the change (shift, length, texts) holds for every later occurrence. */
  thisAndFuture: z.boolean().optional(),
});

export const presentSchema = z.strictObject({
  role: z.enum(PRESENT_ROLES),
  /** A name or a label; required for `anders`. */
  name: optionalText(ACTIVITY_SHORT_TEXT_MAX),
});

export const costSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free') }),
  z.strictObject({
    kind: z.literal('amount'),
    /** Cents, so €2,50 is 250 and no float ever rounds a price. */
    amount: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
    currency: z.literal('EUR').default('EUR'),
  }),
  z.strictObject({
    /** "Eigen bijdrage": a contribution asked of participants. */
    kind: z.literal('contribution'),
    amount: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
    currency: z.literal('EUR').default('EUR'),
  }),
]);

export const registrationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('link'), url: httpUrlSchema }),
  /** "Ik kom": the collector counts places per occurrence up to the capacity. */
  z.strictObject({
    kind: z.literal('capacity'),
    capacity: z.number().int().min(1).max(MAX_CAPACITY),
    /** Most places one "ik kom" may ask for; DEFAULT_ATTENDANCE_PLACES_PER_REQUEST when absent. */
    maxPlaces: z.number().int().min(1).max(MAX_ATTENDANCE_PLACES).optional(),
  }),
]);

export const newcomersSchema = z.strictObject({
  /** "Nieuw? Je bent welkom": whom to ask for. */
  contactName: requiredText(ACTIVITY_SHORT_TEXT_MAX),
  contact: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  note: optionalText(ACTIVITY_NOTE_MAX),
});

export const itemIdSchema = z
  .string()
  .min(1)
  .max(ACTIVITY_ID_MAX)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'No control characters');

/** The English or Arabic of an item's texts (`src/schema/activity-texts.ts`); empty means "not given". */
const activityTranslationSchema = z.strictObject({
  title: optionalText(ACTIVITY_TITLE_MAX),
  description: optionalText(ACTIVITY_DESCRIPTION_MAX),
  location: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  statusReason: optionalText(ACTIVITY_NOTE_MAX),
  fundingNote: optionalText(ACTIVITY_NOTE_MAX),
  accessibilityNote: optionalText(ACTIVITY_NOTE_MAX),
});

export const activityTranslationsSchema = z.strictObject({
  en: activityTranslationSchema.optional(),
  ar: activityTranslationSchema.optional(),
});

/** What activities and opening hours share. */
const scheduleBaseShape = {
  id: itemIdSchema,
  title: requiredText(ACTIVITY_TITLE_MAX),
  /** Plain text; line breaks are kept, nothing is rendered as HTML. */
  description: optionalText(ACTIVITY_DESCRIPTION_MAX),
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  allDay: z.boolean().default(false),
  /** `YYYY-MM-DDTHH:mm` (or `YYYY-MM-DD` when all-day): the first occurrence, wall clock. */
  start: localValueSchema,
  /** Exclusive end time; for all-day items the last day, inclusive. Absent: no end given. */
  end: localValueSchema.optional(),
  recurrence: recurrenceSchema.optional(),
  overrides: z.array(occurrenceOverrideSchema).max(MAX_OVERRIDES).default([]),
  location: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  room: optionalText(ACTIVITY_SHORT_TEXT_MAX),
  status: z.enum(ACTIVITY_STATUSES).default('gaat-door'),
  statusReason: optionalText(ACTIVITY_NOTE_MAX),
  /** Who is there: wijkagent, budgetcoach … */
  present: z.array(presentSchema).max(MAX_PRESENT).default([]),
  url: httpUrlSchema.optional(),
  /** English and Arabic beside the Dutch texts above, which stay plain strings. */
  translations: activityTranslationsSchema.optional(),
};

type TimeShape = {
  allDay: boolean;
  start: string;
  end?: string | undefined;
  recurrence?: { exdates: string[]; rdates: string[] } | undefined;
  overrides: { recurrenceId: string; start?: string | undefined; end?: string | undefined }[];
  present: { role: string; name?: string | undefined }[];
};

/** Checks that times have the form `allDay` asks for and that ends follow starts. */
function checkTimes(item: TimeShape, ctx: z.RefinementCtx): void {
  const isDate = (v: string) => parseLocalDate(v) !== undefined;
  const form = item.allDay ? 'a date (YYYY-MM-DD)' : 'a date-time (YYYY-MM-DDTHH:mm)';
  const wrongForm = (v: string) => isDate(v) !== item.allDay;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  if (wrongForm(item.start)) issue(['start'], `Expected ${form}`);
  if (item.end !== undefined) {
    if (wrongForm(item.end)) issue(['end'], `Expected ${form}`);
    else if (!wrongForm(item.start)) {
      const [s, e] = [canonicalLocal(item.start)!, canonicalLocal(item.end)!];
      if (item.allDay ? e < s : e <= s) issue(['end'], 'The end must come after the start');
    }
  }
  // A date-only EXDATE on a timed item drops that whole day; a date-time on an all-day item cannot match.
  item.recurrence?.exdates.forEach((v, i) => {
    if (item.allDay && !isDate(v)) issue(['recurrence', 'exdates', i], `Expected ${form}`);
  });
  item.recurrence?.rdates.forEach((v, i) => {
    if (wrongForm(v)) issue(['recurrence', 'rdates', i], `Expected ${form}`);
  });
  const seen = new Set<string>();
  item.overrides.forEach((o, i) => {
    if (wrongForm(o.recurrenceId)) issue(['overrides', i, 'recurrenceId'], `Expected ${form}`);
    const key = canonicalLocal(o.recurrenceId);
    if (key && seen.has(key)) issue(['overrides', i, 'recurrenceId'], 'This occurrence already has an override');
    if (key) seen.add(key);
    // A timed occurrence may move to a whole day (a date start); its end is then a date too.
    const toDay = !item.allDay && o.start !== undefined && isDate(o.start);
    if (o.start !== undefined && item.allDay && wrongForm(o.start)) issue(['overrides', i, 'start'], `Expected ${form}`);
    if (o.end !== undefined && isDate(o.end) !== (item.allDay || toDay))
      issue(['overrides', i, 'end'], `Expected ${toDay ? 'a date (YYYY-MM-DD)' : form}`);
  });
  item.present.forEach((p, i) => {
    if (p.role === 'anders' && !p.name) issue(['present', i, 'name'], 'Say who is present');
  });
}

/** An activity in a house's calendar: what, when, for whom and on what terms. */
export const activitySchema = z
  .strictObject({
    kind: z.literal('activity').default('activity'),
    ...scheduleBaseShape,
    category: optionalText(ACTIVITY_CATEGORY_MAX),
    audience: z.array(z.enum(AUDIENCE_TAGS)).max(AUDIENCE_TAGS.length).default([]),
    cost: costSchema.optional(),
    /** How it is paid for: a fund, crowdfunding, the municipality. */
    fundingNote: optionalText(ACTIVITY_NOTE_MAX),
    accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length).default([]),
    accessibilityNote: optionalText(ACTIVITY_NOTE_MAX),
    /** The resident or volunteer who organises it. */
    organiser: optionalText(ACTIVITY_SHORT_TEXT_MAX),
    /** A partner organisation hosting it at the venue. */
    hostOrganisation: optionalText(ACTIVITY_SHORT_TEXT_MAX),
    newcomers: newcomersSchema.optional(),
    registration: registrationSchema.optional(),
  })
  .superRefine(checkTimes);

/** Opening hours or a drop-in block ("inloop ma–vr 10.00–12.00"), shown apart from activities. */
export const openingHoursSchema = z
  .strictObject({
    kind: z.literal('opening-hours'),
    ...scheduleBaseShape,
  })
  .superRefine(checkTimes);

/** Anything the calendar shows: an activity or an opening-hours block. */
export const scheduleItemSchema = z.union([openingHoursSchema, activitySchema]);

const isoInstantSchema = z.iso.datetime({ offset: true });

/** One expanded occurrence, as the collector's JSON range route returns it. */
export const occurrenceSchema = z.strictObject({
  activityId: itemIdSchema,
  kind: z.enum(SCHEDULE_KINDS),
  /** The slot's original wall-clock start: the key for overrides and "ik kom" counts. */
  recurrenceId: localValueSchema,
  /** ISO 8601 with the zone's offset at that moment, e.g. `2026-03-30T10:00:00+02:00`. */
  start: isoInstantSchema,
  end: isoInstantSchema.optional(),
  allDay: z.boolean(),
  timeZone: timeZoneSchema,
  status: z.enum(ACTIVITY_STATUSES),
  statusReason: z.string().max(ACTIVITY_NOTE_MAX).optional(),
  /** True when an override changed this occurrence (moved, cancelled or retitled). */
  overridden: z.boolean(),
  title: z.string().max(ACTIVITY_TITLE_MAX).optional(),
  description: z.string().max(ACTIVITY_DESCRIPTION_MAX).optional(),
  location: z.string().max(ACTIVITY_SHORT_TEXT_MAX).optional(),
  room: z.string().max(ACTIVITY_SHORT_TEXT_MAX).optional(),
  note: z.string().max(ACTIVITY_NOTE_MAX).optional(),
});

export type Pause = z.output<typeof pauseSchema>;
export type Recurrence = z.output<typeof recurrenceSchema>;
export type OccurrenceOverride = z.output<typeof occurrenceOverrideSchema>;
export type OccurrenceOverrideInput = z.input<typeof occurrenceOverrideSchema>;
export type Present = z.output<typeof presentSchema>;
export type Cost = z.output<typeof costSchema>;
export type Registration = z.output<typeof registrationSchema>;
export type Activity = z.output<typeof activitySchema>;
export type ActivityInput = z.input<typeof activitySchema>;
export type OpeningHours = z.output<typeof openingHoursSchema>;
export type OpeningHoursInput = z.input<typeof openingHoursSchema>;
export type ScheduleItem = z.output<typeof scheduleItemSchema>;
export type ScheduleItemInput = z.input<typeof scheduleItemSchema>;
export type Occurrence = z.output<typeof occurrenceSchema>;

// — "ik kom" attendance —

/**
 * "Ik kom" for one occurrence of an activity with a capacity (widget `activity-calendar`, kind
 * `attendance`). Anonymous: no name, only how many places. The envelope id makes a retry harmless.
 */
export const attendancePayloadSchema = z.strictObject({
  kind: z.literal('attendance'),
  /** The item's own id (what the public JSON calls `id`), not the admin row id. */
  activityId: itemIdSchema,
  /** The occurrence's `recurrenceId`: its original wall-clock start, e.g. `2026-03-30T10:00`. */
  occurrence: localValueSchema,
  places: z.number().int().min(1).max(MAX_ATTENDANCE_PLACES).default(1),
});

export const attendanceSubmissionSchema = envelopeFor(attendancePayloadSchema).extend({
  widget: z.literal('activity-calendar'),
});

export type AttendancePayload = z.output<typeof attendancePayloadSchema>;
export type AttendanceSubmission = z.output<typeof attendanceSubmissionSchema>;
