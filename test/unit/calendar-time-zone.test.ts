import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  formatOffset,
  isValidTimeZone,
  offsetAt,
  startOfDay,
  toInstant,
  toIsoWithOffset,
  toLocal,
} from '../../src/calendar/time-zone.js';
import {
  addDays,
  addMonths,
  atTime,
  canonicalLocal,
  dayNumber,
  daysInMonth,
  formatLocalDate,
  formatLocalDateTime,
  fromDayNumber,
  isoWeek,
  parseLocalDate,
  parseLocalDateTime,
  startOfWeek,
  weekday,
} from '../../src/calendar/wall-clock.js';

const dt = (text: string) => {
  const v = parseLocalDateTime(text);
  if (!v) throw new Error(`bad test date ${text}`);
  return v;
};
const iso = (instant: number) => new Date(instant).toISOString();

describe('wall-clock arithmetic', () => {
  it('day numbers agree with Date.UTC and round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        const d = fromDayNumber(n);
        expect(dayNumber(d)).toBe(n);
        if (d.year >= 100) expect(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000).toBe(n);
      }),
    );
  });

  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('adds days and months on wall-clock dates', () => {
    expect(formatLocalDate(addDays({ year: 2026, month: 12, day: 31 }, 1))).toBe('2027-01-01');
    expect(formatLocalDate(addDays({ year: 2024, month: 3, day: 1 }, -1))).toBe('2024-02-29');
    expect(formatLocalDate(addMonths({ year: 2026, month: 1, day: 31 }, 1))).toBe('2026-02-28');
    expect(formatLocalDate(addMonths({ year: 2026, month: 11, day: 15 }, 3))).toBe('2027-02-15');
    expect(formatLocalDate(addMonths({ year: 2026, month: 1, day: 15 }, -13))).toBe('2024-12-15');
  });

  it('gives ISO weekdays and ISO weeks with Monday start', () => {
    expect(weekday({ year: 2026, month: 3, day: 29 })).toBe(7); // Sunday, DST starts
    expect(weekday({ year: 2026, month: 3, day: 30 })).toBe(1);
    expect(isoWeek({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2026, week: 1 }); // a Thursday
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ year: 2026, week: 53 }); // a Friday
    expect(isoWeek({ year: 2024, month: 12, day: 30 })).toEqual({ year: 2025, week: 1 });
    expect(formatLocalDate(startOfWeek({ year: 2026, month: 3, day: 29 }))).toBe('2026-03-23');
    expect(formatLocalDate(startOfWeek({ year: 2026, month: 3, day: 29 }, 7))).toBe('2026-03-29');
  });

  it('parses only real local dates and times', () => {
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseLocalDateTime('2026-03-30T10:00')).toEqual(atTime({ year: 2026, month: 3, day: 30 }, 10));
    expect(parseLocalDateTime('2026-03-30T24:00')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-30T10:00:00Z')).toBeUndefined();
    expect(canonicalLocal('2026-03-30T10:00')).toBe('2026-03-30T10:00:00');
    expect(canonicalLocal('2026-03-30')).toBe('2026-03-30');
    expect(canonicalLocal('30-03-2026')).toBeUndefined();
  });
});

describe('time zones through Intl', () => {
  it('validates and canonicalises zone names', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Amsterdm')).toBe(false);
    expect(isValidTimeZone('W. Europe Standard Time')).toBe(false);
    expect(canonicalTimeZone('europe/amsterdam')).toBe('Europe/Amsterdam');
  });

  it('converts Amsterdam wall time to instants on both sides of DST', () => {
    expect(iso(toInstant(dt('2026-01-15T10:00'), 'Europe/Amsterdam'))).toBe('2026-01-15T09:00:00.000Z');
    expect(iso(toInstant(dt('2026-07-15T10:00'), 'Europe/Amsterdam'))).toBe('2026-07-15T08:00:00.000Z');
    expect(offsetAt(Date.UTC(2026, 0, 15), 'Europe/Amsterdam')).toBe(3_600_000);
    expect(offsetAt(Date.UTC(2026, 6, 15), 'Europe/Amsterdam')).toBe(7_200_000);
  });

  it('moves a time in the spring-forward gap forward by the gap (RFC 5545)', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    const instant = toInstant(dt('2026-03-29T02:30'), 'Europe/Amsterdam');
    expect(iso(instant)).toBe('2026-03-29T01:30:00.000Z');
    expect(formatLocalDateTime(toLocal(instant, 'Europe/Amsterdam'))).toBe('2026-03-29T03:30:00');
  });

  it('picks the earlier instant in the autumn overlap (RFC 5545)', () => {
    // 25 October 2026: 02:30 happens twice, first in CEST (00:30Z) then CET (01:30Z).
    expect(iso(toInstant(dt('2026-10-25T02:30'), 'Europe/Amsterdam'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(toInstant(dt('2026-10-25T03:00'), 'Europe/Amsterdam'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('handles zones far from Europe, half hours and the southern hemisphere', () => {
    expect(iso(toInstant(dt('2026-03-08T02:30'), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // gap
    expect(iso(toInstant(dt('2026-11-01T01:30'), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // EDT first
    expect(toIsoWithOffset(toInstant(dt('2026-06-01T12:00'), 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('2026-06-01T12:00:00+05:30');
    expect(toIsoWithOffset(toInstant(dt('2026-01-10T09:00'), 'Australia/Sydney'), 'Australia/Sydney')).toBe('2026-01-10T09:00:00+11:00');
    expect(toIsoWithOffset(toInstant(dt('2026-07-10T09:00'), 'Australia/Sydney'), 'Australia/Sydney')).toBe('2026-07-10T09:00:00+10:00');
  });

  it('round-trips every existing wall time (property)', () => {
    const zones = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Tehran', 'America/Santiago', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2080, 0, 1) }), (zone, raw) => {
        const instant = raw - (raw % 60_000);
        const local = toLocal(instant, zone);
        const back = toInstant(local, zone);
        // Either the same instant, or (in an overlap) an earlier one with the same wall time.
        expect(back).toBeLessThanOrEqual(instant);
        expect(formatLocalDateTime(toLocal(back, zone))).toBe(formatLocalDateTime(local));
      }),
      { numRuns: 300 },
    );
  });

  it('formats offsets and midnight', () => {
    expect(formatOffset(-3 * 3_600_000 - 30 * 60_000)).toBe('-03:30');
    expect(formatOffset(0)).toBe('+00:00');
    expect(toIsoWithOffset(startOfDay({ year: 2026, month: 10, day: 25 }, 'Europe/Amsterdam'), 'Europe/Amsterdam')).toBe(
      '2026-10-25T00:00:00+02:00',
    );
    // Local mean time before 1937 is not a whole minute; the string falls back to UTC.
    expect(toIsoWithOffset(Date.UTC(1920, 0, 1, 12), 'Europe/Amsterdam')).toBe('1920-01-01T12:00:00+00:00');
  });
});
