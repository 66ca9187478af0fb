/**
 * Parsed ICS events → the activity model (`ActivityInput` of `src/schema/activity.ts`).
 * Everything is clipped to the schema's bounds here, so the output always validates; what had
 * to be cut is reported. No zod in this module: the widget loads it in the browser.
 */
import type { ActivityInput, OccurrenceOverrideInput } from '../schema/activity.js';
import {
  ACTIVITY_CATEGORY_MAX,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_ID_MAX,
  ACTIVITY_NOTE_MAX,
  ACTIVITY_SHORT_TEXT_MAX,
  ACTIVITY_TITLE_MAX,
  ACTIVITY_URL_MAX,
  AUDIENCE_TAGS,
  MAX_EXDATES,
  MAX_OVERRIDES,
  MAX_RDATES,
  type AudienceTag,
} from '../calendar/constants.js';
import { parseIcs, type IcsCalendar, type IcsEvent, type IcsWarning, type ParseIcsOptions } from '../calendar/ics-parse.js';
import { MS_PER_DAY, parseLocalValue, wallMs } from '../calendar/wall-clock.js';

export interface IcsImportOptions extends ParseIcsOptions {
  /** Title for events without a SUMMARY (user-facing, so Dutch by default). */
  readonly untitled?: string;
  /** Prefix for ids, to keep two feeds' UIDs apart in one store. */
  readonly idPrefix?: string;
}

export interface IcsImport {
  readonly calendar: IcsCalendar;
  readonly activities: ActivityInput[];
  readonly warnings: IcsWarning[];
}

/** Collapses HTML some exporters (Google) put in DESCRIPTION into plain text. */
export function htmlToText(value: string): string {
  if (!/<\/?[a-z][^>]*>/i.test(value)) return value;
  return value
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, label: string) => {
      const text = label.replace(/<[^>]*>/g, '').trim();
      return text && text !== href ? `${text} (${href})` : href;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d{1,6});/g, (_, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/&amp;/gi, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const clip = (value: string | undefined, max: number): string | undefined => {
  const v = value?.trim();
  if (!v) return undefined;
  if (v.length <= max) return v;
  return `${v.slice(0, max - 1).trimEnd()}…`;
};

/** "Mensen met een beperking" and "mensen-met-een-beperking" are the same tag. */
function audienceOf(category: string): AudienceTag | undefined {
  const slug = category.trim().toLowerCase().replace(/\s+/g, '-');
  return (AUDIENCE_TAGS as readonly string[]).includes(slug) ? (slug as AudienceTag) : undefined;
}

const STATUS = (s: string | undefined) => (s === 'CANCELLED' ? ('gaat-niet-door' as const) : undefined);

function idFor(uid: string, prefix: string): string {
  // Control characters are not allowed in ids; long UIDs (Exchange) keep their distinctive tail.
  const clean = `${prefix}${uid}`.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean.length <= ACTIVITY_ID_MAX ? clean : clean.slice(clean.length - ACTIVITY_ID_MAX);
}

function overridesOf(event: IcsEvent): OccurrenceOverrideInput[] {
  const masterDuration = event.end !== undefined ? span(event.start, event.end, event.allDay) : undefined;
  return event.overrides.slice(0, MAX_OVERRIDES).map((o) => {
    const out: OccurrenceOverrideInput = { recurrenceId: o.recurrenceId, ...(o.thisAndFuture && { thisAndFuture: true }) };
    if (o.start !== o.recurrenceId) out.start = o.start;
    // Keep the end only when it differs from what moving the master's length would give.
    if (o.end !== undefined && span(o.start, o.end, event.allDay) !== masterDuration) out.end = o.end;
    const status = STATUS(o.status) ?? (o.status && event.status === 'CANCELLED' ? 'gaat-door' : undefined);
    if (status) out.status = status;
    const reason = status === 'gaat-niet-door' ? clip(o.comment, ACTIVITY_NOTE_MAX) : undefined;
    if (reason) out.statusReason = reason;
    const title = clip(o.summary, ACTIVITY_TITLE_MAX);
    if (title && title !== clip(event.summary, ACTIVITY_TITLE_MAX)) out.title = title;
    const description = clip(o.description && htmlToText(o.description), ACTIVITY_DESCRIPTION_MAX);
    if (description && description !== clip(event.description && htmlToText(event.description), ACTIVITY_DESCRIPTION_MAX)) {
      out.description = description;
    }
    const location = clip(o.location, ACTIVITY_SHORT_TEXT_MAX);
    if (location && location !== clip(event.location, ACTIVITY_SHORT_TEXT_MAX)) out.location = location;
    return out;
  });
}

/** Length of start → end on the wall clock (all-day ends are inclusive days). */
function span(start: string, end: string, allDay: boolean): number | undefined {
  const s = parseLocalValue(start);
  const e = parseLocalValue(end);
  if (!s || !e) return undefined;
  const ms = (v: NonNullable<typeof s>) => wallMs(v.kind === 'date' ? v.date : v.dateTime);
  return ms(e) - ms(s) + (allDay ? MS_PER_DAY : 0);
}

/** One parsed event as an activity the schema accepts. */
export function icsEventToActivity(event: IcsEvent, options: IcsImportOptions = {}, warnings: IcsWarning[] = []): ActivityInput {
  const categories = event.categories;
  const audience = [...new Set(categories.map(audienceOf).filter((a): a is AudienceTag => !!a))];
  const category = clip(
    categories.find((c) => !audienceOf(c)),
    ACTIVITY_CATEGORY_MAX,
  );
  const cut = (what: string, max: number, n: number) => {
    if (n > max) warnings.push({ severity: 'warning', code: 'truncated', message: `Only ${max} of ${n} ${what} kept`, uid: event.uid });
  };
  cut('EXDATEs', MAX_EXDATES, event.exdates.length);
  cut('RDATEs', MAX_RDATES, event.rdates.length);
  cut('changed occurrences', MAX_OVERRIDES, event.overrides.length);

  const activity: ActivityInput = {
    kind: 'activity',
    id: idFor(event.uid, options.idPrefix ?? ''),
    title: clip(event.summary, ACTIVITY_TITLE_MAX) ?? options.untitled ?? '(zonder titel)',
    timeZone: event.timeZone,
    allDay: event.allDay,
    start: event.start,
    overrides: overridesOf(event),
  };
  const description = clip(event.description && htmlToText(event.description), ACTIVITY_DESCRIPTION_MAX);
  if (description) activity.description = description;
  if (event.end) activity.end = event.end;
  if (event.rrule || event.exdates.length || event.rdates.length) {
    activity.recurrence = {
      ...(event.rrule && { rrule: event.rrule }),
      exdates: event.exdates.slice(0, MAX_EXDATES),
      rdates: event.rdates.slice(0, MAX_RDATES),
    };
  }
  const location = clip(event.location, ACTIVITY_SHORT_TEXT_MAX);
  if (location) activity.location = location;
  if (event.status === 'CANCELLED') {
    activity.status = 'gaat-niet-door';
    const reason = clip(event.comment, ACTIVITY_NOTE_MAX);
    if (reason) activity.statusReason = reason;
  }
  if (event.url && /^https?:\/\/\S+$/i.test(event.url) && event.url.length <= ACTIVITY_URL_MAX) activity.url = event.url;
  if (category) activity.category = category;
  if (audience.length) activity.audience = audience;
  const organiser = clip(event.organizer, ACTIVITY_SHORT_TEXT_MAX);
  if (organiser) activity.organiser = organiser;
  return activity;
}

/** All events of a parsed calendar as activities. */
export function icsToActivities(
  calendar: IcsCalendar,
  options: IcsImportOptions = {},
): { activities: ActivityInput[]; warnings: IcsWarning[] } {
  const warnings: IcsWarning[] = [];
  const activities = calendar.events.map((e) => icsEventToActivity(e, options, warnings));
  return { activities, warnings };
}

/** Parse and convert in one go: what the collector's importer and the widget's ICS source call. */
export function importIcs(text: string, options: IcsImportOptions = {}): IcsImport {
  const calendar = parseIcs(text, options);
  const { activities, warnings } = icsToActivities(calendar, options);
  return { calendar, activities, warnings: [...calendar.warnings, ...warnings] };
}
