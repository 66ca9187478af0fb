/**
 * Writes activities as iCalendar: one event for the widget's "zet in je agenda" download, or a
 * whole feed for subscriptions. CRLF line ends, 75-octet folding that never splits a UTF-8
 * character, escaped text, DTSTAMP and UID on every event, and a VTIMEZONE for every zone used.
 * Seasonal pauses have no ICS form, so the occurrences they remove are written as EXDATEs.
 * Also builds the Google Calendar "add event" link.
 */
import type { Occurrence } from '../schema/activity.js';
import { TRANSLATION_LANGS, type ActivityTranslations } from '../schema/activity-texts.js';
import { DEFAULT_TIME_ZONE } from '../calendar/constants.js';
import { escapeText, foldLine, rawValue } from '../calendar/ics-lines.js';
import { formatIcsDate, formatIcsDateTime } from '../calendar/ics-values.js';
import { vtimezoneLines } from '../calendar/ics-vtimezone.js';
import { expand, type ExpandableItem } from './recurrence.js';
import { formatRRule, parseRRule } from '../calendar/rrule.js';
import { isValidTimeZone, toLocal } from '../calendar/time-zone.js';
import {
  addDays,
  atTime,
  dayNumber,
  formatLocalDate,
  formatLocalDateTime,
  fromWallMs,
  parseLocalValue,
  wallMs,
  type LocalDate,
  type LocalDateTime,
} from '../calendar/wall-clock.js';

/** What the writer needs of an activity or opening-hours block. */
export interface WritableItem extends ExpandableItem {
  readonly title: string;
  readonly description?: string | undefined;
  readonly location?: string | undefined;
  readonly room?: string | undefined;
  readonly url?: string | undefined;
  readonly category?: string | undefined;
  readonly audience?: readonly string[] | undefined;
  readonly translations?: ActivityTranslations | undefined;
}

export interface IcsWriteOptions {
  /** DTSTAMP, and the reference point for turning pauses into EXDATEs (default: now). */
  readonly now?: Date | number;
  readonly prodId?: string;
  /** X-WR-CALNAME of a feed. */
  readonly calendarName?: string;
  /** X-WR-TIMEZONE of a feed: the site's zone. */
  readonly timeZone?: string;
  /** Appended as `@domain` to ids without an `@`, to make UIDs globally unique. */
  readonly uidDomain?: string;
  /** How many years ahead yearly pauses are written out as EXDATEs (default 3). */
  readonly pauseYears?: number;
}

export const DEFAULT_PRODID = '-//buurtkit//activity-calendar//NL';
const YEAR = 365.25 * 86_400_000;

const stamp = (now: number) => `${formatIcsDateTime(toLocal(now, 'UTC'))}Z`;
const zoneOf = (item: ExpandableItem) => (item.timeZone && isValidTimeZone(item.timeZone) ? item.timeZone : DEFAULT_TIME_ZONE);
const uidOf = (id: string, options: IcsWriteOptions) =>
  rawValue(options.uidDomain && !id.includes('@') ? `${id}@${options.uidDomain}` : id);

/** A DATE or DATE-TIME property (or a comma list of them) in the item's zone. */
function timeProp(name: string, values: (LocalDate | LocalDateTime)[], allDay: boolean, zone: string): string {
  const head = allDay ? `${name};VALUE=DATE` : zone === 'UTC' ? name : `${name};TZID=${zone}`;
  const format = (v: LocalDate | LocalDateTime) =>
    allDay ? formatIcsDate(v) : `${formatIcsDateTime(v as LocalDateTime)}${zone === 'UTC' ? 'Z' : ''}`;
  return `${head}:${values.map(format).join(',')}`;
}

const listProp = (name: string, values: (LocalDate | LocalDateTime)[], allDay: boolean, zone: string) =>
  values.length ? [timeProp(name, values, allDay, zone)] : [];

const text = (name: string, value: string | undefined) => (value ? [`${name}:${escapeText(value)}`] : []);

/**
 * The English and Arabic of the texts, as `X-BUURTKIT-SUMMARY;LANGUAGE=en:`: RFC 5545 allows one
 * SUMMARY per event, so the Dutch stays the SUMMARY that every calendar shows, and the
 * translations travel with it for readers that know them. A feed in one language is written
 * from `itemInLanguage` instead (the collector's `?lang=`).
 */
function translationLines(item: WritableItem): string[] {
  return TRANSLATION_LANGS.flatMap((lang) => {
    const t = item.translations?.[lang];
    if (!t) return [];
    const line = (name: string, value: string | undefined) => (value ? [`X-BUURTKIT-${name};LANGUAGE=${lang}:${escapeText(value)}`] : []);
    return [
      ...line('SUMMARY', t.title),
      ...line('DESCRIPTION', t.description),
      ...line('LOCATION', t.location && locationOf({ room: item.room, location: t.location })),
    ];
  });
}

function locationOf(item: { location?: string | undefined; room?: string | undefined }): string | undefined {
  return [item.room, item.location].filter(Boolean).join(', ') || undefined;
}

/** Rule occurrences a pause removes, from a year back to `pauseYears` ahead. */
function pausedSlots(item: WritableItem, now: number, years: number): string[] {
  const pauses = item.recurrence?.pauses;
  if (!pauses?.length || !item.recurrence?.rrule) return [];
  const from = now - YEAR;
  const to = now + years * YEAR;
  const kept = new Set(expand(item, from, to).map((o) => o.recurrenceId));
  const all = expand({ ...item, recurrence: { ...item.recurrence, pauses: [] } }, from, to);
  return all.filter((o) => !kept.has(o.recurrenceId) && !o.overridden).map((o) => o.recurrenceId);
}

/** The VEVENT lines of an item and of its changed occurrences (unfolded). */
function eventLines(item: WritableItem, now: number, options: IcsWriteOptions): string[] {
  const zone = zoneOf(item);
  const start = parseLocalValue(item.start);
  if (!start) return [];
  const allDay = start.kind === 'date';
  const dtstart = start.kind === 'date' ? atTime(start.date) : start.dateTime;
  const end = item.end !== undefined ? parseLocalValue(item.end) : undefined;
  const endOf = (from: LocalDateTime): LocalDate | LocalDateTime | undefined => {
    if (allDay) {
      const days = end?.kind === 'date' ? Math.max(1, dayNumber(end.date) - dayNumber(dtstart) + 1) : 1;
      return addDays(from, days); // DTEND of an all-day event is the day after the last day
    }
    if (end?.kind !== 'date-time') return undefined;
    return fromWallMs(wallMs(from) + wallMs(end.dateTime) - wallMs(dtstart));
  };
  const uid = uidOf(item.id, options);
  const cancelled = item.status === 'gaat-niet-door';
  const categories = [item.category, ...(item.audience ?? [])].filter((c): c is string => !!c).map(escapeText);

  // A date-only EXDATE on a timed item means "not that day": write it at the item's time.
  const asSlot = (value: string): LocalDate | LocalDateTime | undefined => {
    const v = parseLocalValue(value);
    if (!v) return undefined;
    if (allDay) return v.kind === 'date' ? v.date : v.dateTime;
    return v.kind === 'date' ? atTime(v.date, dtstart.hour, dtstart.minute, dtstart.second) : v.dateTime;
  };
  const slots = (values: readonly string[]) => values.map(asSlot).filter((v): v is LocalDate | LocalDateTime => !!v);
  const rule = item.recurrence?.rrule ? parseRRule(item.recurrence.rrule) : undefined;
  const exdates = slots([...(item.recurrence?.exdates ?? []), ...pausedSlots(item, now, options.pauseYears ?? 3)]);
  const dtend = endOf(dtstart);

  const lines = [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(now)}`,
    timeProp('DTSTART', [dtstart], allDay, zone),
    ...listProp('DTEND', dtend ? [dtend] : [], allDay, zone),
    ...(rule?.ok ? [`RRULE:${formatRRule(rule.rule)}`] : []),
    ...listProp('EXDATE', exdates, allDay, zone),
    ...listProp('RDATE', slots(item.recurrence?.rdates ?? []), allDay, zone),
    ...text('SUMMARY', item.title),
    ...text('DESCRIPTION', item.description),
    ...text('LOCATION', locationOf(item)),
    ...translationLines(item),
    ...(item.url ? [`URL:${rawValue(item.url)}`] : []),
    ...(categories.length ? [`CATEGORIES:${categories.join(',')}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(cancelled ? text('COMMENT', item.statusReason) : []),
    'END:VEVENT',
  ];

  for (const o of item.overrides ?? []) {
    const rid = asSlot(o.recurrenceId);
    if (!rid) continue;
    const ridWall = allDay ? atTime(rid) : (rid as LocalDateTime);
    const movedValue = o.start !== undefined ? parseLocalValue(o.start) : undefined;
    // A timed occurrence moved to a whole day is written as dates, as it was read.
    const toDay = !allDay && movedValue?.kind === 'date';
    const oAllDay = allDay || toDay;
    const moved = toDay ? movedValue.date : o.start !== undefined ? asSlot(o.start) : undefined;
    const oStart = moved ? (oAllDay ? atTime(moved) : (moved as LocalDateTime)) : ridWall;
    const oEndValue = o.end === undefined ? undefined : toDay ? parseLocalValue(o.end) : undefined;
    const oEndSlot = toDay ? (oEndValue?.kind === 'date' ? oEndValue.date : undefined) : o.end !== undefined ? asSlot(o.end) : undefined;
    const oEnd = oEndSlot ? (oAllDay ? addDays(oEndSlot, 1) : oEndSlot) : toDay ? addDays(oStart, 1) : endOf(oStart);
    const oCancelled = (o.status ?? item.status) === 'gaat-niet-door';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${stamp(now)}`,
      // RANGE goes right after the name, before VALUE/TZID, as RFC 5545's own examples write it.
      o.thisAndFuture
        ? timeProp('RECURRENCE-ID', [rid], allDay, zone).replace(/^RECURRENCE-ID/, 'RECURRENCE-ID;RANGE=THISANDFUTURE')
        : timeProp('RECURRENCE-ID', [rid], allDay, zone),
      timeProp('DTSTART', [oStart], oAllDay, zone),
      ...listProp('DTEND', oEnd ? [oEnd] : [], oAllDay, zone),
      ...text('SUMMARY', o.title ?? item.title),
      ...text('DESCRIPTION', o.description ?? item.description),
      ...text('LOCATION', locationOf({ location: o.location ?? item.location, room: o.room ?? item.room })),
      `STATUS:${oCancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      ...(oCancelled ? text('COMMENT', o.statusReason ?? (o.status ? undefined : item.statusReason)) : []),
      'END:VEVENT',
    );
  }
  return lines;
}

function calendar(header: string[], zones: Set<string>, events: string[], now: number): string {
  const year = toLocal(now, 'UTC').year;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    ...header,
    ...[...zones]
      .filter((z) => z !== 'UTC')
      .sort()
      .flatMap((z) => vtimezoneLines(z, year)),
    ...events,
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

const nowOf = (options: IcsWriteOptions) =>
  options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();

/** A calendar with one item (and its changed occurrences): the "zet in je agenda" download. */
export function writeIcsEvent(item: WritableItem, options: IcsWriteOptions = {}): string {
  const now = nowOf(options);
  return calendar(
    [`PRODID:${rawValue(options.prodId ?? DEFAULT_PRODID)}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'],
    new Set([zoneOf(item)]),
    eventLines(item, now, options),
    now,
  );
}

/** A calendar with just one occurrence of an item, as a stand-alone event with its own UID. */
export function writeIcsOccurrence(item: WritableItem, occurrence: Occurrence, options: IcsWriteOptions = {}): string {
  const zone = occurrence.timeZone;
  const wall = (iso: string) => toLocal(Date.parse(iso), zone);
  const start = wall(occurrence.start);
  const fmt = (v: LocalDateTime) => (occurrence.allDay ? formatLocalDate(v) : formatLocalDateTime(v));
  const single: WritableItem = {
    id: `${item.id}-${occurrence.recurrenceId.replace(/[^0-9T]/g, '')}`,
    title: occurrence.title ?? item.title,
    description: occurrence.description ?? item.description,
    location: occurrence.location ?? item.location,
    room: occurrence.room ?? item.room,
    url: item.url,
    category: item.category,
    audience: item.audience,
    timeZone: zone,
    start: fmt(start),
    // All-day occurrence ends are the next midnight; the model wants the last day.
    end:
      occurrence.end === undefined ? undefined : fmt(occurrence.allDay ? atTime(addDays(wall(occurrence.end), -1)) : wall(occurrence.end)),
    status: occurrence.status,
    statusReason: occurrence.statusReason,
  };
  return writeIcsEvent(single, options);
}

/** A subscribable feed of many items (the collector's `.ics` route). */
export function writeIcsFeed(items: readonly WritableItem[], options: IcsWriteOptions = {}): string {
  const now = nowOf(options);
  const header = [`PRODID:${rawValue(options.prodId ?? DEFAULT_PRODID)}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.calendarName) header.push(`X-WR-CALNAME:${escapeText(options.calendarName)}`);
  if (options.timeZone && isValidTimeZone(options.timeZone)) header.push(`X-WR-TIMEZONE:${options.timeZone}`);
  // Ask subscribed calendars to refresh hourly (RFC 7986 and the older Microsoft/Apple spelling).
  header.push('REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H');
  const zones = new Set(items.map(zoneOf));
  return calendar(
    header,
    zones,
    items.flatMap((item) => eventLines(item, now, options)),
    now,
  );
}

/**
 * A Google Calendar "add event" link. With an occurrence it adds that one; without, it adds the
 * series (Google takes the RRULE; EXDATEs and pauses do not fit in the link).
 */
export function googleCalendarUrl(item: WritableItem, occurrence?: Occurrence): string {
  const zone = occurrence?.timeZone ?? zoneOf(item);
  const params = new URLSearchParams({ action: 'TEMPLATE', text: occurrence?.title ?? item.title });
  let dates: string;
  if (occurrence) {
    const start = toLocal(Date.parse(occurrence.start), zone);
    const end = occurrence.end ? toLocal(Date.parse(occurrence.end), zone) : start;
    dates = occurrence.allDay ? `${formatIcsDate(start)}/${formatIcsDate(end)}` : `${formatIcsDateTime(start)}/${formatIcsDateTime(end)}`;
  } else {
    const start = parseLocalValue(item.start);
    const end = item.end !== undefined ? parseLocalValue(item.end) : undefined;
    if (start?.kind === 'date') {
      const last = end?.kind === 'date' ? end.date : start.date;
      dates = `${formatIcsDate(start.date)}/${formatIcsDate(addDays(last, 1))}`;
    } else if (start) {
      const e = end?.kind === 'date-time' ? end.dateTime : start.dateTime;
      dates = `${formatIcsDateTime(start.dateTime)}/${formatIcsDateTime(e)}`;
    } else {
      dates = '';
    }
  }
  params.set('dates', dates);
  const allDay = occurrence ? occurrence.allDay : parseLocalValue(item.start)?.kind === 'date';
  if (!allDay) params.set('ctz', zone);
  const details = occurrence?.description ?? item.description;
  if (details) params.set('details', details);
  const location = locationOf({ location: occurrence?.location ?? item.location, room: occurrence?.room ?? item.room });
  if (location) params.set('location', location);
  const rule = !occurrence && item.recurrence?.rrule ? parseRRule(item.recurrence.rrule) : undefined;
  if (rule?.ok) params.set('recur', `RRULE:${formatRRule(rule.rule)}`);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
