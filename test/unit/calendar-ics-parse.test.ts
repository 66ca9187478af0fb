import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText, importIcs } from '../../src/activities/ics-import.js';
import { foldLine, parseContentLine, splitUnescaped, unescapeText, unfold } from '../../src/calendar/ics-lines.js';
import { parseIcs, type IcsEvent } from '../../src/calendar/ics-parse.js';
import { parseIcsDate, parseIcsDuration, parseUtcOffset } from '../../src/calendar/ics-values.js';
import { writeIcsFeed } from '../../src/activities/ics-write.js';
import { expand } from '../../src/activities/recurrence.js';
import { parseRRule } from '../../src/calendar/rrule.js';
import { activitySchema } from '../../src/schema/activity.js';

const cal = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
const only = (text: string, options = {}): IcsEvent => {
  const { events } = parseIcs(text, options);
  expect(events).toHaveLength(1);
  return events[0]!;
};
const serious = (text: string, options = {}) => parseIcs(text, options).warnings.filter((w) => w.severity === 'warning');

describe('content lines', () => {
  it('unfolds CRLF, LF and CR with space or tab, drops a BOM and blank lines', () => {
    const text = '\uFEFFSUMMARY:Samen\r\n  koken\nDESCRIPTION:a\n\tb\r\rLOCATION:De Linde\n\n \n';
    expect(unfold(text).map((l) => l.text)).toEqual(['SUMMARY:Samen koken', 'DESCRIPTION:ab', 'LOCATION:De Linde']);
    expect(unfold(text).map((l) => l.line)).toEqual([1, 3, 6]);
  });

  it('parses parameters, quoted values and RFC 6868 escapes', () => {
    const cl = parseContentLine(
      'ATTENDEE;CN="Jansen; Piet";ROLE=REQ-PARTICIPANT;X-A=a,"b:c",d;X-NOTE=^\'hoi^\'^n:mailto:piet@example.org',
      7,
    )!;
    expect(cl.name).toBe('ATTENDEE');
    expect(cl.params).toEqual({ CN: ['Jansen; Piet'], ROLE: ['REQ-PARTICIPANT'], 'X-A': ['a', 'b:c', 'd'], 'X-NOTE': ['"hoi"\n'] });
    expect(cl.value).toBe('mailto:piet@example.org');
    expect(parseContentLine('summary:klein', 1)!.name).toBe('SUMMARY');
    expect(parseContentLine('this is not a line', 1)).toBeUndefined();
    expect(parseContentLine('NO COLON', 1)).toBeUndefined();
  });

  it('repairs Outlook’s value-inside-the-quotes TZID', () => {
    const cl = parseContentLine('DTSTART;TZID="W. Europe Standard Time:20200609T090000"', 1)!;
    expect(cl).toMatchObject({ params: { TZID: ['W. Europe Standard Time'] }, value: '20200609T090000', repaired: true });
  });

  it('unescapes TEXT and splits lists only on unescaped commas', () => {
    expect(unescapeText('Koffie\\, thee\\; koek\\nEn meer\\\\ \\N\\:')).toBe('Koffie, thee; koek\nEn meer\\ \n:');
    expect(unescapeText('C:\\Users')).toBe('C:\\Users');
    expect(splitUnescaped('senioren,Eten\\, drinken,naasten')).toEqual(['senioren', 'Eten\\, drinken', 'naasten']);
  });

  it('reads date, date-time, duration and offset values', () => {
    expect(parseIcsDate('20261031')).toEqual({ kind: 'date', date: { year: 2026, month: 10, day: 31 } });
    expect(parseIcsDate('20260330T100000Z')).toMatchObject({ kind: 'date-time', utc: true, dateTime: { hour: 10 } });
    expect(parseIcsDate('2026-03-30T10:00:00')).toMatchObject({ kind: 'date-time', utc: false });
    expect(parseIcsDate('20260330T1000')).toMatchObject({ kind: 'date-time', dateTime: { hour: 10, minute: 0, second: 0 } });
    expect(parseIcsDate('20260330T100000', 'DATE')).toMatchObject({ kind: 'date' });
    expect(parseIcsDate('20260230')).toBeUndefined();
    expect(parseIcsDuration('PT1H30M')).toEqual({ negative: false, days: 0, ms: 5_400_000 });
    expect(parseIcsDuration('P1W2D')).toEqual({ negative: false, days: 9, ms: 0 });
    expect(parseIcsDuration('-P0DT0H15M0S')).toEqual({ negative: true, days: 0, ms: 900_000 });
    expect(parseIcsDuration('P')).toBeUndefined();
    expect(parseIcsDuration('PT')).toBeUndefined();
    expect(parseUtcOffset('+0200')).toBe(7_200_000);
    expect(parseUtcOffset('-000115')).toBe(-75_000);
    expect(parseUtcOffset('+2')).toBeUndefined();
  });

  it('folds at 75 octets without splitting UTF-8 characters or emoji', () => {
    const line = `SUMMARY:${'Koffie ☕ en 👩🏽‍🍳 koken in de buurtkeuken, ééé '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)[0]!.text).toBe(line);
    expect(folded).not.toMatch(/\uFFFD/);
  });
});

describe('events', () => {
  it('reads a timed event with TZID, text fields and categories', () => {
    const e = only(
      cal(
        ...vevent(
          'UID:koken-1@delinde',
          'DTSTART;TZID=Europe/Amsterdam:20260106T100000',
          'DTEND;TZID=Europe/Amsterdam:20260106T120000',
          'SUMMARY:Samen koken\\, eten',
          'DESCRIPTION:Neem een schort mee.\\nKosten: €2\\,50',
          'LOCATION:Buurthuis De Linde\\; keuken',
          'URL:https://delinde.example/koken',
          'CATEGORIES:eten-en-drinken,Senioren',
          'CATEGORIES:mensen met een beperking',
          'ORGANIZER;CN=Fatima:mailto:fatima@example.org',
          'X-UNKNOWN;FOO=bar:whatever',
        ),
      ),
    );
    expect(e).toMatchObject({
      uid: 'koken-1@delinde',
      timeZone: 'Europe/Amsterdam',
      allDay: false,
      start: '2026-01-06T10:00:00',
      end: '2026-01-06T12:00:00',
      summary: 'Samen koken, eten',
      description: 'Neem een schort mee.\nKosten: €2,50',
      location: 'Buurthuis De Linde; keuken',
      url: 'https://delinde.example/koken',
      categories: ['eten-en-drinken', 'Senioren', 'mensen met een beperking'],
      organizer: 'Fatima',
    });
    const a = activitySchema.parse(
      importIcs(cal(...vevent('UID:x', 'DTSTART:20260106T100000', 'CATEGORIES:eten-en-drinken,Senioren,mensen met een beperking')))
        .activities[0],
    );
    expect(a).toMatchObject({ category: 'eten-en-drinken', audience: ['senioren', 'mensen-met-een-beperking'] });
  });

  it('reads UTC times into the calendar’s zone when they do not recur', () => {
    const e = only(cal(...vevent('UID:u', 'DTSTART:20260706T080000Z', 'DTEND:20260706T100000Z')));
    expect(e).toMatchObject({ timeZone: 'Europe/Amsterdam', start: '2026-07-06T10:00:00', end: '2026-07-06T12:00:00' });
    const recurring = only(cal(...vevent('UID:r', 'DTSTART:20260706T080000Z', 'RRULE:FREQ=WEEKLY')));
    expect(recurring).toMatchObject({ timeZone: 'UTC', start: '2026-07-06T08:00:00' });
  });

  it('reads floating times in X-WR-TIMEZONE, else in the site zone', () => {
    const floating = vevent('UID:f', 'DTSTART:20260706T100000');
    expect(only(cal('X-WR-TIMEZONE:Europe/London', ...floating)).timeZone).toBe('Europe/London');
    expect(only(cal(...floating)).timeZone).toBe('Europe/Amsterdam');
    expect(only(cal(...floating), { defaultTimeZone: 'Europe/Brussels' }).timeZone).toBe('Europe/Brussels');
  });

  it('turns an exclusive all-day DTEND into an inclusive last day', () => {
    expect(only(cal(...vevent('UID:a', 'DTSTART;VALUE=DATE:20261031', 'DTEND;VALUE=DATE:20261101')))).toMatchObject({
      allDay: true,
      start: '2026-10-31',
    });
    expect(only(cal(...vevent('UID:a', 'DTSTART;VALUE=DATE:20261031', 'DTEND;VALUE=DATE:20261101'))).end).toBeUndefined();
    expect(only(cal(...vevent('UID:b', 'DTSTART;VALUE=DATE:20260720', 'DTEND;VALUE=DATE:20260725'))).end).toBe('2026-07-24');
    expect(only(cal(...vevent('UID:c', 'DTSTART;VALUE=DATE:20260720', 'DURATION:P3D'))).end).toBe('2026-07-22');
  });

  it('keeps all-day dates floating: the reader’s zone, never X-WR-TIMEZONE', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'X-WR-TIMEZONE:Etc/GMT',
      ...vevent('UID:ny', 'DTSTART;VALUE=DATE:20270101', 'RRULE:FREQ=YEARLY', 'SUMMARY:Nieuwjaarsdag'),
      'END:VCALENDAR',
    ].join('\r\n');
    const event = only(text, { defaultTimeZone: 'Europe/Amsterdam' });
    expect(event).toMatchObject({ allDay: true, start: '2027-01-01', timeZone: 'Europe/Amsterdam' });
    const [activity] = importIcs(text, { defaultTimeZone: 'Europe/Amsterdam' }).activities;
    // Read in Amsterdam: 1 January only, from its midnight to the next.
    const occ = expand(activitySchema.parse(activity), Date.parse('2026-12-30T00:00Z'), Date.parse('2027-01-05T00:00Z'));
    expect(occ.map((o) => [o.start, o.end])).toEqual([['2027-01-01T00:00:00+01:00', '2027-01-02T00:00:00+01:00']]);
    // A reader elsewhere gets the same date, on its own midnights.
    const la = expand(activitySchema.parse(activity), Date.parse('2026-12-30T00:00Z'), Date.parse('2027-01-05T00:00Z'), {
      floatingTimeZone: 'America/Los_Angeles',
    });
    expect(la.map((o) => o.start)).toEqual(['2027-01-01T00:00:00-08:00']);
  });

  it('applies RANGE=THISANDFUTURE to every later occurrence, and writes it back', () => {
    const text = cal(
      ...vevent(
        'UID:r',
        'DTSTART;TZID=Europe/Amsterdam:20260302T100000',
        'DTEND;TZID=Europe/Amsterdam:20260302T110000',
        'RRULE:FREQ=WEEKLY;COUNT=5',
        'SUMMARY:Koffie',
      ),
      ...vevent(
        'UID:r',
        'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Amsterdam:20260316T100000',
        'DTSTART;TZID=Europe/Amsterdam:20260316T140000',
        'DTEND;TZID=Europe/Amsterdam:20260316T160000',
        'SUMMARY:Koffie (middag)',
      ),
    );
    expect(serious(text)).toEqual([]);
    const [activity] = importIcs(text).activities;
    expect(activity!.overrides).toEqual([
      {
        recurrenceId: '2026-03-16T10:00:00',
        start: '2026-03-16T14:00:00',
        end: '2026-03-16T16:00:00',
        title: 'Koffie (middag)',
        thisAndFuture: true,
      },
    ]);
    const occ = expand(activitySchema.parse(activity), Date.parse('2026-03-01T00:00Z'), Date.parse('2026-05-01T00:00Z'));
    expect(occ.map((o) => [o.start.slice(0, 16), o.end!.slice(11, 16), o.title ?? 'Koffie'])).toEqual([
      ['2026-03-02T10:00', '11:00', 'Koffie'],
      ['2026-03-09T10:00', '11:00', 'Koffie'],
      ['2026-03-16T14:00', '16:00', 'Koffie (middag)'],
      ['2026-03-23T14:00', '16:00', 'Koffie (middag)'],
      ['2026-03-30T14:00', '16:00', 'Koffie (middag)'],
    ]);
    const written = writeIcsFeed([activitySchema.parse(activity)], { now: Date.parse('2026-03-01T00:00Z') });
    expect(written).toContain('RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Amsterdam:20260316T100000');
    const back = importIcs(written).activities[0]!;
    expect(
      expand(activitySchema.parse(back), Date.parse('2026-03-01T00:00Z'), Date.parse('2026-05-01T00:00Z')).map((o) => o.start),
    ).toEqual(occ.map((o) => o.start));
  });

  it('makes ids for events without UID from their content, so other events do not change them', () => {
    const a = vevent('DTSTART:20270105T100000Z', 'SUMMARY:Koffie');
    const b = vevent('DTSTART:20270106T100000Z', 'SUMMARY:Yoga');
    const ids = (text: string) => parseIcs(text).events.map((e) => [e.summary, e.uid]);
    const first = ids(cal(...a, ...b));
    expect(new Set(first.map(([, id]) => id)).size).toBe(2);
    expect(ids(cal('X-WR-CALDESC:meer regels', ...vevent('DTSTART:20270101T100000Z', 'SUMMARY:Nieuw'), ...b, ...a))).toEqual(
      expect.arrayContaining(first),
    );
    // Two events with the same content still get two ids, numbered in file order.
    const twice = ids(cal(...a, ...a)).map(([, id]) => id);
    expect(twice).toEqual([first[0]![1], `${first[0]![1]}-2`]);
  });

  it('reads BYDAY lists with spaces (Microsoft CDO) and stores the rule without them', () => {
    const event = only(
      cal(
        ...vevent(
          'UID:s',
          'DTSTART:20150703T080000Z',
          'RRULE:FREQ=DAILY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO, TU, WE, TH, FR',
          ' ;WKST=SU',
          'SUMMARY:Standup',
        ),
      ),
    );
    expect(event.rrule).toBe('FREQ=DAILY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU');
    expect(parseRRule('FREQ=MONTHLY;BYDAY=+1 MO,,-1FR,;BYMONTHDAY= 1 , 15')).toMatchObject({
      ok: true,
      rule: {
        byDay: [
          { weekday: 1, ordinal: 1 },
          { weekday: 5, ordinal: -1 },
        ],
        byMonthDay: [1, 15],
      },
    });
  });

  it('computes the end from DURATION on the wall clock', () => {
    expect(only(cal(...vevent('UID:d', 'DTSTART;TZID=Europe/Amsterdam:20260328T230000', 'DURATION:PT4H'))).end).toBe('2026-03-29T03:00:00');
    // An end equal to the start means "no end"; one before it is dropped with a warning.
    expect(only(cal(...vevent('UID:e', 'DTSTART:20260101T100000', 'DTEND:20260101T100000'))).end).toBeUndefined();
    const text = cal(...vevent('UID:e', 'DTSTART:20260101T100000', 'DTEND:20260101T090000'));
    expect(serious(text).map((w) => w.code)).toEqual(['end-before-start']);
  });

  it('reads RRULE, EXDATE on several lines and in comma lists, and RDATE', () => {
    const e = only(
      cal(
        ...vevent(
          'UID:w',
          'DTSTART;TZID=Europe/Amsterdam:20260105T100000',
          'DTEND;TZID=Europe/Amsterdam:20260105T120000',
          'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
          'EXDATE;TZID=Europe/Amsterdam:20260406T100000,20260427T100000',
          'EXDATE:20260505T080000Z',
          'EXDATE;VALUE=DATE:20261225',
          'RDATE;TZID=Europe/Amsterdam:20260110T100000',
        ),
      ),
    );
    expect(e.rrule).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(e.exdates).toEqual(['2026-04-06T10:00:00', '2026-04-27T10:00:00', '2026-05-05T10:00:00', '2026-12-25']);
    expect(e.rdates).toEqual(['2026-01-10T10:00:00']);
  });

  it('groups RECURRENCE-ID instances: moved, retitled and cancelled', () => {
    const text = cal(
      ...vevent(
        'UID:s',
        'SUMMARY:Huiskamer',
        'DTSTART;TZID=Europe/Amsterdam:20260107T133000',
        'DTEND;TZID=Europe/Amsterdam:20260107T153000',
        'RRULE:FREQ=WEEKLY',
      ),
      ...vevent(
        'UID:s',
        'RECURRENCE-ID;TZID=Europe/Amsterdam:20260114T133000',
        'SUMMARY:Huiskamer',
        'STATUS:CANCELLED',
        'DTSTART;TZID=Europe/Amsterdam:20260114T133000',
        'DTEND;TZID=Europe/Amsterdam:20260114T153000',
      ),
      ...vevent(
        'UID:s',
        'RECURRENCE-ID:20260121T123000Z',
        'SUMMARY:Huiskamer (uitje)',
        'DTSTART;TZID=Europe/Amsterdam:20260122T100000',
        'DTEND;TZID=Europe/Amsterdam:20260122T160000',
      ),
    );
    const { activities, warnings } = importIcs(text);
    expect(warnings).toEqual([]);
    expect(activities).toHaveLength(1);
    expect(activities[0]!.overrides).toEqual([
      { recurrenceId: '2026-01-14T13:30:00', status: 'gaat-niet-door' },
      { recurrenceId: '2026-01-21T13:30:00', start: '2026-01-22T10:00:00', end: '2026-01-22T16:00:00', title: 'Huiskamer (uitje)' },
    ]);
    const occ = expand(activitySchema.parse(activities[0]), Date.parse('2026-01-12T00:00Z'), Date.parse('2026-01-26T00:00Z'));
    expect(occ.map((o) => [o.start, o.status, o.title])).toEqual([
      ['2026-01-14T13:30:00+01:00', 'gaat-niet-door', undefined],
      ['2026-01-22T10:00:00+01:00', 'gaat-door', 'Huiskamer (uitje)'],
    ]);
  });

  it('marks a cancelled event and keeps its COMMENT as the reason', () => {
    const [a] = importIcs(
      cal(...vevent('UID:c', 'DTSTART:20260101T100000', 'SUMMARY:Filmavond', 'STATUS:CANCELLED', 'COMMENT:De beamer is kapot')),
    ).activities;
    expect(a).toMatchObject({ status: 'gaat-niet-door', statusReason: 'De beamer is kapot' });
  });

  it('keeps the higher SEQUENCE when a UID appears twice, and shows orphan instances alone', () => {
    const text = cal(
      ...vevent('UID:d', 'SEQUENCE:1', 'SUMMARY:Oud', 'DTSTART:20260101T100000'),
      ...vevent('UID:d', 'SEQUENCE:2', 'SUMMARY:Nieuw', 'DTSTART:20260101T110000'),
      ...vevent('UID:o', 'RECURRENCE-ID:20260105T100000', 'SUMMARY:Alleen deze', 'DTSTART:20260105T120000'),
    );
    const { events, warnings } = parseIcs(text);
    expect(events.map((e) => [e.uid, e.summary, e.start])).toEqual([
      ['d', 'Nieuw', '2026-01-01T11:00:00'],
      ['o#2026-01-05T10:00:00', 'Alleen deze', '2026-01-05T12:00:00'],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['duplicate-uid', 'orphan-override']);
  });
});

describe('time zones in feeds', () => {
  const customZone = [
    'BEGIN:VTIMEZONE',
    'TZID:Customized Time Zone',
    'BEGIN:STANDARD',
    'DTSTART:16010101T030000',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:16010101T020000',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ];

  it('maps Windows names and Outlook labels to IANA, preferring the site zone', () => {
    const w = (tzid: string, options = {}) => only(cal(...vevent('UID:w', `DTSTART;TZID=${tzid}:20260706T100000`)), options).timeZone;
    expect(w('W. Europe Standard Time')).toBe('Europe/Amsterdam');
    expect(w('W. Europe Standard Time', { defaultTimeZone: 'UTC' })).toBe('Europe/Berlin');
    expect(w('Romance Standard Time')).toBe('Europe/Paris');
    expect(w('Romance Standard Time', { defaultTimeZone: 'Europe/Brussels' })).toBe('Europe/Brussels');
    expect(w('"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"')).toBe('Europe/Amsterdam');
    expect(w('/mozilla.org/20050126_1/Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(w('/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires')).toMatch(/Buenos_Aires/);
  });

  it('falls back to a VTIMEZONE’s own offsets for a custom TZID and converts into the site zone', () => {
    const text = (dt: string) =>
      cal(
        ...customZone,
        ...vevent('UID:c', `DTSTART;TZID=Customized Time Zone:${dt}`, `DTEND;TZID=Customized Time Zone:${dt.slice(0, 9)}120000`),
      );
    const summer = parseIcs(text('20260706T100000'));
    expect(summer.events[0]).toMatchObject({ timeZone: 'Europe/Amsterdam', start: '2026-07-06T10:00:00', end: '2026-07-06T12:00:00' });
    expect(summer.warnings.map((w) => [w.severity, w.code])).toEqual([['info', 'tzid-vtimezone']]);
    // Read for a site in London, the same instants are an hour earlier on the wall clock.
    expect(only(text('20260706T100000'), { defaultTimeZone: 'Europe/London' }).start).toBe('2026-07-06T09:00:00');
    expect(only(text('20260112T100000'), { defaultTimeZone: 'Europe/London' }).start).toBe('2026-01-12T09:00:00');
  });

  it('uses X-LIC-LOCATION when the TZID itself is not a zone', () => {
    const text = cal(
      'BEGIN:VTIMEZONE',
      'TZID:Zone 1',
      'X-LIC-LOCATION:Europe/Lisbon',
      'BEGIN:STANDARD',
      'DTSTART:19701025T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0000',
      'END:STANDARD',
      'END:VTIMEZONE',
      ...vevent('UID:l', 'DTSTART;TZID=Zone 1:20260706T100000'),
    );
    expect(only(text).timeZone).toBe('Europe/Lisbon');
  });

  it('warns about a TZID it cannot place and reads the time in the site zone', () => {
    const text = cal(...vevent('UID:u', 'DTSTART;TZID=Atlantis Standard Time:20260706T100000'));
    expect(only(text)).toMatchObject({ timeZone: 'Europe/Amsterdam', start: '2026-07-06T10:00:00' });
    expect(serious(text).map((w) => w.code)).toEqual(['unknown-tzid']);
  });
});

describe('junk', () => {
  it('survives missing ENDs, stray ENDs, garbage lines and no VCALENDAR', () => {
    const text = [
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20260101T100000',
      '<<< garbage >>>',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART:20260102T100000',
      'END:VTODO',
      'BEGIN:VALARM',
      'TRIGGER:-PT15M',
    ].join('\n');
    const { events, warnings } = parseIcs(text);
    expect(events.map((e) => e.uid)).toEqual(['a', 'b']);
    expect(warnings.map((w) => w.code).sort()).toEqual(['bad-line', 'missing-end', 'missing-end', 'no-calendar', 'stray-end']);
  });

  it('skips events it cannot place in time and drops rules it does not support', () => {
    const text = cal(
      ...vevent('UID:no-start', 'SUMMARY:?'),
      ...vevent('UID:bad-start', 'DTSTART:gisteren'),
      ...vevent('UID:hourly', 'DTSTART:20260101T100000', 'RRULE:FREQ=HOURLY'),
      ...vevent('UID:two-rules', 'DTSTART:20260101T100000', 'RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY'),
    );
    const { events, warnings } = parseIcs(text);
    expect(events.map((e) => [e.uid, e.rrule])).toEqual([
      ['hourly', undefined],
      ['two-rules', 'FREQ=DAILY'],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['missing-dtstart', 'bad-date', 'unsupported-rrule', 'multiple-rrules']);
  });

  it('turns HTML descriptions into plain text', () => {
    expect(htmlToText('Kom langs!<br>Meer: <a href="https://x.nl/a">onze site</a><p>En &amp; nog&nbsp;wat</p>')).toBe(
      'Kom langs!\nMeer: onze site (https://x.nl/a)En & nog wat',
    );
    expect(htmlToText('5 < 6 en 7 > 3')).toBe('5 < 6 en 7 > 3');
  });

  it('never throws and always yields schema-valid activities, whatever the input (property)', () => {
    const lines = fc.constantFrom(
      'BEGIN:VCALENDAR',
      'END:VCALENDAR',
      'BEGIN:VEVENT',
      'END:VEVENT',
      'BEGIN:VTIMEZONE',
      'END:VTIMEZONE',
      'BEGIN:STANDARD',
      'END:STANDARD',
      'UID:x',
      'UID:y',
      'DTSTART:20260101T100000',
      'DTSTART;VALUE=DATE:20260101',
      'DTSTART;TZID=Nowhere:20260101T100000',
      'DTEND:20260101T090000',
      'DTEND;VALUE=DATE:20260105',
      'DURATION:PT1H',
      'DURATION:P',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      'RRULE:FREQ=MONTHLY;BYDAY=-1FR',
      'RRULE:garbage',
      'EXDATE:20260108T100000',
      'EXDATE;VALUE=DATE:20260108',
      'RDATE:2026',
      'RECURRENCE-ID:20260108T100000',
      'STATUS:CANCELLED',
      'SUMMARY:' + 'lang '.repeat(60),
      'TZID:Nowhere',
      'TZOFFSETTO:+0100',
      'TZOFFSETFROM:+0200',
      'X-WR-TIMEZONE:Mars/Base',
      ' folded',
      ':',
      ';;;',
      'DESCRIPTION:<b>vet</b>\\n',
      'URL:javascript:alert(1)',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(lines, fc.string({ maxLength: 30 })), { maxLength: 40 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        (ls, eol) => {
          const { activities } = importIcs(ls.join(eol));
          for (const a of activities) expect(activitySchema.safeParse(a).success).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('copes with empty and absurd input', () => {
    expect(parseIcs('').events).toEqual([]);
    expect(parseIcs(undefined as unknown as string).events).toEqual([]);
    expect(parseIcs('BEGIN:VCALENDAR\r\n'.repeat(50) + 'x'.repeat(5000)).events).toEqual([]);
    const big = parseIcs(cal(...vevent('UID:x', 'DTSTART:20260101T100000')), { maxChars: 60 });
    expect(big.warnings.map((w) => w.code)).toContain('truncated');
  });
});
