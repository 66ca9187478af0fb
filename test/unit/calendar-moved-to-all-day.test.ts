/**
 * A timed weekly occurrence moved to a whole day (RECURRENCE-ID with a time, DTSTART;VALUE=DATE):
 * the occurrence is all-day from import through storage, expansion and ICS out, and ical.js, an
 * independent RFC 5545 implementation, reads the same starts.
 */
import { describe, expect, it } from 'vitest';
import { importIcs } from '../../src/activities/ics-import.js';
import { writeIcsFeed } from '../../src/activities/ics-write.js';
import { expand } from '../../src/activities/recurrence.js';
import { activitySchema } from '../../src/schema/activity.js';
import { ours, rowKey, theirs } from './calendar-oracle.js';

// Hand-written: a Tuesday coffee morning 10:00–12:00 Amsterdam; on 17 March it becomes an open day
// (all day), on 24 March a two-day event (end date exclusive per RFC 5545 §3.6.1).
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//buurtkit test//hand-made//NL',
  'BEGIN:VEVENT',
  'UID:koffie-1@example.org',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Amsterdam:20260303T100000',
  'DTEND;TZID=Europe/Amsterdam:20260303T120000',
  'RRULE:FREQ=WEEKLY;COUNT=6',
  'SUMMARY:Koffieochtend',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:koffie-1@example.org',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Amsterdam:20260317T100000',
  'DTSTART;VALUE=DATE:20260317',
  'DTEND;VALUE=DATE:20260318',
  'SUMMARY:Open dag',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:koffie-1@example.org',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Amsterdam:20260324T100000',
  'DTSTART;VALUE=DATE:20260325',
  'DTEND;VALUE=DATE:20260327',
  'SUMMARY:Buurtfeest',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const FROM = Date.UTC(2026, 2, 1);
const TO = Date.UTC(2026, 4, 1);
const ZONE = { floatingTimeZone: 'Europe/Amsterdam' };

describe('a timed occurrence moved to a whole day', () => {
  const { activities } = importIcs(ICS);
  const activity = activitySchema.parse(activities[0]);

  it('is stored as dates on the timed series', () => {
    expect(activity.allDay).toBe(false);
    expect(activity.overrides).toEqual([
      expect.objectContaining({ recurrenceId: '2026-03-17T10:00:00', start: '2026-03-17', title: 'Open dag' }),
      expect.objectContaining({ recurrenceId: '2026-03-24T10:00:00', start: '2026-03-25', end: '2026-03-26', title: 'Buurtfeest' }),
    ]);
  });

  it('expands to all-day occurrences without the old time, the others unchanged', () => {
    const occ = expand(activity, FROM, TO, ZONE);
    const moved = occ.filter((o) => o.allDay);
    expect(moved.map((o) => [o.recurrenceId, o.start, o.end, o.title])).toEqual([
      ['2026-03-17T10:00:00', '2026-03-17T00:00:00+01:00', '2026-03-18T00:00:00+01:00', 'Open dag'],
      ['2026-03-24T10:00:00', '2026-03-25T00:00:00+01:00', '2026-03-27T00:00:00+01:00', 'Buurtfeest'],
    ]);
    expect(occ.filter((o) => !o.allDay).map((o) => o.start)).toEqual([
      '2026-03-03T10:00:00+01:00',
      '2026-03-10T10:00:00+01:00',
      '2026-03-31T10:00:00+02:00',
      '2026-04-07T10:00:00+02:00',
    ]);
  });

  it('reads the same starts as ical.js', () => {
    // Without a VTIMEZONE ical.js gives the timed rows as wall clock; ours are compared the same way.
    const { rows, wallRows } = theirs(ICS, FROM, TO);
    const theirRows = rows.map(rowKey).sort();
    const ourRows = ours(ICS, FROM, TO, (r) => wallRows.has(rowKey(r)))
      .map(rowKey)
      .sort();
    expect(ourRows).toEqual(theirRows);
    expect(ourRows).toContain('2026-03-17|Open dag|');
    expect(ourRows).toContain('2026-03-25|Buurtfeest|');
  });

  it('is written back as DATE values and read back the same', () => {
    const out = writeIcsFeed([activity], { now: Date.UTC(2026, 0, 1) });
    expect(out).toContain('DTSTART;VALUE=DATE:20260317');
    expect(out).toContain('DTSTART;VALUE=DATE:20260325');
    expect(out).toContain('DTEND;VALUE=DATE:20260327');
    const again = activitySchema.parse(importIcs(out).activities[0]);
    expect(expand(again, FROM, TO, ZONE).map((o) => [o.start, o.allDay])).toEqual(
      expand(activity, FROM, TO, ZONE).map((o) => [o.start, o.allDay]),
    );
  });

  it('still refuses a timed end on a date start', () => {
    const bad = activitySchema.safeParse({
      ...activities[0],
      overrides: [{ recurrenceId: '2026-03-17T10:00', start: '2026-03-17', end: '2026-03-17T12:00' }],
    });
    expect(bad.success).toBe(false);
  });
});
