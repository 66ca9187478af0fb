import { describe, expect, it } from 'vitest';
import { expandAll, type ExpandableItem } from '../../src/activities/recurrence.js';
import { openState } from '../../src/widgets/activity-calendar/open-now.js';

const AMS = 'Europe/Amsterdam';
const inloop: ExpandableItem = {
  id: 'inloop',
  kind: 'opening-hours',
  timeZone: AMS,
  start: '2026-03-02T10:00',
  end: '2026-03-02T12:00',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
  overrides: [{ recurrenceId: '2026-03-31T10:00', status: 'gaat-niet-door', statusReason: 'Studiedag' }],
};
const middag: ExpandableItem = { id: 'middag', kind: 'opening-hours', timeZone: AMS, start: '2026-03-04T12:00', end: '2026-03-04T16:00' };
const activity: ExpandableItem = { id: 'koken', timeZone: AMS, start: '2026-03-03T17:00', end: '2026-03-03T20:00' };

const at = (iso: string, items: ExpandableItem[] = [inloop, activity]) => {
  const now = Date.parse(iso);
  return openState(expandAll(items, now - 86_400_000, now + 14 * 86_400_000), now, AMS);
};

describe('openState', () => {
  it('is open until the end of the block (summer time)', () => {
    const s = at('2026-03-30T10:30:00+02:00');
    expect(s).toEqual({ state: 'open', until: Date.parse('2026-03-30T12:00:00+02:00') });
  });
  it('joins blocks that follow each other', () => {
    const s = at('2026-03-04T11:00:00+01:00', [inloop, middag]);
    expect(s).toEqual({ state: 'open', until: Date.parse('2026-03-04T16:00:00+01:00') });
  });
  it('opens later today, before the block', () => {
    const s = at('2026-03-02T08:00:00+01:00');
    expect(s).toMatchObject({ state: 'closed', inDays: 0, next: Date.parse('2026-03-02T10:00:00+01:00') });
  });
  it('opens tomorrow after closing time; activities do not count as opening hours', () => {
    const s = at('2026-03-03T18:00:00+01:00');
    expect(s).toMatchObject({ state: 'closed', inDays: 1, next: Date.parse('2026-03-04T10:00:00+01:00') });
  });
  it('skips the weekend and a cancelled morning', () => {
    expect(at('2026-03-06T13:00:00+01:00')).toMatchObject({ state: 'closed', inDays: 3 });
    expect(at('2026-03-30T13:00:00+02:00')).toMatchObject({ state: 'closed', inDays: 2, next: Date.parse('2026-04-01T10:00:00+02:00') });
  });
  it('is unknown without opening hours', () => {
    expect(at('2026-03-03T18:00:00+01:00', [activity])).toEqual({ state: 'unknown' });
  });
});
