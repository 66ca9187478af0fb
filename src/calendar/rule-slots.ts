/**
 * The slots an RRULE produces, on the wall clock. No zones here: the caller turns slots into
 * instants, which is what keeps "10:00" at 10:00 across DST. Also used to evaluate VTIMEZONE
 * transition rules.
 *
 * Every period (day, week, month, year) is scanned day by day and a day is kept when it meets
 * every BY-part. For the parts we support this equals RFC 5545's expand/limit table, and it is
 * simple enough to trust. Work is bounded, so no rule can hang the caller.
 */
import type { RecurrenceRule, WeekdayRule } from './rrule.js';
import {
  MAX_YEAR,
  addDays,
  addMonths,
  atTime,
  dayNumber,
  dayOfYear,
  daysInMonth,
  daysInYear,
  fromWallMs,
  startOfWeek,
  wallMs,
  weekday,
  type LocalDate,
  type LocalDateTime,
} from './wall-clock.js';

export interface SlotOptions {
  /** Return only slots at or after this wall time (see `wallMs`). COUNT still counts from DTSTART. */
  readonly from?: number;
  /** Stop after this wall time (inclusive). */
  readonly to: number;
  /** The instant of a slot, for an UNTIL given in UTC; without it UNTIL is read as wall time. */
  readonly instantOf?: (slot: LocalDateTime) => number;
  /** Most slots to return. */
  readonly maxSlots?: number;
  /** Most days to examine; a rule that matches nothing (30 February) stops here. */
  readonly maxWork?: number;
}

export interface SlotResult {
  readonly slots: LocalDateTime[];
  /** True when a limit stopped the expansion before `to`. */
  readonly truncated: boolean;
}

export const DEFAULT_MAX_SLOTS = 10_000;
/** ≈1 400 years of daily rules or yearly scans: far beyond any calendar, and still milliseconds. */
export const DEFAULT_MAX_WORK = 500_000;

interface Spec {
  readonly byDay?: readonly WeekdayRule[];
  readonly byMonthDay?: readonly number[];
  readonly byMonth?: readonly number[];
}

/** Fills in the parts RFC 5545 takes from DTSTART when a rule leaves them out. */
function specFor(rule: RecurrenceRule, start: LocalDate): Spec {
  const { freq } = rule;
  const byMonthDay = freq === 'WEEKLY' ? undefined : rule.byMonthDay; // N/A for WEEKLY
  if (rule.byDay || byMonthDay) {
    return { byDay: rule.byDay, byMonthDay, byMonth: rule.byMonth };
  }
  switch (freq) {
    case 'WEEKLY':
      return { byDay: [{ weekday: weekday(start) }], byMonth: rule.byMonth };
    case 'MONTHLY':
      return { byMonthDay: [start.day], byMonth: rule.byMonth };
    case 'YEARLY':
      return { byMonthDay: [start.day], byMonth: rule.byMonth ?? [start.month] };
    default:
      return { byMonth: rule.byMonth };
  }
}

function ordinalMatches(ordinal: number, date: LocalDate, inYear: boolean): boolean {
  if (inYear) {
    const doy = dayOfYear(date);
    return ordinal > 0 ? Math.ceil(doy / 7) === ordinal : Math.ceil((daysInYear(date.year) - doy + 1) / 7) === -ordinal;
  }
  return ordinal > 0
    ? Math.ceil(date.day / 7) === ordinal
    : Math.ceil((daysInMonth(date.year, date.month) - date.day + 1) / 7) === -ordinal;
}

function matches(date: LocalDate, spec: Spec, rule: RecurrenceRule): boolean {
  if (spec.byMonth && !spec.byMonth.includes(date.month)) return false;
  if (spec.byMonthDay) {
    const dim = daysInMonth(date.year, date.month);
    if (!spec.byMonthDay.some((n) => (n > 0 ? n === date.day : dim + n + 1 === date.day))) return false;
  }
  if (spec.byDay) {
    const wd = weekday(date);
    // Ordinals count within the month, or within the year for YEARLY without BYMONTH; DAILY and WEEKLY ignore them.
    const ordinals = rule.freq === 'MONTHLY' || rule.freq === 'YEARLY';
    const inYear = rule.freq === 'YEARLY' && !rule.byMonth;
    const ok = spec.byDay.some(
      (d) => d.weekday === wd && (d.ordinal === undefined || !ordinals || ordinalMatches(d.ordinal, date, inYear)),
    );
    if (!ok) return false;
  }
  return true;
}

/** First day of period `k` (k periods after the one holding DTSTART). */
function periodStart(rule: RecurrenceRule, start: LocalDate, k: number): LocalDate {
  switch (rule.freq) {
    case 'DAILY':
      return addDays(start, k);
    case 'WEEKLY':
      return addDays(startOfWeek(start, rule.wkst), 7 * k);
    case 'MONTHLY':
      return addMonths({ year: start.year, month: start.month, day: 1 }, k);
    case 'YEARLY':
      return { year: start.year + k, month: 1, day: 1 };
  }
}

function periodLength(rule: RecurrenceRule, first: LocalDate): number {
  switch (rule.freq) {
    case 'DAILY':
      return 1;
    case 'WEEKLY':
      return 7;
    case 'MONTHLY':
      return daysInMonth(first.year, first.month);
    case 'YEARLY':
      return daysInYear(first.year);
  }
}

/** Index of the period holding `date`, counted from DTSTART's period. */
function periodIndex(rule: RecurrenceRule, start: LocalDate, date: LocalDate): number {
  switch (rule.freq) {
    case 'DAILY':
      return dayNumber(date) - dayNumber(start);
    case 'WEEKLY':
      return Math.floor((dayNumber(date) - dayNumber(startOfWeek(start, rule.wkst))) / 7);
    case 'MONTHLY':
      return (date.year - start.year) * 12 + (date.month - start.month);
    case 'YEARLY':
      return date.year - start.year;
  }
}

function applySetPos(days: LocalDate[], positions: readonly number[]): LocalDate[] {
  const picked = new Set<number>();
  for (const pos of positions) {
    const i = pos > 0 ? pos - 1 : days.length + pos;
    if (i >= 0 && i < days.length) picked.add(i);
  }
  return [...picked].sort((a, b) => a - b).map((i) => days[i]!);
}

function isAfterUntil(rule: RecurrenceRule, slot: LocalDateTime, instantOf?: (s: LocalDateTime) => number): boolean {
  const until = rule.until;
  if (!until) return false;
  switch (until.kind) {
    case 'date':
      return dayNumber(slot) > dayNumber(until.date);
    case 'local':
      return wallMs(slot) > wallMs(until.dateTime);
    case 'utc':
      return (instantOf ? instantOf(slot) : wallMs(slot)) > wallMs(until.dateTime);
  }
}

/**
 * The wall-clock starts a rule produces from `dtstart`, ascending and unique. DTSTART always
 * counts as the first occurrence (RFC 5545 §3.8.5.3), even when the rule would not produce it.
 */
export function ruleSlots(rule: RecurrenceRule, dtstart: LocalDateTime, options: SlotOptions): SlotResult {
  const slots: LocalDateTime[] = [];
  const from = options.from ?? Number.NEGATIVE_INFINITY;
  const maxSlots = options.maxSlots ?? DEFAULT_MAX_SLOTS;
  const maxWork = options.maxWork ?? DEFAULT_MAX_WORK;
  const startWall = wallMs(dtstart);

  if (startWall > options.to) return { slots, truncated: false };
  if (startWall >= from) slots.push(dtstart);
  if (rule.count === 1) return { slots, truncated: false };

  const spec = specFor(rule, dtstart);
  let counted = 1;
  let work = 0;
  let k = 0;
  // Without COUNT nothing before `from` matters: jump to the period holding it.
  if (rule.count === undefined && Number.isFinite(from) && from > startWall) {
    const index = periodIndex(rule, dtstart, fromWallMs(from));
    k = Math.max(0, Math.floor(index / rule.interval) * rule.interval);
  }

  for (; ; k += rule.interval) {
    const first = periodStart(rule, dtstart, k);
    if (first.year > MAX_YEAR || wallMs(first) > options.to) return { slots, truncated: false };
    const length = periodLength(rule, first);
    work += length;
    if (work > maxWork) return { slots, truncated: true };

    let days: LocalDate[] = [];
    for (let i = 0; i < length; i++) {
      const day = i === 0 ? first : addDays(first, i);
      if (matches(day, spec, rule)) days.push(day);
    }
    if (rule.bySetPos) days = applySetPos(days, rule.bySetPos);

    for (const day of days) {
      const slot = atTime(day, dtstart.hour, dtstart.minute, dtstart.second);
      const wall = wallMs(slot);
      if (wall <= startWall) continue; // DTSTART itself was already emitted
      if (wall > options.to || isAfterUntil(rule, slot, options.instantOf)) return { slots, truncated: false };
      counted += 1;
      if (rule.count !== undefined && counted > rule.count) return { slots, truncated: false };
      if (wall >= from) {
        if (slots.length >= maxSlots) return { slots, truncated: true };
        slots.push(slot);
      }
    }
  }
}
