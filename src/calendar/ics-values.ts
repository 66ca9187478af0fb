/**
 * RFC 5545 value types the calendar needs: DATE, DATE-TIME, DURATION and UTC-OFFSET.
 * Lenient on input (extended ISO forms, missing seconds), exact on output.
 */
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  atTime,
  fromWallMs,
  isValidDate,
  isValidTime,
  wallMs,
  type LocalDate,
  type LocalDateTime,
} from './wall-clock.js';

export type IcsDateValue =
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'date-time'; readonly dateTime: LocalDateTime; readonly utc: boolean };

/**
 * Reads `YYYYMMDD`, `YYYYMMDDTHHMMSS[Z]` (seconds optional) and the extended ISO forms some
 * exporters write. `VALUE=DATE` with a time keeps only the date.
 */
export function parseIcsDate(value: string, valueType?: string): IcsDateValue | undefined {
  const compact = value.trim().replace(/[-:]/g, '');
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z)?)?$/i.exec(compact);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidDate(date.year, date.month, date.day)) return undefined;
  if (m[4] === undefined || valueType?.toUpperCase() === 'DATE') return { kind: 'date', date };
  const [h, mi, s] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  if (!isValidTime(h, mi, s)) return undefined;
  return { kind: 'date-time', dateTime: atTime(date, h, mi, Math.min(s, 59)), utc: m[7] !== undefined };
}

export interface IcsDuration {
  readonly negative: boolean;
  /** Weeks and days: nominal, they follow the wall clock. */
  readonly days: number;
  /** Hours, minutes and seconds: exact. */
  readonly ms: number;
}

/** `P1W`, `P2D`, `PT1H30M`, `-P1DT2H`, `P0DT0H10M0S` … */
export function parseIcsDuration(value: string): IcsDuration | undefined {
  const m = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(value.trim());
  if (!m || value.trim().toUpperCase().endsWith('T') || /^[+-]?P$/i.test(value.trim())) return undefined;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  return {
    negative: m[1] === '-',
    days: n(2) * 7 + n(3),
    ms: n(4) * MS_PER_HOUR + n(5) * MS_PER_MINUTE + n(6) * MS_PER_SECOND,
  };
}

/** Adds a duration on the wall clock. */
export function addDuration(start: LocalDateTime, duration: IcsDuration): LocalDateTime {
  const sign = duration.negative ? -1 : 1;
  return fromWallMs(wallMs(start) + sign * (duration.days * MS_PER_DAY + duration.ms));
}

/** `+0200`, `-0500`, `+013000`, `-000115`, also `+02:00`; milliseconds, or undefined. */
export function parseUtcOffset(value: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const ms = Number(m[2]) * MS_PER_HOUR + Number(m[3]) * MS_PER_MINUTE + (m[4] ? Number(m[4]) : 0) * MS_PER_SECOND;
  if (ms > 18 * MS_PER_HOUR) return undefined;
  return m[1] === '-' ? -ms : ms;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD` */
export function formatIcsDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}${p2(date.month)}${p2(date.day)}`;
}

/** `YYYYMMDDTHHMMSS` (wall clock; add `Z` yourself for UTC). */
export function formatIcsDateTime(value: LocalDateTime): string {
  return `${formatIcsDate(value)}T${p2(value.hour)}${p2(value.minute)}${p2(value.second)}`;
}

/** `+0100`, or `+001932` when seconds are needed. */
export function formatUtcOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / MS_PER_SECOND);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${sign}${p2(h)}${p2(m)}${s ? p2(s) : ''}`;
}
