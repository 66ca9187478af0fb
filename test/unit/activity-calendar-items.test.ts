import { describe, expect, it } from 'vitest';
import { readInlineJson, readItems } from '../../src/widgets/activity-calendar/items.js';
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
    expect(items[0]).toMatchObject({ id: 'a', kind: 'activity', allDay: false, cost: { kind: 'contribution', amount: 300 }, audience: ['iedereen'] });
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
    expect(items[0]).toMatchObject({ kind: 'opening-hours', timeZone: undefined, url: undefined, registration: undefined, cost: undefined });
  });
  it('reports unreadable JSON', () => {
    expect(readInlineJson('{').problems[0]).toMatch(/inline JSON/);
    expect(readInlineJson('{"x":1}').problems).toHaveLength(1);
  });
});

describe('webcalUrl', () => {
  it('turns an http(s) feed into webcal', () => {
    expect(webcalUrl('https://example.org/agenda.ics')).toBe('webcal://example.org/agenda.ics');
    expect(webcalUrl('/feed.ics', 'http://localhost:8000/page')).toBe('webcal://localhost:8000/feed.ics');
    expect(webcalUrl('mailto:x@y')).toBeUndefined();
  });
});
