/**
 * Wall clock ⇄ instant for any IANA zone, with no zone library: the offsets come from
 * `Intl.DateTimeFormat` (see zone-offset.ts).
 * Instants are epoch milliseconds.
 */
import {
  MAX_YEAR,
  MIN_YEAR,
  MS_PER_DAY,
  MS_PER_MINUTE,
  atTime,
  dayNumber,
  formatLocalDateTime,
  fromWallMs,
  wallMs,
  type LocalDate,
  type LocalDateTime,
} from './wall-clock.js';
import { zoneFormatter, zoneOffset } from './zone-offset.js';

/** The offset of a zone at an instant: local wall time minus UTC, in milliseconds. */
export type OffsetAt = (instant: number) => number;

const isUtc = (timeZone: string) => timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'Z';

/** True for any zone name this runtime's Intl knows (IANA names and their links). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  return isUtc(timeZone) || zoneFormatter(timeZone) !== null;
}

/** The runtime's spelling of a zone (`europe/amsterdam` → `Europe/Amsterdam`), or undefined. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  if (isUtc(timeZone)) return 'UTC';
  return zoneFormatter(timeZone)!.resolvedOptions().timeZone;
}

/** The wall clock in `timeZone` at an instant. */
export function toLocal(instant: number, timeZone: string): LocalDateTime {
  return fromWallMs(instant + offsetAt(instant, timeZone));
}

/** Offset of `timeZone` at `instant` in milliseconds (Amsterdam in summer: +7 200 000). */
export function offsetAt(instant: number, timeZone: string): number {
  return isUtc(timeZone) ? 0 : zoneOffset(instant, timeZone);
}

/** An {@link OffsetAt} for an IANA zone. */
export function zoneOffsets(timeZone: string): OffsetAt {
  return (instant) => offsetAt(instant, timeZone);
}

/**
 * The instant a wall-clock time happens, for any offset function. RFC 5545 §3.3.5 rules:
 * in an overlap (the repeated hour in October) the earlier instant wins; in a gap (the hour
 * skipped in March) the time is read with the offset from before the gap, which moves it
 * forward by the gap's length (02:30 → 03:30 CEST).
 */
export function toInstantWith(local: LocalDateTime, offsets: OffsetAt): number {
  const wall = wallMs(local);
  // Transitions are at least days apart, so the offsets a day either side are the candidates.
  const before = offsets(wall - MS_PER_DAY);
  const after = offsets(wall + MS_PER_DAY);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (offsets(instant) === offset) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** The instant a wall-clock time happens in an IANA zone (see {@link toInstantWith}). */
export function toInstant(local: LocalDateTime, timeZone: string): number {
  if (isUtc(timeZone)) return wallMs(local);
  return toInstantWith(local, zoneOffsets(timeZone));
}

/** The instant a day starts in a zone (midnight, or the first minute after a midnight gap). */
export function startOfDay(date: LocalDate, timeZone: string): number {
  return toInstant(atTime(date), timeZone);
}

/** `+02:00`; offsets with seconds (pre-1940 local mean time) are rounded to the minute. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / MS_PER_MINUTE);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * An instant as ISO 8601 with the zone's offset: `2026-03-30T10:00:00+02:00`. When the offset is
 * not a whole minute (local mean time before ~1940) the string is written in UTC instead, so it
 * still names the right instant.
 */
export function toIsoWithOffset(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  if (offset % MS_PER_MINUTE !== 0) return `${formatLocalDateTime(fromWallMs(instant))}+00:00`;
  return `${formatLocalDateTime(fromWallMs(instant + offset))}${formatOffset(offset)}`;
}

/** Instants in the years we support; anything else is refused before it reaches Intl. */
export function isSupportedInstant(instant: number): boolean {
  const min = dayNumber({ year: MIN_YEAR, month: 1, day: 2 }) * MS_PER_DAY;
  const max = dayNumber({ year: MAX_YEAR, month: 12, day: 30 }) * MS_PER_DAY;
  return Number.isFinite(instant) && instant >= min && instant <= max;
}
