import { describe, expect, it } from 'vitest';
import { formatLocalDate, type LocalDate } from '../../src/calendar/wall-clock.js';
import { monthWeeks, moveDay, weekStartOf, weekdayOrder } from '../../src/widgets/activity-calendar/month-grid.js';

const d = (text: string): LocalDate => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const f = (v: LocalDate | undefined) => (v ? formatLocalDate(v) : undefined);

describe('weekStartOf', () => {
  it('starts on Monday for Dutch, and for languages without a region on a Dutch site', () => {
    expect(weekStartOf('nl')).toBe(1);
    expect(weekStartOf('nl-BE')).toBe(1);
    expect(weekStartOf('ar')).toBe(1);
    expect(weekStartOf('en')).toBe(1);
  });
  it('follows an explicit region', () => {
    expect(weekStartOf('en-US')).toBe(7);
    expect(weekStartOf('ar', 'EG')).toBe(6);
  });
  it('falls back to Monday for a bad tag', () => {
    expect(weekStartOf('not a tag!')).toBe(1);
  });
});

describe('monthWeeks', () => {
  it('covers March 2026 in full Monday weeks', () => {
    const weeks = monthWeeks(2026, 3, 1);
    expect(weeks).toHaveLength(6);
    expect(f(weeks[0]![0])).toBe('2026-02-23');
    expect(f(weeks.at(-1)![6])).toBe('2026-04-05');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
  it('has four weeks for February 2027 (starts on a Monday, 28 days)', () => {
    const weeks = monthWeeks(2027, 2, 1);
    expect(weeks).toHaveLength(4);
    expect(f(weeks[0]![0])).toBe('2027-02-01');
  });
  it('starts on Sunday when asked', () => {
    expect(f(monthWeeks(2026, 3, 7)[0]![0])).toBe('2026-03-01');
    expect(weekdayOrder(7)).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });
});

describe('moveDay', () => {
  const day = d('2026-03-31');
  it('moves by day and week, swapping left and right in rtl', () => {
    expect(f(moveDay(day, 'ArrowRight'))).toBe('2026-04-01');
    expect(f(moveDay(day, 'ArrowLeft'))).toBe('2026-03-30');
    expect(f(moveDay(day, 'ArrowRight', { rtl: true }))).toBe('2026-03-30');
    expect(f(moveDay(day, 'ArrowDown'))).toBe('2026-04-07');
    expect(f(moveDay(day, 'ArrowUp'))).toBe('2026-03-24');
  });
  it('goes to the start and end of the week', () => {
    expect(f(moveDay(day, 'Home'))).toBe('2026-03-30');
    expect(f(moveDay(day, 'End'))).toBe('2026-04-05');
    expect(f(moveDay(day, 'Home', { weekStart: 7 }))).toBe('2026-03-29');
  });
  it('moves a month (clamped) or a year with Shift', () => {
    expect(f(moveDay(day, 'PageDown'))).toBe('2026-04-30');
    expect(f(moveDay(day, 'PageUp'))).toBe('2026-02-28');
    expect(f(moveDay(day, 'PageDown', { shift: true }))).toBe('2027-03-31');
  });
  it('ignores other keys', () => {
    expect(moveDay(day, 'a')).toBeUndefined();
  });
});
