import { describe, expect, it } from 'vitest';
import { importIcs } from '../../src/activities/ics-import.js';
import { unfold } from '../../src/calendar/ics-lines.js';
import { parseIcs } from '../../src/calendar/ics-parse.js';
import { vtimezoneLines } from '../../src/calendar/ics-vtimezone.js';
import { googleCalendarUrl, writeIcsEvent, writeIcsFeed, writeIcsOccurrence, type WritableItem } from '../../src/activities/ics-write.js';
import { expand, expandAll } from '../../src/activities/recurrence.js';
import { activitySchema, openingHoursSchema, type ActivityInput } from '../../src/schema/activity.js';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const rangeFrom = Date.parse('2025-12-01T00:00:00Z');
const rangeTo = Date.parse('2028-01-01T00:00:00Z');

/** The De Linde rhythm (the demo centre's week), plus the awkward cases. */
const demo: ActivityInput[] = [
  {
    id: 'samen-koken',
    title: 'Samen koken',
    description: 'Koken en eten met buren.\nNeem een schort mee; kosten: €2,50.',
    start: '2026-01-06T10:00',
    end: '2026-01-06T12:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', exdates: ['2026-12-29T10:00'] },
    location: 'Buurthuis De Linde',
    category: 'eten-en-drinken',
    audience: ['iedereen', 'senioren'],
    url: 'https://delinde.example/koken',
  },
  {
    id: 'huiskamergesprek',
    title: 'Maandelijks huiskamergesprek',
    start: '2026-01-07T10:30',
    end: '2026-01-07T12:00',
    recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1WE' },
    overrides: [{ recurrenceId: '2026-04-01T10:30', start: '2026-04-08T10:30', title: 'Huiskamergesprek (een week later)' }],
  },
  {
    id: 'huiskamerproject',
    title: 'Huiskamerproject',
    start: '2026-01-07T13:30',
    end: '2026-01-07T15:30',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', pauses: [{ from: '07-13', to: '08-23', label: 'Zomerstop' }] },
    overrides: [{ recurrenceId: '2026-02-04T13:30', status: 'gaat-niet-door', statusReason: 'Begeleider ziek' }],
    audience: ['mensen-met-een-beperking'],
  },
  { id: 'halloween', title: 'Halloweenfeest 🎃', allDay: true, start: '2026-10-31', recurrence: { rrule: 'FREQ=YEARLY' } },
  { id: 'zomerkamp', title: 'Zomerkamp', allDay: true, start: '2026-07-20', end: '2026-07-24' },
  {
    id: 'filmavond',
    title: 'Filmavond',
    start: '2026-02-13T19:30',
    end: '2026-02-13T22:00',
    status: 'gaat-niet-door',
    statusReason: 'De beamer is kapot',
  },
  {
    id: 'naasten',
    title: 'Bijeenkomst voor naasten',
    start: '2026-01-08T19:30',
    end: '2026-01-08T21:00',
    recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH;COUNT=6', rdates: ['2026-06-25T19:30'], exdates: ['2026-07-09'] },
  },
  {
    id: 'call',
    title: 'Overleg met partners',
    timeZone: 'America/New_York',
    start: '2026-03-02T09:00',
    end: '2026-03-02T10:00',
    recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' },
  },
  { id: 'nacht', title: 'Nachtwandeling', start: '2026-03-28T23:00', end: '2026-03-29T04:00' },
];
const parsedDemo = demo.map((a) => activitySchema.parse(a));

const occurrenceKey = (o: ReturnType<typeof expand>[number]) =>
  [o.activityId, o.start, o.end, o.status, o.statusReason ?? null, o.title ?? null].join(' | ');

describe('writing ICS', () => {
  const feed = writeIcsFeed(parsedDemo, { now: NOW, calendarName: 'De Linde, activiteiten', timeZone: 'Europe/Amsterdam' });

  it('uses CRLF and folds every line to 75 octets', () => {
    expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of feed.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('writes a header, one VTIMEZONE per zone, DTSTAMP and UID on every event', () => {
    const lines = unfold(feed).map((l) => l.text);
    expect(lines.slice(0, 9)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//buurtkit//activity-calendar//NL',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:De Linde\\, activiteiten',
      'X-WR-TIMEZONE:Europe/Amsterdam',
      'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
      'X-PUBLISHED-TTL:PT1H',
    ]);
    expect(lines.filter((l) => l.startsWith('TZID:'))).toEqual(['TZID:America/New_York', 'TZID:Europe/Amsterdam']);
    const events = feed.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(demo.length + 2); // two overrides
    for (const e of events) {
      expect(e).toMatch(/\r\nUID:[^\r\n]+\r\n/);
      expect(e).toContain('\r\nDTSTAMP:20260115T120000Z\r\n');
    }
  });

  it('escapes text and writes the summer break as EXDATEs', () => {
    const lines = unfold(feed).map((l) => l.text);
    expect(lines).toContain('DESCRIPTION:Koken en eten met buren.\\nNeem een schort mee\\; kosten: €2\\,50.');
    expect(lines).toContain('CATEGORIES:eten-en-drinken,iedereen,senioren');
    const exdate = lines.find((l) => l.startsWith('EXDATE;TZID=Europe/Amsterdam:20260715'))!;
    // Summer 2025 (a year back), 2026, 2027 and 2028 (three years ahead of "now").
    expect(exdate.split(',').filter((d) => d.includes('2026'))).toHaveLength(6);
    expect(exdate).toContain('20270714T133000');
  });

  it('describes Europe/Amsterdam the way other calendars do', () => {
    expect(vtimezoneLines('Europe/Amsterdam', 2026)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Amsterdam',
      'BEGIN:DAYLIGHT',
      'DTSTART:19700329T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:19701025T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
    expect(vtimezoneLines('America/New_York', 2026).filter((l) => l.startsWith('RRULE'))).toEqual([
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    ]);
    expect(vtimezoneLines('Asia/Tokyo', 2026)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Tokyo',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0900',
      'TZOFFSETTO:+0900',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('lists real changes for a zone without a yearly weekday rule', () => {
    // Morocco suspends its +01:00 during Ramadan, on dates no RRULE can express.
    const lines = vtimezoneLines('Africa/Casablanca', 2026);
    expect(lines.some((l) => l.startsWith('RRULE'))).toBe(false);
    const text = [
      'BEGIN:VCALENDAR',
      ...lines.map((l) => l.replace('TZID:Africa/Casablanca', 'TZID:Marokko')),
      'BEGIN:VEVENT',
      'UID:m',
      'DTSTART;TZID=Marokko:20270301T120000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const event = parseIcs(text, { defaultTimeZone: 'Africa/Casablanca' }).events[0]!;
    expect(event).toMatchObject({ timeZone: 'Africa/Casablanca', start: '2027-03-01T12:00:00' });
  });
});

describe('round trip: write → parse → the same events', () => {
  const feed = writeIcsFeed(parsedDemo, { now: NOW });
  const back = importIcs(feed);

  it('reads back without warnings, as schema-valid activities', () => {
    expect(back.warnings).toEqual([]);
    expect(back.activities.map((a) => a.id)).toEqual(demo.map((a) => a.id));
    for (const a of back.activities) activitySchema.parse(a);
  });

  it('keeps the fields ICS can carry', () => {
    const pick = (a: ActivityInput) => ({
      id: a.id,
      title: a.title,
      description: a.description,
      timeZone: a.timeZone ?? 'Europe/Amsterdam',
      allDay: a.allDay ?? false,
      start: a.start.length === 16 ? `${a.start}:00` : a.start,
      end: a.end && a.end.length === 16 ? `${a.end}:00` : a.end,
      status: a.status ?? 'gaat-door',
      statusReason: a.statusReason,
      url: a.url,
      category: a.category,
      audience: a.audience ?? [],
      location: a.location,
    });
    expect(back.activities.map((a) => pick(activitySchema.parse(a)))).toEqual(parsedDemo.map((a) => pick(a)));
  });

  it('expands to exactly the same occurrences for two years, DST weeks and summer break included', () => {
    const original = expandAll(parsedDemo, rangeFrom, rangeTo).map(occurrenceKey);
    const reread = expandAll(
      back.activities.map((a) => activitySchema.parse(a)),
      rangeFrom,
      rangeTo,
    ).map(occurrenceKey);
    expect(original.length).toBeGreaterThan(200);
    expect(reread).toEqual(original);
    expect(original).toContain(
      'huiskamerproject | 2026-02-04T13:30:00+01:00 | 2026-02-04T15:30:00+01:00 | gaat-niet-door | Begeleider ziek | ',
    );
    expect(original).toContain('nacht | 2026-03-28T23:00:00+01:00 | 2026-03-29T04:00:00+02:00 | gaat-door |  | ');
  });

  it('still gets the same instants when the reader must use the written VTIMEZONE', () => {
    const custom = feed.replaceAll('Europe/Amsterdam', 'De Linde tijd');
    const { activities, warnings } = importIcs(custom);
    expect(warnings.map((w) => w.code)).toEqual(['tzid-vtimezone']);
    const instants = (items: ActivityInput[]) =>
      expandAll(
        items.map((a) => activitySchema.parse(a)),
        rangeFrom,
        rangeTo,
      ).map((o) => `${o.activityId} ${Date.parse(o.start)}`);
    expect(instants(activities)).toEqual(instants(parsedDemo));
  });

  it('writes opening hours too', () => {
    const inloop = openingHoursSchema.parse({
      kind: 'opening-hours',
      id: 'inloop',
      title: 'Inloop',
      start: '2026-01-05T10:00',
      end: '2026-01-05T12:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    });
    const [a] = importIcs(writeIcsEvent(inloop, { now: NOW })).activities;
    expect(a).toMatchObject({ id: 'inloop', title: 'Inloop', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' } });
  });
});

describe('hostile values', () => {
  it('cannot break out of a line through ids, links or text', () => {
    const evil: WritableItem = {
      id: 'x\r\nBEGIN:VEVENT',
      title: 'Feest\r\nATTACH:http://evil.example',
      description: 'a\u0000b\u0007c',
      url: 'https://ok.example/\r\nX-EVIL:1',
      start: '2026-05-01T20:00',
    };
    const ics = writeIcsEvent(evil, { now: NOW, prodId: 'x\nEND:VCALENDAR' });
    const lines = unfold(ics).map((l) => l.text);
    const names = lines.map((l) => l.split(/[;:]/)[0]);
    expect(lines.filter((l) => l.startsWith('BEGIN:'))).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VTIMEZONE',
      'BEGIN:DAYLIGHT',
      'BEGIN:STANDARD',
      'BEGIN:VEVENT',
    ]);
    expect(lines.filter((l) => l.startsWith('END:VCALENDAR'))).toHaveLength(1);
    expect(names).not.toContain('ATTACH');
    expect(names).not.toContain('X-EVIL');
    const [e] = parseIcs(ics).events;
    expect(e).toMatchObject({ uid: 'xBEGIN:VEVENT', summary: 'Feest\nATTACH:http://evil.example', description: 'abc' });
  });

  it('keeps two feeds apart with an id prefix', () => {
    const [a] = importIcs(writeIcsEvent(parsedDemo[0]!, { now: NOW }), { idPrefix: 'feed-1:' }).activities;
    expect(a!.id).toBe('feed-1:samen-koken');
  });
});

describe('single downloads and links', () => {
  const huiskamer = parsedDemo[2]!;
  const halloween = parsedDemo[3]!;

  it('a one-event calendar keeps the series and its changed occurrences', () => {
    const ics = writeIcsEvent(huiskamer, { now: NOW, uidDomain: 'delinde.example' });
    expect(ics).toContain('UID:huiskamerproject@delinde.example');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('RECURRENCE-ID;TZID=Europe/Amsterdam:20260204T133000');
    expect(ics).toContain('STATUS:CANCELLED\r\nCOMMENT:Begeleider ziek');
  });

  it('one occurrence on its own gets its own UID and times', () => {
    const [occ] = expand(halloween, Date.parse('2027-01-01T00:00Z'), Date.parse('2028-01-01T00:00Z'));
    const ics = writeIcsOccurrence(halloween, occ!, { now: NOW });
    const [e] = parseIcs(ics).events;
    expect(e).toMatchObject({ uid: 'halloween-20271031', allDay: true, start: '2027-10-31', summary: 'Halloweenfeest 🎃' });
    expect(e!.rrule).toBeUndefined();
    const [cancelled] = expand(huiskamer, Date.parse('2026-02-04T00:00Z'), Date.parse('2026-02-05T00:00Z'));
    const [c] = importIcs(writeIcsOccurrence(huiskamer, cancelled!, { now: NOW })).activities;
    expect(c).toMatchObject({
      id: 'huiskamerproject-20260204T133000',
      start: '2026-02-04T13:30:00',
      end: '2026-02-04T15:30:00',
      status: 'gaat-niet-door',
      statusReason: 'Begeleider ziek',
    });
  });

  it('builds a Google Calendar link for a series and for one occurrence', () => {
    const series = new URL(googleCalendarUrl(parsedDemo[0]! as WritableItem));
    expect(series.origin + series.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(series.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'Samen koken',
      dates: '20260106T100000/20260106T120000',
      ctz: 'Europe/Amsterdam',
      details: 'Koken en eten met buren.\nNeem een schort mee; kosten: €2,50.',
      location: 'Buurthuis De Linde',
      recur: 'RRULE:FREQ=WEEKLY;BYDAY=TU',
    });
    const [occ] = expand(halloween, Date.parse('2027-01-01T00:00Z'), Date.parse('2028-01-01T00:00Z'));
    const one = new URL(googleCalendarUrl(halloween, occ));
    expect(one.searchParams.get('dates')).toBe('20271031/20271101');
    expect(one.searchParams.has('ctz')).toBe(false);
    expect(one.searchParams.has('recur')).toBe(false);
  });
});
