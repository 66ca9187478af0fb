/**
 * Real ICS files written by other calendar software (see test/fixtures/ics/README.md for where
 * each came from). Each must parse without warnings that matter, give the expected events, and
 * expand to the occurrences the software that wrote it would show.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importIcs } from '../../src/activities/ics-import.js';
import { parseIcs } from '../../src/calendar/ics-parse.js';
import { readVTimezone, vtimezoneOffsets } from '../../src/calendar/ics-timezone.js';
import { buildTree, collect } from '../../src/calendar/ics-tree.js';
import { expand } from '../../src/activities/recurrence.js';
import { offsetAt } from '../../src/calendar/time-zone.js';
import { activitySchema, type Activity } from '../../src/schema/activity.js';

const load = (name: string) => readFileSync(new URL(`../fixtures/ics/${name}`, import.meta.url), 'utf8');

function read(name: string) {
  const result = importIcs(load(name));
  const activities = result.activities.map((a) => activitySchema.parse(a));
  return { ...result, activities, serious: result.warnings.filter((w) => w.severity === 'warning') };
}

const between = (a: Activity, from: string, to: string) => expand(a, Date.parse(from), Date.parse(to));

describe('Google Calendar', () => {
  it('google-alarms-utc.ics: a UTC event shown in the calendar’s X-WR-TIMEZONE, alarms ignored', () => {
    const { activities, serious, calendar } = read('google-alarms-utc.ics');
    expect(serious).toEqual([]);
    expect(calendar).toMatchObject({
      name: 'Nicco Kunzmann',
      prodId: '-//Google Inc//Google Calendar 70.9054//EN',
      timeZone: 'Europe/London',
    });
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      id: '79fs7pkqvht9m5igs0vjv1sfra@google.com',
      title: 'event with alarms',
      timeZone: 'Europe/London',
      start: '2024-10-04T19:15:00',
      end: '2024-10-04T20:00:00',
    });
    expect(between(activities[0]!, '2024-10-04T00:00Z', '2024-10-05T00:00Z').map((o) => o.start)).toEqual(['2024-10-04T19:15:00+01:00']);
  });

  it('google-override-before-master.ics: an instance listed before its series still attaches to it', () => {
    const { activities, serious } = read('google-override-before-master.ics');
    expect(serious).toEqual([]);
    expect(activities).toHaveLength(1);
    const occ = between(activities[0]!, '2026-02-01T00:00Z', '2026-03-01T00:00Z');
    expect(occ.map((o) => [o.start, o.end, o.title ?? activities[0]!.title])).toEqual([
      ['2026-02-10T10:00:00-07:00', '2026-02-10T10:30:00-07:00', 'TEST RECURR 3'],
      ['2026-02-11T10:30:00-07:00', '2026-02-11T11:00:00-07:00', 'TEST RECURR 3 - MODIFIED'],
      ['2026-02-12T10:00:00-07:00', '2026-02-12T10:30:00-07:00', 'TEST RECURR 3'],
    ]);
  });

  it('google-last-friday-moved.ics: "last Friday" with the December one moved a fortnight earlier', () => {
    const { activities, serious, calendar } = read('google-last-friday-moved.ics');
    expect(serious).toEqual([]);
    expect(calendar.description).toBe('Alle Events des Zeitgeist Paderborn für den Partyborn Partyalarm\nhttps://partyborn.de/partyalarm');
    const karaoke = activities[0]!;
    expect(karaoke).toMatchObject({
      title: 'Karaoke',
      timeZone: 'Europe/Berlin',
      description: 'Jeden letzten Freitag im Monat https://www.instagram.com/p/CWwxmqbKXsC/',
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=-1FR' },
    });
    expect(karaoke.end).toBeUndefined(); // DTEND equal to DTSTART
    expect(between(karaoke, '2021-11-01T00:00Z', '2022-03-01T00:00Z').map((o) => o.start)).toEqual([
      '2021-11-26T21:30:00+01:00',
      '2021-12-17T21:30:00+01:00',
      '2022-01-28T21:30:00+01:00',
      '2022-02-25T21:30:00+01:00',
    ]);
  });
});

describe('Microsoft Exchange / Outlook', () => {
  it('exchange-2010-allday-biweekly.ics: all-day every other Monday, a date-time EXDATE and a UTC UNTIL', () => {
    const { activities, serious } = read('exchange-2010-allday-biweekly.ics');
    expect(serious).toEqual([]);
    expect(activities.map((a) => a.title)).toEqual(['test123', 'test123 - edited event!!!!', 'outlook event with alarm']);
    const [series] = activities;
    expect(series).toMatchObject({ allDay: true, start: '2024-07-01', end: '2024-07-07', recurrence: { exdates: ['2024-07-15'] } });
    // UNTIL=20240728T230000Z is midnight 29 July in London: Outlook's way of saying "up to and including the 29th".
    expect(between(series!, '2024-06-01T00:00Z', '2024-10-01T00:00Z').map((o) => [o.recurrenceId, o.end])).toEqual([
      ['2024-07-01', '2024-07-08T00:00:00+02:00'],
      ['2024-07-29', '2024-08-05T00:00:00+02:00'],
    ]);
    // The folded Exchange UID is unfolded, and the empty DESCRIPTION "\n" and LOCATION are dropped.
    expect(activities[2]).toMatchObject({
      id: '040000008200E00074C5B7101A82E00800000000EF8046288216DB010000000000000000100000000D748168D60A25439FA3E76297E80CB0',
      timeZone: 'Europe/London',
      start: '2024-10-04T18:30:00',
    });
    expect(activities[2]!.description).toBeUndefined();
    expect(activities[2]!.location).toBeUndefined();
  });

  it('exchange-2010-windows-zones.ics: Windows zone names, a broken quoted TZID, folded EXDATE lists', () => {
    const { activities, serious, warnings } = read('exchange-2010-windows-zones.ics');
    expect(serious).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['repaired-line', 'tzid-mapped', 'tzid-mapped']);
    expect(activities.map((a) => [a.title, a.timeZone, a.start])).toEqual([
      ['test', 'Europe/Amsterdam', '2020-09-10T09:00:00'],
      ["Log Yesterday's Jira time", 'Europe/Amsterdam', '2020-06-09T09:00:00'],
      ['Not the actual summary 1', 'America/Los_Angeles', '2020-09-15T08:30:00'],
      ['Not the actual summary either', 'America/Los_Angeles', '2020-07-07T12:00:00'],
    ]);
    const jira = activities[1]!;
    expect(between(jira, '2020-06-08T00:00Z', '2020-06-15T00:00Z').map((o) => o.start.slice(0, 10))).toEqual([
      '2020-06-09',
      '2020-06-10',
      '2020-06-11',
      '2020-06-12',
      '2020-06-13',
    ]);
    const weekly = activities[3]!;
    expect(weekly.recurrence!.exdates).toHaveLength(6);
    expect(weekly.location).toBe('https://bluejeans.com/7999979999');
    expect(between(weekly, '2020-07-19T00:00-07:00', '2020-07-26T00:00-07:00').map((o) => o.start)).toEqual([
      '2020-07-19T12:00:00-07:00', // Sunday; Tuesday 21 and Thursday 23 are excluded
      '2020-07-24T12:00:00-07:00',
    ]);
  });

  it('exchange-owa-label-tzids.ics: Outlook display names as TZID, no UIDs, no VTIMEZONE', () => {
    const { activities, serious } = read('exchange-owa-label-tzids.ics');
    expect(serious).toEqual([]);
    expect(activities.map((a) => [a.title, a.timeZone])).toEqual([
      ['TEST Syd', 'Australia/Sydney'],
      ['TEST', 'America/New_York'],
      ['TEST 3', 'America/New_York'],
      ['TEST2', 'America/New_York'],
    ]);
    expect(new Set(activities.map((a) => a.id)).size).toBe(4);
    expect(between(activities[0]!, '2020-10-28T00:00Z', '2020-10-29T00:00Z')[0]!.start).toBe('2020-10-28T13:30:00+11:00');
    // 2 November 2020 is after the US change: EST, -05:00.
    expect(between(activities[3]!, '2020-11-01T00:00Z', '2020-11-08T00:00Z').map((o) => o.start)).toEqual([
      '2020-11-02T13:30:00-05:00',
      '2020-11-05T13:30:00-05:00',
      '2020-11-06T13:30:00-05:00',
    ]);
  });
});

describe('Mozilla Thunderbird', () => {
  it('thunderbird-cancelled-occurrence.ics: one occurrence of three is cancelled', () => {
    const { activities, serious } = read('thunderbird-cancelled-occurrence.ics');
    expect(serious).toEqual([]);
    const occ = between(activities[0]!, '2020-01-01T00:00Z', '2020-02-01T00:00Z');
    expect(occ.map((o) => [o.start, o.status])).toEqual([
      ['2020-01-28T22:00:00+01:00', 'gaat-door'],
      ['2020-01-29T22:00:00+01:00', 'gaat-niet-door'],
      ['2020-01-30T22:00:00+01:00', 'gaat-door'],
    ]);
  });

  it('thunderbird-london-full-vtimezone.ics: a VTIMEZONE with 100 observances and 6-digit offsets', () => {
    const { activities, serious } = read('thunderbird-london-full-vtimezone.ics');
    expect(serious).toEqual([]);
    expect(activities).toHaveLength(1);
    expect(between(activities[0]!, '2024-10-23T00:00Z', '2024-10-24T00:00Z')[0]).toMatchObject({
      start: '2024-10-23T15:00:00+01:00',
      end: '2024-10-23T16:00:00+01:00',
    });
  });

  it('its VTIMEZONE, read on its own, gives the same offsets as the runtime’s zone data', () => {
    // Rename the zone so the reader cannot use Europe/London and must evaluate the VTIMEZONE.
    const renamed = load('thunderbird-london-full-vtimezone.ics').replaceAll('Europe/London', 'Londen (eigen)');
    const { events, warnings } = parseIcs(renamed, { defaultTimeZone: 'Europe/London' });
    expect(warnings.map((w) => w.code)).toEqual(['tzid-vtimezone']);
    expect(events[0]).toMatchObject({ timeZone: 'Europe/London', start: '2024-10-23T15:00:00' });

    const [component] = collect(
      buildTree(renamed, () => {}),
      'VTIMEZONE',
    );
    const offsets = vtimezoneOffsets(readVTimezone(component!.props, component!.children)!);
    for (let t = Date.UTC(1972, 0, 1); t < Date.UTC(2030, 0, 1); t += 9.7 * 86_400_000) {
      expect(offsets(t), new Date(t).toISOString()).toBe(offsetAt(t, 'Europe/London'));
    }
  });
});
