/**
 * Days for the list and its header, on `Date` and `Intl`: calendar arithmetic, reading and writing
 * `YYYY-MM-DD`, and the wall-clock time of an instant in the site's zone.
 *
 * Why not `src/calendar/wall-clock.ts` and `time-zone.ts`: a module is bundled whole into the
 * first chunk that needs it, and those two also hold what the period views, the ICS writer and
 * the recurrence engine use, which would then all sit in the first download. The list needs much
 * less: it compares wall-clock times as text (`YYYY-MM-DDTHH:mm:ss` sorts like time), so it never
 * turns a wall-clock time back into an instant, the hard part of `time-zone.ts`. Both read offsets
 * through `zone-offset.ts`, which has no imports and remembers them.
 * `test/unit/activity-calendar-days.test.ts` checks these against `src/calendar`.
 */
import type { LocalDate } from '../calendar/wall-clock.js';
import { zoneFormatter } from '../calendar/zone-offset.js';
import { hasRule, quickOffset } from '../calendar/zone-rule.js';

/**
 * The site's zone when none is set: `DEFAULT_TIME_ZONE` of `src/calendar/constants.ts`, written
 * out (a unit test keeps the two equal) because that module also holds the limits the lazy parts
 * use, which would then all sit in the first download.
 */
export const DEFAULT_ZONE = 'Europe/Amsterdam';

/** `MAX_RANGE_DAYS` of `src/calendar/constants.ts`, written out for the same reason. */
export const MAX_RANGE_DAYS = 800;

/**
 * The wall-clock start and end of an occurrence in `timeZone`, as sortable text. An all-day
 * occurrence keeps its own dates: a date is floating, the same day wherever it is read.
 */
export function occurrenceWalls(o: { start: string; end?: string | undefined; allDay: boolean }, timeZone: string): [string, string] {
  const wall = (v: string) => (o.allDay ? `${v.slice(0, 10)}T00:00:00` : wallTime(Date.parse(v), timeZone));
  const start = wall(o.start);
  return [start, o.end ? wall(o.end) : start];
}

/** Do an occurrence's walls touch the days `[from, to)`? One without an end must start inside them. */
export function wallsTouch([start, end]: [string, string], from: LocalDate, to: LocalDate): boolean {
  const [s, e] = [`${dayKey(from)}T00:00:00`, `${dayKey(to)}T00:00:00`];
  return start < e && (end > s || start >= s);
}

/** Midnight UTC of a calendar date; out-of-range days and months roll over, years below 100 stay. */
function utc(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

const dateOf = (d: Date): LocalDate => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });

export const addDays = (date: LocalDate, days: number): LocalDate => dateOf(utc(date.year, date.month, date.day + days));

/** Adds months; a day that does not exist in the target month is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const first = utc(date.year, date.month + months, 1);
  const days = utc(first.getUTCFullYear(), first.getUTCMonth() + 2, 0).getUTCDate();
  return { ...dateOf(first), day: Math.min(date.day, days) };
}

/** Difference in whole calendar days, `b − a`. */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((utc(b.year, b.month, b.day).getTime() - utc(a.year, a.month, a.day).getTime()) / 864e5);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` */
export const dayKey = (date: LocalDate): string => `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;

/** `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss` (second 60, a leap second, as in `wall-clock.ts`). */
const LOCAL = /^(\d{4})-(\d\d)-(\d\d)(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60))?)?$/;

/** The parts of a wall-clock value whose date exists (year 1 or later), or undefined. */
function readLocal(text: string): RegExpExecArray | undefined {
  const m = LOCAL.exec(text);
  const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  const d = utc(year, month, day);
  return m && year >= 1 && d.getUTCMonth() + 1 === month && d.getUTCDate() === day ? m : undefined;
}

/** Parses `YYYY-MM-DD`; undefined for anything else or an impossible date. */
export function parseDay(text: string): LocalDate | undefined {
  const m = readLocal(text);
  return m && !m[4] ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/** Is this a wall-clock date or date-time (no offset) that exists? */
export const isLocalValue = (text: string): boolean => !!readLocal(text);

/**
 * True for any zone name this runtime's Intl knows (IANA names and their links), and `Z`. A zone
 * of the EU's summer-time rule is known without asking Intl, which would make its formatter.
 */
export const isValidTimeZone = (timeZone: string): boolean =>
  typeof timeZone === 'string' && timeZone.length > 0 && timeZone.length <= 64 && (hasRule(timeZone) || !!zoneFormatter(timeZone));

/** The wall clock in a (valid) zone at an instant: `YYYY-MM-DDTHH:mm:ss`, text that sorts like time. */
export function wallTime(instant: number, timeZone: string): string {
  const wall = new Date(Math.floor(instant / 1000) * 1000 + quickOffset(instant, timeZone));
  const time = wall.toISOString().slice(11, 19);
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${time}`;
}

/** The date in a (valid) zone at an instant. */
export const dayAt = (instant: number, timeZone: string): LocalDate => parseDay(wallTime(instant, timeZone).slice(0, 10))!;
