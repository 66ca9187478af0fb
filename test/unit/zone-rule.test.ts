import { describe, expect, it } from 'vitest';
import { dayAt, isValidTimeZone, wallTime } from '../../src/activities/days.js';
import { zoneFormatter } from '../../src/calendar/zone-offset.js';
import { hasRule, quickOffset, RULE_YEARS, ruleOffset } from '../../src/calendar/zone-rule.js';
import { intlOffsets } from './intl-offsets.js';
import { ruleMismatches } from './zone-rule-check.js';

const HOUR = 3_600_000;
const RULE_ZONES = [
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Helsinki',
  'Asia/Nicosia',
];

describe('the EU summer-time rule (the calendar reads today from it before Intl is set up)', () => {
  // The oracle is Node's ICU and its zone data (`process.versions.tz`); the browser test asks Chromium's.
  it(`gives what Intl gives for every day and every switch of ${RULE_YEARS.join('-')}, in each zone it covers`, () => {
    const all = Intl.supportedValuesOf('timeZone').concat(['Europe/Busingen', 'Arctic/Longyearbyen', 'Europe/Vatican', 'Europe/Mariehamn']);
    const covered = [...new Set(all)].filter(hasRule);
    expect(covered.length).toBeGreaterThanOrEqual(50);
    for (const zone of RULE_ZONES) expect(covered).toContain(zone);
    expect(covered.flatMap((zone) => ruleMismatches(zone))).toEqual([]);
  });

  it('is not used outside its years or its zones', () => {
    expect(ruleOffset(Date.UTC(RULE_YEARS[0] - 1, 11, 31, 23), 'Europe/Amsterdam')).toBeUndefined();
    expect(ruleOffset(Date.UTC(RULE_YEARS[1] + 1, 0, 1), 'Europe/Amsterdam')).toBeUndefined();
    expect(ruleOffset(Date.UTC(2026, 5, 1), 'America/New_York')).toBeUndefined();
    expect(ruleOffset(Date.UTC(2026, 5, 1), 'Europe/Moscow')).toBeUndefined();
    expect(ruleOffset(Date.UTC(2026, 5, 1), 'toString')).toBeUndefined();
    expect(hasRule('constructor')).toBe(false);
  });

  it('switches at 01:00 UTC on the last Sundays of March and October, to the second', () => {
    // 2026: 29 March and 25 October.
    expect(ruleOffset(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Amsterdam')).toBe(HOUR);
    expect(ruleOffset(Date.UTC(2026, 2, 29, 1), 'Europe/Amsterdam')).toBe(2 * HOUR);
    expect(ruleOffset(Date.UTC(2026, 9, 25, 0, 59, 59), 'Europe/Amsterdam')).toBe(2 * HOUR);
    expect(ruleOffset(Date.UTC(2026, 9, 25, 1), 'Europe/Amsterdam')).toBe(HOUR);
    expect(ruleOffset(Date.UTC(2026, 9, 25, 1), 'Europe/London')).toBe(0);
  });

  it('today on the calendar: the same day from the rule as from Intl, around midnight and the switches', () => {
    const zone = 'Europe/Amsterdam';
    const intl = intlOffsets(zone);
    for (const t of [
      Date.UTC(2026, 11, 6, 22, 59, 59),
      Date.UTC(2026, 11, 6, 23),
      Date.UTC(2026, 5, 30, 21, 59, 59),
      Date.UTC(2026, 5, 30, 22),
    ]) {
      const local = new Date(t + intl(t));
      expect(dayAt(t, zone)).toEqual({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() });
    }
    expect(wallTime(Date.UTC(2026, 2, 29, 1), zone)).toBe('2026-03-29T03:00:00');
  });

  it('gives way to Intl once the zone has a formatter, and other zones always ask Intl', () => {
    // A zone of the rule that no test in this file has made a formatter for yet.
    const zone = 'Europe/Vienna';
    expect(isValidTimeZone(zone)).toBe(true);
    const t = Date.UTC(2040, 6, 1); // outside the rule's years: Intl answers
    expect(quickOffset(t, zone)).toBe(2 * HOUR);
    zoneFormatter(zone);
    expect(quickOffset(Date.UTC(2026, 6, 1), zone)).toBe(2 * HOUR);
    expect(quickOffset(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * HOUR);
    expect(isValidTimeZone('Europe/Nowhere')).toBe(false);
  });
});
