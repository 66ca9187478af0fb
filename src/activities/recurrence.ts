/**
 * Expands an activity or opening-hours block into the occurrences that touch a range: the
 * RRULE slots plus RDATEs, minus EXDATEs and seasonal pauses, with per-occurrence overrides
 * (moved, cancelled, retitled) applied. Expansion runs on the wall clock in the item's own
 * zone and only then becomes instants, so 10:00 stays 10:00 across DST. Never throws; bounded.
 */
import type { Occurrence } from '../schema/activity.js';
import { DEFAULT_TIME_ZONE, type ActivityStatus, type ScheduleKind } from '../calendar/constants.js';
import { ruleSlots, DEFAULT_MAX_WORK } from '../calendar/rule-slots.js';
import { parseRRule } from '../calendar/rrule.js';
import { isSupportedInstant, isValidTimeZone, startOfDay, toInstant, toIsoWithOffset, toLocal } from '../calendar/time-zone.js';
import {
  MS_PER_DAY,
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

export interface PauseLike {
  readonly from: string;
  readonly to: string;
  readonly label?: string | undefined;
}

export interface OverrideLike {
  readonly recurrenceId: string;
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly status?: ActivityStatus | undefined;
  readonly statusReason?: string | undefined;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly location?: string | undefined;
  readonly room?: string | undefined;
  readonly note?: string | undefined;
  /** RFC 5545 `RANGE=THISANDFUTURE`: the change applies to this and every later occurrence. */
  readonly thisAndFuture?: boolean | undefined;
}

/** What expansion needs of an item; a parsed `Activity` or `OpeningHours` fits, so does inline JSON. */
export interface ExpandableItem {
  readonly id: string;
  readonly kind?: ScheduleKind | undefined;
  readonly timeZone?: string | undefined;
  readonly allDay?: boolean | undefined;
  readonly start: string;
  readonly end?: string | undefined;
  readonly status?: ActivityStatus | undefined;
  readonly statusReason?: string | undefined;
  readonly recurrence?:
    | {
        readonly rrule?: string | undefined;
        readonly exdates?: readonly string[] | undefined;
        readonly rdates?: readonly string[] | undefined;
        readonly pauses?: readonly PauseLike[] | undefined;
      }
    | undefined;
  readonly overrides?: readonly OverrideLike[] | undefined;
}

export interface ExpandOptions {
  /** Most occurrences returned per item (default 5 000); the earliest are kept. */
  readonly maxOccurrences?: number;
  /** Most days the rule engine may examine (default 500 000). */
  readonly maxWork?: number;
  /**
   * The reader's zone, for all-day items: a date is floating (RFC 5545 §3.3.4), the same calendar
   * day wherever it is read, so its midnights are the reader's, whatever zone the item names.
   */
  readonly floatingTimeZone?: string;
}

export interface ExpandResult {
  readonly occurrences: Occurrence[];
  /** A limit cut the result short. */
  readonly truncated: boolean;
  /** What was wrong with the input and how it was read anyway. */
  readonly problems: string[];
}

export const DEFAULT_MAX_OCCURRENCES = 5_000;

type RangeBound = Date | number;
const toMs = (v: RangeBound) => (typeof v === 'number' ? v : v.getTime());

/** Does a pause (`YYYY-MM-DD` or yearly `MM-DD`, both ends inclusive) cover a date? */
export function pauseCovers(pause: PauseLike, date: LocalDate): boolean {
  if (/^\d{2}-\d{2}$/.test(pause.from) && /^\d{2}-\d{2}$/.test(pause.to)) {
    const md = formatLocalDate(date).slice(5);
    // A yearly pause may wrap the new year (12-20 … 01-05).
    return pause.from <= pause.to ? md >= pause.from && md <= pause.to : md >= pause.from || md <= pause.to;
  }
  const day = formatLocalDate(date);
  return day >= pause.from && day <= pause.to;
}

/** The first pause covering a date, for "zomerstop" labels in the widget. */
export function pauseOn(pauses: readonly PauseLike[] | undefined, date: LocalDate): PauseLike | undefined {
  return pauses?.find((p) => pauseCovers(p, date));
}

interface Candidate {
  slot: LocalDateTime;
  override?: OverrideLike;
}

/** Expands one item; see {@link expandWithInfo} for limits and input problems. */
export function expand(item: ExpandableItem, rangeStart: RangeBound, rangeEnd: RangeBound, options?: ExpandOptions): Occurrence[] {
  return expandWithInfo(item, rangeStart, rangeEnd, options).occurrences;
}

/** Expands many items into one list, ordered by start. */
export function expandAll(
  items: readonly ExpandableItem[],
  rangeStart: RangeBound,
  rangeEnd: RangeBound,
  options?: ExpandOptions,
): Occurrence[] {
  return items.flatMap((item) => expand(item, rangeStart, rangeEnd, options)).sort(compareOccurrences);
}

/**
 * Occurrences on the days `[from, to)` of `timeZone`, all-day dates read as that zone's days: what
 * the collector answers for a range and what the widget shows when it expands itself, so both
 * place every occurrence on the same days.
 */
export function expandDays(
  items: readonly ExpandableItem[],
  from: LocalDate,
  to: LocalDate,
  timeZone: string,
  options: Omit<ExpandOptions, 'floatingTimeZone'> = {},
): Occurrence[] {
  return expandAll(items, startOfDay(from, timeZone), startOfDay(to, timeZone), { ...options, floatingTimeZone: timeZone });
}

export function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return (
    Date.parse(a.start) - Date.parse(b.start) ||
    (a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0) ||
    (a.recurrenceId < b.recurrenceId ? -1 : a.recurrenceId > b.recurrenceId ? 1 : 0)
  );
}

/**
 * Occurrences of `item` that overlap `[rangeStart, rangeEnd)` (an occurrence without an end
 * must start inside it), sorted by start.
 */
export function expandWithInfo(
  item: ExpandableItem,
  rangeStart: RangeBound,
  rangeEnd: RangeBound,
  options: ExpandOptions = {},
): ExpandResult {
  const problems: string[] = [];
  const done = (occurrences: Occurrence[] = [], truncated = false): ExpandResult => ({ occurrences, truncated, problems });
  const rangeFrom = toMs(rangeStart);
  const rangeTo = toMs(rangeEnd);
  if (!isSupportedInstant(rangeFrom) || !isSupportedInstant(rangeTo) || rangeTo <= rangeFrom) return done();

  let timeZone = item.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    problems.push(`Unknown time zone "${timeZone}", used ${DEFAULT_TIME_ZONE}`);
    timeZone = DEFAULT_TIME_ZONE;
  }
  const start = parseLocalValue(item.start);
  if (!start) {
    problems.push(`Start "${item.start}" is not a local date or date-time`);
    return done();
  }
  // The form of `start` decides, so a stray `allDay` flag cannot make times disappear.
  const allDay = start.kind === 'date';
  if (item.allDay !== undefined && item.allDay !== allDay) problems.push('allDay does not match the form of start');
  const floatingTimeZone = options.floatingTimeZone && isValidTimeZone(options.floatingTimeZone) ? options.floatingTimeZone : timeZone;
  if (allDay) timeZone = floatingTimeZone;
  const dtstart = start.kind === 'date' ? atTime(start.date) : start.dateTime;

  // Durations are wall-clock ("nominal"): 10:00–12:00 stays two hours on the clock on DST days.
  let duration: number | undefined = allDay ? MS_PER_DAY : undefined;
  if (item.end !== undefined) {
    const end = parseLocalValue(item.end);
    if (!end || end.kind !== start.kind) problems.push(`End "${item.end}" does not match the start`);
    else if (end.kind === 'date') {
      const days = dayNumber(end.date) - dayNumber(dtstart) + 1;
      if (days >= 1) duration = days * MS_PER_DAY;
      else problems.push('End is before start');
    } else {
      const ms = wallMs(end.dateTime) - wallMs(dtstart);
      if (ms > 0) duration = ms;
      else problems.push('End is not after start');
    }
  }

  const maxOccurrences = options.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  const instantOf = (slot: LocalDateTime) => toInstant(slot, timeZone);
  // A UTC UNTIL on an all-day series (Exchange writes the last day's midnight in the organiser's
  // zone) is read as the nearest date, so the last day does not depend on the reader's zone.
  const untilInstantOf = allDay ? (slot: LocalDateTime) => wallMs(slot) - MS_PER_DAY / 2 : instantOf;
  // Slots are generated on the wall clock; a two-day margin covers any zone offset, and a
  // "this and future" change may move later slots into the range from further away.
  const reach = rangeReach(item.overrides);
  const fromWall = wallMs(toLocal(rangeFrom, timeZone)) - (duration ?? 0) - 2 * MS_PER_DAY - reach;
  const toWall = wallMs(toLocal(rangeTo, timeZone)) + 2 * MS_PER_DAY + reach;
  const keyOf = (slot: LocalDateTime) => (allDay ? formatLocalDate(slot) : formatLocalDateTime(slot));

  let truncated = false;
  let slots: LocalDateTime[] = [dtstart];
  const rec = item.recurrence;
  if (rec?.rrule !== undefined) {
    const parsed = parseRRule(rec.rrule);
    if (!parsed.ok) problems.push(`RRULE ignored: ${parsed.error}`);
    else {
      const result = ruleSlots(parsed.rule, dtstart, {
        from: fromWall,
        to: toWall,
        instantOf: untilInstantOf,
        maxSlots: maxOccurrences * 2 + 100,
        maxWork: options.maxWork ?? DEFAULT_MAX_WORK,
      });
      slots = result.slots;
      truncated = result.truncated;
    }
  }

  // Date-only EXDATEs on a timed item drop the whole day (some feeds write them that way).
  const exSlots = new Set<string>();
  const exDays = new Set<string>();
  for (const text of rec?.exdates ?? []) {
    const v = parseLocalValue(text);
    if (!v) problems.push(`EXDATE "${text}" ignored`);
    else if (v.kind === 'date') (allDay ? exSlots : exDays).add(formatLocalDate(v.date));
    else if (!allDay) exSlots.add(formatLocalDateTime(v.dateTime));
    else exSlots.add(formatLocalDate(v.dateTime));
  }
  const excluded = (slot: LocalDateTime) => exSlots.has(keyOf(slot)) || exDays.has(formatLocalDate(slot));

  const overrides = new Map<string, Candidate>();
  for (const o of item.overrides ?? []) {
    const v = parseLocalValue(o.recurrenceId);
    if (!v || (v.kind === 'date') !== allDay) problems.push(`Override "${o.recurrenceId}" ignored`);
    else {
      const slot = v.kind === 'date' ? atTime(v.date) : v.dateTime;
      overrides.set(keyOf(slot), { slot, override: o });
    }
  }
  const ranges = rangeOverrides(overrides, allDay);

  const candidates = new Map<string, Candidate>();
  for (const slot of slots) {
    const key = keyOf(slot);
    if (excluded(slot)) continue;
    // A pause drops rule slots, but an explicit override of a slot still wins.
    if (!overrides.has(key) && pauseOn(rec?.pauses, slot)) continue;
    candidates.set(key, { slot });
  }
  for (const text of rec?.rdates ?? []) {
    const v = parseLocalValue(text);
    if (!v) {
      problems.push(`RDATE "${text}" ignored`);
      continue;
    }
    // An RDATE date on a timed item takes the item's time of day.
    const given = v.kind === 'date' ? atTime(v.date, dtstart.hour, dtstart.minute, dtstart.second) : v.dateTime;
    const slot = allDay ? atTime(given) : given;
    const wall = wallMs(slot);
    if (wall < fromWall || wall > toWall || excluded(slot)) continue;
    candidates.set(keyOf(slot), { slot });
  }
  // Overrides are kept whatever the window, since a moved occurrence may land inside it from
  // outside; one for a slot the rule never produces still shows, because someone entered it.
  for (const [key, candidate] of overrides) {
    if (!excluded(candidate.slot)) candidates.set(key, candidate);
  }

  const occurrences: Occurrence[] = [];
  for (const [key, candidate] of candidates) {
    if (!candidate.override && ranges.length) candidate.override = fromRange(ranges, candidate.slot, key, allDay);
    const occurrence = toOccurrence(item, key, candidate, { allDay, duration, timeZone, floatingTimeZone, rangeFrom, rangeTo, problems });
    if (occurrence) occurrences.push(occurrence);
  }
  occurrences.sort(compareOccurrences);
  if (occurrences.length > maxOccurrences) {
    occurrences.length = maxOccurrences;
    truncated = true;
  }
  return done(occurrences, truncated);
}

/** A `thisAndFuture` override, with the wall-clock shift it gives every later slot. */
interface RangeChange {
  slotMs: number;
  shift: number;
  /** The explicit length of the changed occurrences, when the override gives one. */
  length: number | undefined;
  override: OverrideLike;
}

/** How far (ms) any "this and future" change moves slots, to widen the window by. */
function rangeReach(overrides: readonly OverrideLike[] | undefined): number {
  let reach = 0;
  for (const o of overrides ?? []) {
    if (!o.thisAndFuture || o.start === undefined) continue;
    const [rid, start] = [parseLocalValue(o.recurrenceId), parseLocalValue(o.start)];
    if (!rid || !start) continue;
    const ms = (v: NonNullable<typeof rid>) => wallMs(v.kind === 'date' ? atTime(v.date) : v.dateTime);
    reach = Math.max(reach, Math.abs(ms(start) - ms(rid)));
  }
  return reach;
}

function rangeOverrides(overrides: Map<string, Candidate>, allDay: boolean): RangeChange[] {
  const out: RangeChange[] = [];
  for (const { slot, override } of overrides.values()) {
    if (!override?.thisAndFuture) continue;
    const start = override.start !== undefined ? parseLocalValue(override.start) : undefined;
    const startWall = start && (start.kind === 'date') === allDay ? (start.kind === 'date' ? atTime(start.date) : start.dateTime) : slot;
    const end = override.end !== undefined ? parseLocalValue(override.end) : undefined;
    const endMs =
      end && (end.kind === 'date') === allDay
        ? wallMs(end.kind === 'date' ? atTime(end.date) : end.dateTime) + (allDay ? MS_PER_DAY : 0)
        : undefined;
    const length = endMs !== undefined && endMs > wallMs(startWall) ? endMs - wallMs(startWall) : undefined;
    out.push({ slotMs: wallMs(slot), shift: wallMs(startWall) - wallMs(slot), length, override });
  }
  return out.sort((a, b) => a.slotMs - b.slotMs);
}

/**
 * The change a later slot inherits from the latest "this and future" override before it
 * (RFC 5545 §3.8.4.4): the same shift, length and texts, as an override of that slot.
 */
function fromRange(ranges: readonly RangeChange[], slot: LocalDateTime, key: string, allDay: boolean): OverrideLike | undefined {
  const at = wallMs(slot);
  let change: RangeChange | undefined;
  for (const r of ranges) if (r.slotMs < at) change = r;
  if (!change) return undefined;
  const { override, shift, length } = change;
  const form = (ms: number) => (allDay ? formatLocalDate(fromWallMs(ms)) : formatLocalDateTime(fromWallMs(ms)));
  return {
    ...override,
    recurrenceId: key,
    thisAndFuture: false,
    start: shift !== 0 ? form(at + shift) : undefined,
    // An all-day end is the last day, inclusive.
    end: length === undefined ? undefined : form(at + shift + length - (allDay ? MS_PER_DAY : 0)),
  };
}

interface Context {
  allDay: boolean;
  duration: number | undefined;
  timeZone: string;
  /** The zone whose midnights bound a date: for a timed occurrence moved to a whole day. */
  floatingTimeZone: string;
  rangeFrom: number;
  rangeTo: number;
  problems: string[];
}

function toOccurrence(item: ExpandableItem, key: string, { slot, override }: Candidate, ctx: Context): Occurrence | undefined {
  let { allDay, timeZone } = ctx;
  let startWall = slot;
  let endWall = ctx.duration === undefined ? undefined : fromWallMs(wallMs(slot) + ctx.duration);
  if (override?.start !== undefined) {
    const moved = parseLocalValue(override.start);
    if (moved && (moved.kind === 'date') === allDay) {
      startWall = moved.kind === 'date' ? atTime(moved.date) : moved.dateTime;
      // A moved occurrence keeps its length unless the override says otherwise.
      endWall = ctx.duration === undefined ? undefined : fromWallMs(wallMs(startWall) + ctx.duration);
    } else if (moved?.kind === 'date') {
      // A timed occurrence moved to a whole day (DTSTART;VALUE=DATE on its RECURRENCE-ID) is a
      // date from then on: one day long unless the override gives a last day, floating like any date.
      allDay = true;
      timeZone = ctx.floatingTimeZone;
      startWall = atTime(moved.date);
      endWall = fromWallMs(wallMs(startWall) + MS_PER_DAY);
    } else ctx.problems.push(`Override start "${override.start}" ignored`);
  }
  if (override?.end !== undefined) {
    const end = parseLocalValue(override.end);
    const wall = end && (end.kind === 'date') === allDay ? (end.kind === 'date' ? atTime(end.date) : end.dateTime) : undefined;
    // All-day ends are inclusive last days; the instant is the next midnight.
    const endMs = wall === undefined ? undefined : wallMs(wall) + (allDay ? MS_PER_DAY : 0);
    if (endMs !== undefined && endMs > wallMs(startWall)) endWall = fromWallMs(endMs);
    else ctx.problems.push(`Override end "${override.end}" ignored`);
  }

  const startMs = toInstant(startWall, timeZone);
  const endMs = endWall === undefined ? undefined : toInstant(endWall, timeZone);
  const overlaps =
    endMs !== undefined && endMs > startMs
      ? startMs < ctx.rangeTo && endMs > ctx.rangeFrom
      : startMs >= ctx.rangeFrom && startMs < ctx.rangeTo;
  if (!overlaps) return undefined;

  const status = override?.status ?? item.status ?? 'gaat-door';
  // The item's reason only explains the item's own status, not one an override set.
  const statusReason = override?.status !== undefined ? override.statusReason : (override?.statusReason ?? item.statusReason);
  const occurrence: Occurrence = {
    activityId: item.id,
    kind: item.kind ?? 'activity',
    recurrenceId: key,
    start: toIsoWithOffset(startMs, timeZone),
    allDay,
    timeZone,
    status,
    overridden: override !== undefined,
  };
  if (endMs !== undefined) occurrence.end = toIsoWithOffset(endMs, timeZone);
  if (statusReason) occurrence.statusReason = statusReason;
  for (const field of ['title', 'description', 'location', 'room', 'note'] as const) {
    const value = override?.[field];
    if (value) occurrence[field] = value;
  }
  return occurrence;
}
