import { describe, expect, it } from 'vitest';
import { expand, expandAll, expandWithInfo, pauseCovers, type ExpandableItem } from '../../src/activities/recurrence.js';
import { formatRRule, parseRRule } from '../../src/calendar/rrule.js';
import { activitySchema, openingHoursSchema } from '../../src/schema/activity.js';

const AMS = 'Europe/Amsterdam';
const range = (from: string, to: string) => [Date.parse(from), Date.parse(to)] as const;
const starts = (item: ExpandableItem, from: string, to: string) => expand(item, ...range(from, to)).map((o) => o.start);
const days = (item: ExpandableItem, from: string, to: string) => starts(item, from, to).map((s) => s.slice(0, 10));

const inloop: ExpandableItem = {
  id: 'inloop',
  kind: 'opening-hours',
  timeZone: AMS,
  start: '2026-01-05T10:00',
  end: '2026-01-05T12:00',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
};

describe('weekly inloop Mon–Fri 10:00–12:00', () => {
  const year = expand(inloop, ...range('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00'));

  it('has every weekday of 2026 from the first Monday', () => {
    expect(year).toHaveLength(259); // 261 weekdays in 2026, minus Thu 1 and Fri 2 January
    expect(new Set(year.map((o) => o.recurrenceId)).size).toBe(year.length);
    expect(year.every((o) => o.start.slice(11, 19) === '10:00:00' && o.end!.slice(11, 19) === '12:00:00')).toBe(true);
  });

  it('keeps 10:00 on the wall clock while the offset changes in both DST weeks', () => {
    const week = (from: string) =>
      year
        .filter((o) => o.start >= from)
        .slice(0, 7)
        .map((o) => o.start);
    // DST starts Sunday 29 March 2026.
    expect(week('2026-03-26')).toEqual([
      '2026-03-26T10:00:00+01:00',
      '2026-03-27T10:00:00+01:00',
      '2026-03-30T10:00:00+02:00',
      '2026-03-31T10:00:00+02:00',
      '2026-04-01T10:00:00+02:00',
      '2026-04-02T10:00:00+02:00',
      '2026-04-03T10:00:00+02:00',
    ]);
    // DST ends Sunday 25 October 2026.
    expect(week('2026-10-22')).toEqual([
      '2026-10-22T10:00:00+02:00',
      '2026-10-23T10:00:00+02:00',
      '2026-10-26T10:00:00+01:00',
      '2026-10-27T10:00:00+01:00',
      '2026-10-28T10:00:00+01:00',
      '2026-10-29T10:00:00+01:00',
      '2026-10-30T10:00:00+01:00',
    ]);
    // The UTC instants do move: 09:00Z in winter, 08:00Z in summer.
    const utc = (o: { start: string }) => new Date(o.start).toISOString().slice(11, 16);
    expect(utc(year.find((o) => o.recurrenceId === '2026-03-27T10:00:00')!)).toBe('09:00');
    expect(utc(year.find((o) => o.recurrenceId === '2026-03-30T10:00:00')!)).toBe('08:00');
  });

  it('marks the kind and fills the occurrence fields', () => {
    expect(year[0]).toEqual({
      activityId: 'inloop',
      kind: 'opening-hours',
      recurrenceId: '2026-01-05T10:00:00',
      start: '2026-01-05T10:00:00+01:00',
      end: '2026-01-05T12:00:00+01:00',
      allDay: false,
      timeZone: AMS,
      status: 'gaat-door',
      overridden: false,
    });
  });

  it('includes an occurrence already running at the start of the range', () => {
    const now = expand(inloop, ...range('2026-03-30T11:15:00+02:00', '2026-03-30T11:16:00+02:00'));
    expect(now.map((o) => o.start)).toEqual(['2026-03-30T10:00:00+02:00']);
    expect(expand(inloop, ...range('2026-03-30T12:00:00+02:00', '2026-03-30T13:00:00+02:00'))).toEqual([]);
  });
});

describe('rule shapes from the demo rhythms', () => {
  it('every other week', () => {
    const koffie = {
      id: 'koffie',
      start: '2026-01-06T10:00',
      end: '2026-01-06T11:30',
      recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU' },
    };
    expect(days(koffie, '2026-01-01T00:00Z', '2026-03-01T00:00Z')).toEqual(['2026-01-06', '2026-01-20', '2026-02-03', '2026-02-17']);
    // Jumping far ahead keeps the fortnight phase of DTSTART (208 weeks later).
    expect(days(koffie, '2029-12-24T00:00Z', '2030-01-20T00:00Z')).toEqual(['2030-01-01', '2030-01-15']);
  });

  it('first Wednesday of the month, including months that start on a Wednesday', () => {
    const gesprek = {
      id: 'huiskamergesprek',
      start: '2026-01-07T10:30',
      end: '2026-01-07T12:00',
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1WE' },
    };
    expect(days(gesprek, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-01-07',
      '2026-02-04',
      '2026-03-04',
      '2026-04-01',
      '2026-05-06',
      '2026-06-03',
      '2026-07-01',
      '2026-08-05',
      '2026-09-02',
      '2026-10-07',
      '2026-11-04',
      '2026-12-02',
    ]);
    expect(starts(gesprek, '2026-04-01T00:00+02:00', '2026-04-02T00:00+02:00')).toEqual(['2026-04-01T10:30:00+02:00']);
  });

  it('last Friday of the month', () => {
    const borrel = { id: 'borrel', start: '2026-01-30T16:00', recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=-1FR' } };
    expect(days(borrel, '2026-01-01T00:00Z', '2026-07-01T00:00Z')).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
      '2026-04-24',
      '2026-05-29',
      '2026-06-26',
    ]);
    // No end given: occurrences have no end either.
    expect(expand(borrel, ...range('2026-01-01T00:00Z', '2026-02-01T00:00Z'))[0]!.end).toBeUndefined();
  });

  it('yearly Halloween on 31 October, all day', () => {
    const halloween = { id: 'halloween', allDay: true, start: '2026-10-31', recurrence: { rrule: 'FREQ=YEARLY' } };
    const occ = expand(halloween, ...range('2026-01-01T00:00Z', '2031-01-01T00:00Z'));
    expect(occ.map((o) => o.recurrenceId)).toEqual(['2026-10-31', '2027-10-31', '2028-10-31', '2029-10-31', '2030-10-31']);
    expect(occ[0]).toMatchObject({ allDay: true, start: '2026-10-31T00:00:00+01:00', end: '2026-11-01T00:00:00+01:00' });
  });

  it('quarterly on the second Thursday evening', () => {
    const naasten = {
      id: 'naasten',
      start: '2026-01-08T19:30',
      end: '2026-01-08T21:00',
      recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH' },
    };
    expect(days(naasten, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toEqual(['2026-01-08', '2026-04-09', '2026-07-09', '2026-10-08']);
  });

  it('the last weekday of the month with BYSETPOS', () => {
    const item = { id: 'x', start: '2026-01-30T09:00', recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' } };
    expect(days(item, '2026-01-01T00:00Z', '2026-06-01T00:00Z')).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-31',
      '2026-04-30',
      '2026-05-29',
    ]);
  });

  it('skips months and years without the day instead of clamping', () => {
    const monthly31 = { id: 'x', start: '2026-01-31T09:00', recurrence: { rrule: 'FREQ=MONTHLY' } };
    expect(days(monthly31, '2026-01-01T00:00Z', '2026-06-01T00:00Z')).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    const leap = { id: 'y', allDay: true, start: '2024-02-29', recurrence: { rrule: 'FREQ=YEARLY' } };
    expect(days(leap, '2024-01-01T00:00Z', '2033-01-01T00:00Z')).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
  });

  it('honours WKST like RFC 5545 §3.8.5.3', () => {
    const at = (wkst: string) => ({
      id: 'x',
      timeZone: 'America/New_York',
      start: '1997-08-05T09:00',
      recurrence: { rrule: `FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=${wkst}` },
    });
    expect(days(at('MO'), '1997-01-01T00:00Z', '1998-01-01T00:00Z')).toEqual(['1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24']);
    expect(days(at('SU'), '1997-01-01T00:00Z', '1998-01-01T00:00Z')).toEqual(['1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31']);
  });
});

describe('COUNT, UNTIL, EXDATE, RDATE', () => {
  const weekly = (rrule: string, extra: object = {}) => ({
    id: 'w',
    start: '2026-01-05T10:00',
    end: '2026-01-05T11:00',
    recurrence: { rrule, ...extra },
  });
  const all = ['2026-01-01T00:00Z', '2027-01-01T00:00Z'] as const;

  it('COUNT counts from DTSTART, UNTIL is inclusive', () => {
    expect(days(weekly('FREQ=WEEKLY;COUNT=3'), ...all)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(days(weekly('FREQ=WEEKLY;UNTIL=20260119'), ...all)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(days(weekly('FREQ=WEEKLY;UNTIL=20260119T090000Z'), ...all)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(days(weekly('FREQ=WEEKLY;UNTIL=20260119T085959Z'), ...all)).toEqual(['2026-01-05', '2026-01-12']);
  });

  it('COUNT still counts occurrences removed by EXDATE (RFC 5545)', () => {
    expect(days(weekly('FREQ=WEEKLY;COUNT=3', { exdates: ['2026-01-12T10:00'] }), ...all)).toEqual(['2026-01-05', '2026-01-19']);
  });

  it('EXDATE as a date drops that whole day; RDATE adds one', () => {
    const item = weekly('FREQ=WEEKLY;COUNT=4', { exdates: ['2026-01-19'], rdates: ['2026-01-07T14:00', '2026-02-04'] });
    expect(starts(item, ...all)).toEqual([
      '2026-01-05T10:00:00+01:00',
      '2026-01-07T14:00:00+01:00',
      '2026-01-12T10:00:00+01:00',
      '2026-01-26T10:00:00+01:00',
      '2026-02-04T10:00:00+01:00',
    ]);
  });

  it('counts an unsynchronised DTSTART as the first occurrence', () => {
    // DTSTART is a Monday, the rule says Wednesdays.
    expect(days(weekly('FREQ=WEEKLY;BYDAY=WE;COUNT=3'), ...all)).toEqual(['2026-01-05', '2026-01-07', '2026-01-14']);
  });

  it('a single item without recurrence is one occurrence', () => {
    expect(days({ id: 's', start: '2026-05-01T20:00' }, ...all)).toEqual(['2026-05-01']);
  });
});

describe('pauses and overrides', () => {
  const huiskamer: ExpandableItem = {
    id: 'huiskamer',
    start: '2026-01-07T13:30',
    end: '2026-01-07T15:30',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', pauses: [{ from: '07-13', to: '08-23', label: 'Zomerstop' }] },
  };

  it('a yearly summer break removes the Wednesdays inside it, every year', () => {
    const summer = days(huiskamer, '2026-07-01T00:00Z', '2026-09-01T00:00Z');
    expect(summer).toEqual(['2026-07-01', '2026-07-08', '2026-08-26']);
    // 2027: Wednesdays 14 July … 18 August fall in the break, 25 August is the first one back.
    expect(days(huiskamer, '2027-07-10T00:00Z', '2027-09-01T00:00Z')).toEqual(['2027-08-25']);
  });

  it('pauses can wrap the new year or be one stretch of dates', () => {
    expect(pauseCovers({ from: '12-20', to: '01-05' }, { year: 2026, month: 1, day: 2 })).toBe(true);
    expect(pauseCovers({ from: '12-20', to: '01-05' }, { year: 2026, month: 1, day: 6 })).toBe(false);
    expect(pauseCovers({ from: '2026-05-01', to: '2026-05-03' }, { year: 2026, month: 5, day: 3 })).toBe(true);
    expect(pauseCovers({ from: '2026-05-01', to: '2026-05-03' }, { year: 2027, month: 5, day: 2 })).toBe(false);
  });

  it('an override moves one occurrence, keeping its length', () => {
    const moved = { ...huiskamer, overrides: [{ recurrenceId: '2026-02-04T13:30', start: '2026-02-05T10:00', room: 'Grote zaal' }] };
    const occ = expand(moved, ...range('2026-02-01T00:00Z', '2026-02-15T00:00Z'));
    expect(occ.map((o) => [o.recurrenceId, o.start, o.end, o.overridden, o.room])).toEqual([
      ['2026-02-04T13:30:00', '2026-02-05T10:00:00+01:00', '2026-02-05T12:00:00+01:00', true, 'Grote zaal'],
      ['2026-02-11T13:30:00', '2026-02-11T13:30:00+01:00', '2026-02-11T15:30:00+01:00', false, undefined],
    ]);
  });

  it('a moved occurrence shows up in a range only its new time touches', () => {
    const moved = { ...huiskamer, overrides: [{ recurrenceId: '2026-03-04T13:30', start: '2026-02-20T13:30', end: '2026-02-20T16:00' }] };
    expect(starts(moved, '2026-02-20T00:00Z', '2026-02-21T00:00Z')).toEqual(['2026-02-20T13:30:00+01:00']);
    expect(starts(moved, '2026-03-04T00:00Z', '2026-03-05T00:00Z')).toEqual([]);
  });

  it('a cancelled occurrence stays visible with its reason', () => {
    const cancelled = {
      ...huiskamer,
      overrides: [{ recurrenceId: '2026-02-04T13:30', status: 'gaat-niet-door' as const, statusReason: 'Begeleider ziek' }],
    };
    const [first, second] = expand(cancelled, ...range('2026-02-01T00:00Z', '2026-02-15T00:00Z'));
    expect(first).toMatchObject({ status: 'gaat-niet-door', statusReason: 'Begeleider ziek', overridden: true });
    expect(second).toMatchObject({ status: 'gaat-door', overridden: false });
    expect(second!.statusReason).toBeUndefined();
  });

  it('a whole activity that does not go ahead cancels every occurrence, unless an override says otherwise', () => {
    const off = {
      ...huiskamer,
      status: 'gaat-niet-door' as const,
      statusReason: 'Geen vrijwilligers',
      overrides: [{ recurrenceId: '2026-02-11T13:30', status: 'gaat-door' as const }],
    };
    const occ = expand(off, ...range('2026-02-01T00:00Z', '2026-02-15T00:00Z'));
    expect(occ.map((o) => [o.status, o.statusReason])).toEqual([
      ['gaat-niet-door', 'Geen vrijwilligers'],
      ['gaat-door', undefined],
    ]);
  });

  it('an override in a pause brings that one occurrence back; an EXDATE beats an override', () => {
    const special = {
      ...huiskamer,
      recurrence: { ...huiskamer.recurrence!, exdates: ['2026-07-01T13:30'] },
      overrides: [
        { recurrenceId: '2026-07-29T13:30', title: 'Zomeruitje' },
        { recurrenceId: '2026-07-01T13:30', title: 'weg' },
      ],
    };
    const occ = expand(special, ...range('2026-06-30T00:00Z', '2026-08-24T00:00Z'));
    expect(occ.map((o) => [o.recurrenceId.slice(0, 10), o.title])).toEqual([
      ['2026-07-08', undefined],
      ['2026-07-29', 'Zomeruitje'],
    ]);
  });
});

describe('other zones', () => {
  it('keeps 09:00 in New York across the US change (second Sunday of March)', () => {
    const item = {
      id: 'ny',
      timeZone: 'America/New_York',
      start: '2026-03-02T09:00',
      end: '2026-03-02T10:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' },
    };
    expect(starts(item, '2026-03-01T00:00Z', '2026-04-01T00:00Z')).toEqual([
      '2026-03-02T09:00:00-05:00',
      '2026-03-09T09:00:00-04:00',
      '2026-03-16T09:00:00-04:00',
    ]);
  });

  it('expands a UTC rule in UTC, so the local time shifts with DST (RFC 5545)', () => {
    const item = { id: 'utc', timeZone: 'UTC', start: '2026-03-23T09:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2' } };
    expect(starts(item, '2026-03-01T00:00Z', '2026-04-15T00:00Z')).toEqual(['2026-03-23T09:00:00+00:00', '2026-03-30T09:00:00+00:00']);
  });

  it('moves an occurrence in the spring-forward gap forward by an hour', () => {
    const item = { id: 'night', start: '2026-03-28T02:30', end: '2026-03-28T03:00', recurrence: { rrule: 'FREQ=DAILY;COUNT=2' } };
    expect(starts(item, '2026-03-27T00:00Z', '2026-03-31T00:00Z')).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:30:00+02:00']);
  });

  it('Sydney in the southern hemisphere, where DST ends in April', () => {
    const item = { id: 'syd', timeZone: 'Australia/Sydney', start: '2026-04-01T18:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2' } };
    expect(starts(item, '2026-03-01T00:00Z', '2026-05-01T00:00Z')).toEqual(['2026-04-01T18:00:00+11:00', '2026-04-08T18:00:00+10:00']);
  });
});

describe('bounds and bad input', () => {
  it('a rule that never matches stops quickly', () => {
    const t0 = performance.now();
    const r = expandWithInfo(
      { id: 'x', start: '2026-02-01T10:00', recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' } },
      ...range('2026-01-01T00:00Z', '9000-01-01T00:00Z'),
    );
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.occurrences.map((o) => o.recurrenceId)).toEqual(['2026-02-01T10:00:00']);
  });

  it('caps a daily rule over centuries and says so', () => {
    const r = expandWithInfo(
      { id: 'x', start: '2026-01-01T10:00', recurrence: { rrule: 'FREQ=DAILY' } },
      ...range('2026-01-01T00:00Z', '2500-01-01T00:00Z'),
      { maxOccurrences: 1000 },
    );
    expect(r.occurrences).toHaveLength(1000);
    expect(r.truncated).toBe(true);
    expect(r.occurrences.at(-1)!.recurrenceId).toBe('2028-09-26T10:00:00');
  });

  it('jumps ahead to a far range instead of walking from DTSTART', () => {
    const r = expandWithInfo(
      { id: 'x', start: '1900-01-01T10:00', recurrence: { rrule: 'FREQ=DAILY' } },
      ...range('2026-01-01T00:00Z', '2026-01-03T00:00Z'),
    );
    expect(r.truncated).toBe(false);
    expect(r.occurrences.map((o) => o.recurrenceId)).toEqual(['2026-01-01T10:00:00', '2026-01-02T10:00:00']);
  });

  it('reads bad input without throwing', () => {
    const bad = expandWithInfo(
      {
        id: 'x',
        timeZone: 'Nowhere/Land',
        start: '2026-01-01T10:00',
        end: '2026-01-01T09:00',
        recurrence: { rrule: 'FREQ=SECONDLY', exdates: ['gisteren'] },
      },
      ...range('2026-01-01T00:00Z', '2026-02-01T00:00Z'),
    );
    expect(bad.occurrences).toHaveLength(1);
    expect(bad.problems).toHaveLength(4);
    expect(expandWithInfo({ id: 'x', start: 'morgen' }, ...range('2026-01-01T00:00Z', '2026-02-01T00:00Z')).occurrences).toEqual([]);
    expect(expand(inloop, Number.NaN, Date.now())).toEqual([]);
  });
});

describe('working with parsed schema items', () => {
  it('expands what the schema outputs and merges items in start order', () => {
    const a = activitySchema.parse({
      id: 'koken',
      title: 'Samen koken',
      start: '2026-01-06T10:00',
      end: '2026-01-06T12:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    });
    const o = openingHoursSchema.parse({ ...inloop, kind: 'opening-hours', title: 'Inloop' });
    const both = expandAll([a, o], ...range('2026-01-05T00:00+01:00', '2026-01-07T00:00+01:00'));
    expect(both.map((x) => `${x.start.slice(0, 16)} ${x.activityId}`)).toEqual([
      '2026-01-05T10:00 inloop',
      '2026-01-06T10:00 inloop',
      '2026-01-06T10:00 koken',
    ]);
  });
});

describe('RRULE text', () => {
  it('round-trips through the structured form', () => {
    for (const text of [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=YEARLY;COUNT=5;BYMONTH=10;BYMONTHDAY=31',
      'FREQ=WEEKLY;UNTIL=20260728T230000Z;BYDAY=MO;WKST=SU',
    ]) {
      const parsed = parseRRule(text);
      expect(parsed.ok && formatRRule(parsed.rule)).toBe(text);
    }
  });

  it('is tolerant of case, prefix and a trailing semicolon, strict about nonsense', () => {
    expect(parseRRule('RRULE:freq=weekly;byday=mo;').ok).toBe(true);
    for (const bad of [
      '',
      'FREQ=WEEKLY;FREQ=DAILY',
      'BYDAY=MO',
      'FREQ=WEEKLY;BYDAY=0MO',
      'FREQ=MONTHLY;BYMONTHDAY=32',
      'FREQ=DAILY;BYHOUR=9',
      'FREQ=DAILY;UNTIL=2026',
      'FREQ=DAILY;BYSETPOS=1',
      'FREQ=DAILY;COUNT=-1',
      'FREQ=DAILY;' + 'X'.repeat(600),
    ]) {
      expect(parseRRule(bad).ok, bad).toBe(false);
    }
  });
});
