import { describe, expect, it } from 'vitest';
import { readItems, readOccurrences } from '../../src/activities/items.js';
import { readInlineJson, readSchedule } from '../../src/activities/schedule.js';
import { webcalUrl } from '../../src/widgets/activity-calendar/webcal.js';

describe('readItems (inline JSON, without zod)', () => {
  it('keeps good items and skips bad ones with a reason', () => {
    const { items, problems } = readItems([
      { id: 'a', title: 'Samen koken', start: '2026-03-03T17:00', cost: { kind: 'contribution', amount: 300 }, audience: ['iedereen', 4] },
      { id: 'b', title: '', start: '2026-03-03T17:00' },
      { id: 'c', title: 'Kapot', start: '3 maart' },
      'nonsense',
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'a',
      kind: 'activity',
      allDay: false,
      cost: { kind: 'contribution', amount: 300 },
      audience: ['iedereen'],
    });
    expect(problems).toHaveLength(3);
  });
  it('drops fields that do not fit instead of the item', () => {
    const { items } = readItems({
      items: [
        {
          id: 'x',
          kind: 'opening-hours',
          title: 'Inloop',
          start: '2026-03-02T10:00',
          timeZone: 'Mars/Olympus',
          url: 'javascript:alert(1)',
          registration: { kind: 'link', url: 'ftp://x' },
          cost: { kind: 'amount', amount: -5 },
        },
      ],
    });
    expect(items[0]).toMatchObject({
      kind: 'opening-hours',
      timeZone: undefined,
      url: undefined,
      registration: undefined,
      cost: undefined,
    });
  });
  it('reports unreadable JSON', () => {
    expect(readInlineJson('{').problems[0]).toMatch(/inline JSON/);
    expect(readInlineJson('{"x":1}').problems).toHaveLength(1);
  });
});

describe('readSchedule (items expanded in the browser)', () => {
  const item = {
    id: 'koken',
    title: 'Samen koken',
    start: '2026-03-03T17:00',
    recurrence: {
      rrule: 'FREQ=WEEKLY',
      exdates: ['2026-03-10T17:00', 7],
      pauses: [{ from: '07-13', to: '08-23', label: 'zomerstop' }, { from: 1 }],
    },
    overrides: [{ recurrenceId: '2026-03-17T17:00', status: 'gaat-niet-door', statusReason: 'Ziek' }, { recurrenceId: 'dinsdag' }],
  };
  it('reads recurrence rules and overrides, dropping what does not fit', () => {
    const { items, problems } = readSchedule([item]);
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({
      recurrence: { rrule: 'FREQ=WEEKLY', exdates: ['2026-03-10T17:00'], pauses: [{ from: '07-13', to: '08-23', label: 'zomerstop' }] },
      overrides: [{ recurrenceId: '2026-03-17T17:00', status: 'gaat-niet-door', statusReason: 'Ziek' }],
    });
  });
  it('is what the collector path leaves out: its occurrences come expanded', () => {
    expect(readItems([item]).items[0]).not.toHaveProperty('recurrence');
    expect(readInlineJson(JSON.stringify([item])).items[0]!.overrides).toHaveLength(1);
  });
});

describe('readOccurrences (expanded by the collector)', () => {
  it('keeps good occurrences and counts the bad ones as problems', () => {
    const good = {
      activityId: 'koken',
      kind: 'activity',
      recurrenceId: '2026-03-31T17:00:00',
      start: '2026-03-31T17:00:00+02:00',
      end: '2026-03-31T20:00:00+02:00',
      allDay: false,
      timeZone: 'Europe/Amsterdam',
      status: 'gaat-niet-door',
      statusReason: 'De keuken wordt geverfd',
      overridden: true,
    };
    const problems: string[] = [];
    const read = readOccurrences(
      [good, { ...good, start: 'morgen' }, { ...good, timeZone: 'Mars/Olympus' }, { ...good, recurrenceId: 5 }, null],
      problems,
    );
    expect(read).toEqual([{ ...good, title: undefined, description: undefined, location: undefined, room: undefined, note: undefined }]);
    expect(problems).toHaveLength(4);
  });
});

describe('webcalUrl', () => {
  it('turns an http(s) feed into webcal', () => {
    expect(webcalUrl('https://example.org/agenda.ics')).toBe('webcal://example.org/agenda.ics');
    expect(webcalUrl('/feed.ics', 'http://localhost:8000/page')).toBe('webcal://localhost:8000/feed.ics');
    expect(webcalUrl('mailto:x@y')).toBeUndefined();
  });
});
