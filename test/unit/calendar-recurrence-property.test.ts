/**
 * Property tests for recurrence expansion against a brute-force oracle: walk every day, keep the
 * ones RFC 5545 says the rule produces. The oracle shares no code with the engine (it uses
 * `Date` for calendar facts), so agreement means more than the engine agreeing with itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWithInfo } from '../../src/activities/recurrence.js';
import { toInstant } from '../../src/calendar/time-zone.js';

const DAY = 86_400_000;
const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']; // index = Date#getUTCDay()

interface GenRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  byDay?: { day: number; ordinal?: number }[]; // day: 0 = Sunday
  byMonthDay?: number[];
  byMonth?: number[];
  bySetPos?: number[];
  wkst: number;
  count?: number;
  untilDays?: number; // UNTIL as a date, this many days after DTSTART
}

function rruleText(r: GenRule, startMs: number): string {
  const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`, `WKST=${CODES[r.wkst]}`];
  if (r.count) parts.push(`COUNT=${r.count}`);
  if (r.untilDays !== undefined) parts.push(`UNTIL=${new Date(startMs + r.untilDays * DAY).toISOString().slice(0, 10).replace(/-/g, '')}`);
  if (r.byDay) parts.push(`BYDAY=${r.byDay.map((d) => `${d.ordinal ?? ''}${CODES[d.day]}`).join(',')}`);
  if (r.byMonthDay) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
  if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
  if (r.bySetPos) parts.push(`BYSETPOS=${r.bySetPos.join(',')}`);
  return parts.join(';');
}

const dim = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** Days (UTC-midnight ms, standing for local dates) the rule produces from DTSTART up to `lastDay`. */
function oracle(r: GenRule, startMs: number, lastDay: number): number[] {
  const s = new Date(startMs);
  const weekStart = (ms: number) => ms - ((new Date(ms).getUTCDay() - r.wkst + 7) % 7) * DAY;
  const period = (ms: number) => {
    const d = new Date(ms);
    switch (r.freq) {
      case 'DAILY':
        return Math.round((ms - startMs) / DAY);
      case 'WEEKLY':
        return Math.round((weekStart(ms) - weekStart(startMs)) / (7 * DAY));
      case 'MONTHLY':
        return (d.getUTCFullYear() - s.getUTCFullYear()) * 12 + d.getUTCMonth() - s.getUTCMonth();
      case 'YEARLY':
        return d.getUTCFullYear() - s.getUTCFullYear();
    }
  };
  // RFC 5545 takes missing parts from DTSTART.
  let { byDay, byMonth } = r;
  let byMonthDay = r.freq === 'WEEKLY' ? undefined : r.byMonthDay;
  if (!byDay && !byMonthDay) {
    if (r.freq === 'WEEKLY') byDay = [{ day: s.getUTCDay() }];
    if (r.freq === 'MONTHLY') byMonthDay = [s.getUTCDate()];
    if (r.freq === 'YEARLY') {
      byMonthDay = [s.getUTCDate()];
      byMonth ??= [s.getUTCMonth() + 1];
    }
  }
  const ok = (ms: number) => {
    const d = new Date(ms);
    const [y, m0, md, wd] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay()];
    if (byMonth && !byMonth.includes(m0 + 1)) return false;
    if (byMonthDay && !byMonthDay.some((n) => (n > 0 ? n === md : dim(y, m0) + n + 1 === md))) return false;
    if (byDay) {
      const inYear = r.freq === 'YEARLY' && !r.byMonth;
      const doy = Math.round((ms - Date.UTC(y, 0, 1)) / DAY) + 1;
      const len = inYear ? (dim(y, 1) === 29 ? 366 : 365) : dim(y, m0);
      const pos = inYear ? doy : md;
      const useOrdinal = r.freq === 'MONTHLY' || r.freq === 'YEARLY';
      return byDay.some(
        (b) =>
          b.day === wd &&
          (!useOrdinal ||
            b.ordinal === undefined ||
            (b.ordinal > 0 ? Math.floor((pos - 1) / 7) + 1 === b.ordinal : Math.floor((len - pos) / 7) + 1 === -b.ordinal)),
      );
    }
    return true;
  };

  const groups = new Map<number, number[]>();
  // Whole periods: BYSETPOS picks from a period's full set before DTSTART cuts anything off.
  for (let ms = startMs - 400 * DAY; ms <= lastDay; ms += DAY) {
    const p = period(ms);
    if (p % r.interval === 0 && ok(ms)) groups.set(p, [...(groups.get(p) ?? []), ms]);
  }
  const out = [startMs];
  for (let days of groups.values()) {
    if (r.bySetPos) {
      const picked = new Set(r.bySetPos.map((p) => (p > 0 ? p - 1 : days.length + p)).filter((i) => i >= 0 && i < days.length));
      days = [...picked].sort((a, b) => a - b).map((i) => days[i]!);
    }
    for (const ms of days) {
      if (ms <= startMs) continue;
      if (r.untilDays !== undefined && ms > startMs + r.untilDays * DAY) return out;
      if (r.count && out.length >= r.count) return out;
      out.push(ms);
    }
  }
  return out;
}

const ordinal = fc.option(fc.constantFrom(-5, -2, -1, 1, 2, 3, 4, 5), { nil: undefined });
const ruleArb: fc.Arbitrary<GenRule> = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY') as fc.Arbitrary<GenRule['freq']>,
    interval: fc.integer({ min: 1, max: 4 }),
    byDay: fc.option(
      fc.uniqueArray(fc.record({ day: fc.integer({ min: 0, max: 6 }), ordinal }), {
        minLength: 1,
        maxLength: 4,
        selector: (d) => `${d.ordinal}${d.day}`,
      }),
      { nil: undefined },
    ),
    byMonthDay: fc.option(fc.uniqueArray(fc.constantFrom(1, 2, 7, 13, 15, 28, 29, 30, 31, -1, -2, -7), { minLength: 1, maxLength: 3 }), {
      nil: undefined,
    }),
    byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    bySetPos: fc.option(fc.uniqueArray(fc.constantFrom(1, 2, -1, -2), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    wkst: fc.integer({ min: 0, max: 6 }),
    count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    untilDays: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
  })
  .map((r) => {
    // BYSETPOS needs another BY-part; sort the lists so the rule text is canonical.
    const rule: GenRule = { freq: r.freq, interval: r.interval, wkst: r.wkst };
    if (r.byDay) rule.byDay = r.byDay.map((d) => (d.ordinal === undefined ? { day: d.day } : d));
    if (r.byMonthDay) rule.byMonthDay = r.byMonthDay;
    if (r.byMonth) rule.byMonth = r.byMonth;
    if (r.bySetPos && (r.byDay || r.byMonthDay)) rule.bySetPos = r.bySetPos;
    if (r.count) rule.count = r.count;
    if (r.untilDays !== undefined) rule.untilDays = r.untilDays;
    return rule;
  });

const caseArb = fc.record({
  rule: ruleArb,
  zone: fc.constantFrom('Europe/Amsterdam', 'America/New_York', 'Australia/Sydney', 'UTC'),
  startDay: fc.integer({ min: Date.UTC(2020, 0, 1) / DAY, max: Date.UTC(2030, 0, 1) / DAY }),
  // Daytime only, so no slot falls in a DST gap and every slot keeps DTSTART's clock time.
  hour: fc.integer({ min: 8, max: 20 }),
  minute: fc.constantFrom(0, 15, 30, 45),
  rangeOffset: fc.integer({ min: -60, max: 700 }),
  rangeDays: fc.integer({ min: 1, max: 400 }),
});

describe('recurrence expansion (property)', () => {
  it('produces exactly what the brute-force oracle produces, in range, sorted and unique', () => {
    fc.assert(
      fc.property(caseArb, ({ rule, zone, startDay, hour, minute, rangeOffset, rangeDays }) => {
        const startMs = startDay * DAY;
        const date = new Date(startMs).toISOString().slice(0, 10);
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const local = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        const firstDay = startMs + rangeOffset * DAY;
        const lastDay = firstDay + rangeDays * DAY;
        const at = (dayMs: number, h: number) => {
          const d = new Date(dayMs);
          return toInstant(
            { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: h, minute: 0, second: 0 },
            zone,
          );
        };
        const rangeFrom = at(firstDay, 0);
        const rangeTo = at(lastDay, 0);
        const item = {
          id: 'p',
          timeZone: zone,
          start: `${date}T${time}`,
          end: `${date}T${String(hour + 1).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
          recurrence: { rrule: rruleText(rule, startMs) },
        };
        const result = expandWithInfo(item, rangeFrom, rangeTo);
        expect(result.problems).toEqual([]);
        expect(result.truncated).toBe(false);

        const got = result.occurrences.map((o) => o.recurrenceId);
        // The oracle walks a year past the range: BYSETPOS needs whole periods.
        const expected = oracle(rule, startMs, lastDay + 400 * DAY)
          .map((ms) => `${local(ms)}T${time}:00`)
          .filter((id) => {
            const [d, t] = id.split('T') as [string, string];
            const dayMs = Date.parse(`${d}T00:00:00Z`);
            const [h, m] = t.split(':').map(Number) as [number, number];
            const startI = toInstant({ ...ymd(dayMs), hour: h, minute: m, second: 0 }, zone);
            const endI = toInstant({ ...ymd(dayMs), hour: h + 1, minute: m, second: 0 }, zone);
            return startI < rangeTo && endI > rangeFrom;
          });
        expect(got).toEqual(expected);

        for (let i = 0; i < result.occurrences.length; i++) {
          const o = result.occurrences[i]!;
          expect(o.recurrenceId.slice(11)).toBe(`${time}:00`);
          expect(o.start.slice(11, 16)).toBe(time);
          expect(Date.parse(o.start) < rangeTo && Date.parse(o.end!) > rangeFrom).toBe(true);
          if (i > 0) expect(Date.parse(o.start)).toBeGreaterThan(Date.parse(result.occurrences[i - 1]!.start));
        }
      }),
      { numRuns: 400 },
    );
  });
});

function ymd(ms: number) {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
