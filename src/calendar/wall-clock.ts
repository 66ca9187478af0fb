/**
 * Wall-clock dates and times: what a calendar on the wall shows, without any time zone.
 * Pure integer arithmetic (no `Date`), so results never depend on the machine's zone and years
 * below 100 are not mangled the way `Date.UTC` mangles them.
 */

export interface LocalDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Years we accept anywhere; outside this the Intl zone data and the ICS formats stop making sense. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function isValidTime(hour: number, minute: number, second: number): boolean {
  return (
    Number.isInteger(hour) &&
    Number.isInteger(minute) &&
    Number.isInteger(second) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    // 60 is a leap second; RFC 5545 allows it and we read it as :59.
    second >= 0 &&
    second <= 60
  );
}

/**
 * Days since 1970-01-01 (negative before). Howard Hinnant's days_from_civil: exact for the
 * proleptic Gregorian calendar, which is what RFC 5545 and Intl use.
 */
export function dayNumber(date: LocalDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of {@link dayNumber}. */
export function fromDayNumber(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Adds months; a day that does not exist in the target month is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** Difference in whole calendar days, `b − a`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function weekday(date: LocalDate): Weekday {
  // Day 0 (1970-01-01) was a Thursday.
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function dayOfYear(date: LocalDate): number {
  return dayNumber(date) - dayNumber({ year: date.year, month: 1, day: 1 }) + 1;
}

/** The first day of the week that contains `date`; weeks start on Monday unless told otherwise. */
export function startOfWeek(date: LocalDate, weekStart: Weekday = 1): LocalDate {
  const back = (weekday(date) - weekStart + 7) % 7;
  return addDays(date, -back);
}

/** ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - weekday(date));
  return { year: thursday.year, week: Math.floor((dayOfYear(thursday) - 1) / 7) + 1 };
}

export function dateOf(value: LocalDate): LocalDate {
  return { year: value.year, month: value.month, day: value.day };
}

export function atTime(date: LocalDate, hour = 0, minute = 0, second = 0): LocalDateTime {
  return { year: date.year, month: date.month, day: date.day, hour, minute, second };
}

/**
 * A wall-clock value as milliseconds "as if it were UTC". Only for arithmetic and ordering of
 * wall times; it is not an instant.
 */
export function wallMs(value: LocalDate | LocalDateTime): number {
  const t = value as Partial<LocalDateTime>;
  return (
    dayNumber(value) * MS_PER_DAY +
    (t.hour ?? 0) * MS_PER_HOUR +
    (t.minute ?? 0) * MS_PER_MINUTE +
    Math.min(t.second ?? 0, 59) * MS_PER_SECOND
  );
}

export function fromWallMs(ms: number): LocalDateTime {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  return atTime(fromDayNumber(days), hour, minute, Math.floor(rest / MS_PER_SECOND));
}

export function compareLocal(a: LocalDate | LocalDateTime, b: LocalDate | LocalDateTime): number {
  return wallMs(a) - wallMs(b);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** `YYYY-MM-DDTHH:mm:ss`, the canonical form used as occurrence and override keys. */
export function formatLocalDateTime(value: LocalDateTime): string {
  return `${formatLocalDate(value)}T${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses `YYYY-MM-DD`; `undefined` for anything else or an impossible date. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = DATE_PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

/** Parses `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss` (no offset: this is wall-clock time). */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const m = DATE_TIME_PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!isValidDate(year, month, day) || !isValidTime(hour, minute, second)) return undefined;
  return { year, month, day, hour, minute, second: Math.min(second, 59) };
}

/** A wall-clock value in either form: a date (all-day) or a date-time. */
export type LocalValue = { kind: 'date'; date: LocalDate } | { kind: 'date-time'; dateTime: LocalDateTime };

export function parseLocalValue(text: string): LocalValue | undefined {
  const date = parseLocalDate(text);
  if (date) return { kind: 'date', date };
  const dateTime = parseLocalDateTime(text);
  return dateTime ? { kind: 'date-time', dateTime } : undefined;
}

/** Canonical key of a date or date-time string (`10:00` and `10:00:00` are the same slot). */
export function canonicalLocal(text: string): string | undefined {
  const value = parseLocalValue(text);
  if (!value) return undefined;
  return value.kind === 'date' ? formatLocalDate(value.date) : formatLocalDateTime(value.dateTime);
}
