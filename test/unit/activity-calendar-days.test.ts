/**
 * The list's own day helpers (`days.ts`, kept out of `src/calendar` so the first download stays
 * small) must agree with `src/calendar`'s wall-clock and time-zone modules, which the period
 * views, the ICS writer and the recurrence engine use.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, MAX_RANGE_DAYS as COLLECTOR_MAX_RANGE_DAYS } from '../../src/calendar/constants.js';
import { isValidTimeZone as calendarIsValidTimeZone, startOfDay, toLocal } from '../../src/calendar/time-zone.js';
import * as wc from '../../src/calendar/wall-clock.js';
import {
  addDays,
  addMonths,
  dayAt,
  dayKey,
  DEFAULT_ZONE,
  daysBetween,
  MAX_RANGE_DAYS,
  isLocalValue,
  isValidTimeZone,
  parseDay,
  wallTime,
} from '../../src/activities/days.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const ZONES = [
  'Europe/Amsterdam',
  'UTC',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'America/Santiago',
  'Asia/Kolkata',
];

describe('days.ts agrees with src/calendar', () => {
  it('adds days and months, counts days and writes dates the same way', () => {
    const r = random(7);
    for (let i = 0; i < 3000; i++) {
      const d = wc.fromDayNumber(Math.floor(r() * 3_000_000) - 700_000); // years ~ 53 to 8100
      const n = Math.floor(r() * 800) - 400;
      const m = Math.floor(r() * 60) - 30;
      expect(addDays(d, n)).toEqual(wc.addDays(d, n));
      expect(addMonths(d, m)).toEqual(wc.addMonths(d, m));
      expect(daysBetween(d, wc.addDays(d, n))).toBe(n);
      expect(dayKey(d)).toBe(wc.formatLocalDate(d));
    }
    expect(addMonths({ year: 2024, month: 1, day: 31 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 99, month: 12, day: 31 }, 1)).toEqual({ year: 100, month: 1, day: 1 });
  });

  it('reads dates and date-times like parseLocalDate and parseLocalValue', () => {
    const texts = [
      '2026-03-30',
      '2026-02-29',
      '2024-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '0000-01-01',
      '0001-01-01',
      '9999-12-31',
      '2026-03-30T10:00',
      '2026-03-30T10:00:59',
      '2026-03-30T23:59:60',
      '2026-03-30T24:00',
      '2026-03-30T10:60',
      '2026-03-30T10:00:61',
      '2026-3-30',
      '2026-03-30T10',
      '2026-03-30T10:00Z',
      '2026-03-30 10:00',
      ' 2026-03-30',
      '',
      '20260330',
      '2026-02-30T10:00',
    ];
    for (const t of texts) {
      expect(parseDay(t), t).toEqual(wc.parseLocalDate(t));
      expect(isLocalValue(t), t).toBe(!!wc.parseLocalValue(t));
    }
  });

  it('has the same default zone', () => {
    expect(DEFAULT_ZONE).toBe(DEFAULT_TIME_ZONE);
    expect(MAX_RANGE_DAYS).toBe(COLLECTOR_MAX_RANGE_DAYS);
  });

  it('knows the same zones', () => {
    for (const z of [...ZONES, 'Z', 'Etc/UTC', 'europe/amsterdam', 'GMT', 'Mars/Olympus', '', 'x'.repeat(65)]) {
      expect(isValidTimeZone(z), z).toBe(calendarIsValidTimeZone(z));
    }
  });

  it('gives the wall clock and the day of an instant in a zone, across DST', () => {
    const r = random(11);
    const from = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const instant = from + Math.floor(r() * 10 * 365 * 86_400) * 1000;
      const zone = ZONES[i % ZONES.length]!;
      const local = toLocal(instant, zone);
      expect(wallTime(instant, zone)).toBe(wc.formatLocalDateTime(local));
      expect(dayAt(instant, zone)).toEqual(wc.dateOf(local));
    }
  });

  it('puts an instant before a day exactly when it is before the start of that day', () => {
    // The list compares wall-clock text where it used to compare instants with `startOfDay`.
    const r = random(3);
    for (let i = 0; i < 2000; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const day = wc.addDays({ year: 2021, month: 1, day: 1 }, Math.floor(r() * 2000));
      const instant = startOfDay(day, zone) + Math.floor((r() - 0.5) * 4 * 3_600_000);
      const text = `${dayKey(day)}T00:00:00`;
      expect(wallTime(instant, zone) < text, `${zone} ${instant}`).toBe(instant < startOfDay(day, zone));
    }
  });
});
