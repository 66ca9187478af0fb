import { describe, expect, it } from 'vitest';
import { costText, Formats } from '../../src/widgets/activity-calendar/format.js';
import { monthTitle, shortDay, weekdayName } from '../../src/widgets/activity-calendar/month-grid.js';

const t = (key: string, p?: Record<string, unknown>) => `${key}:${String(p?.['amount'] ?? '')}`;

describe('Formats', () => {
  const nl = new Formats('nl', 'Europe/Amsterdam');
  it('writes Dutch times with a dot, in the site zone across DST', () => {
    expect(nl.time(Date.parse('2026-03-28T09:00:00Z'))).toBe('10.00');
    expect(nl.time(Date.parse('2026-03-30T08:00:00Z'))).toBe('10.00');
    expect(new Formats('en', 'Europe/Amsterdam').time(Date.parse('2026-03-30T15:00:00Z'))).toBe('17:00');
  });
  it('names days without shifting them, whatever the zone', () => {
    expect(new Formats('nl', 'Pacific/Kiritimati').day({ year: 2026, month: 3, day: 31 })).toBe('dinsdag 31 maart');
    expect(monthTitle(nl, 2026, 10)).toBe('oktober 2026');
    expect(shortDay(nl, { year: 2026, month: 3, day: 3 })).toBe('3 maart');
    expect(weekdayName(nl, 1, true)).toBe('maandag');
    expect(weekdayName(nl, 7)).toBe('zo');
  });
  it('writes money without cents when whole', () => {
    expect(nl.money(300).replace(/\s/g, ' ')).toBe('€ 3');
    expect(nl.money(250).replace(/\s/g, ' ')).toBe('€ 2,50');
    expect(costText({ kind: 'free' }, nl, t)).toBe('free:');
    expect(costText({ kind: 'contribution', amount: 300, currency: 'EUR' }, nl, t)?.replace(/\s/g, ' ')).toBe('contribution:€ 3');
    expect(costText(undefined, nl, t)).toBeUndefined();
  });
});
