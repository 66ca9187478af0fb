import { describe, expect, it } from 'vitest';
import { manageLink, shiftsIcs } from '../../src/widgets/volunteer-signup/ics.js';
import { byDay, collisions, newCancelToken, occurrenceKey, tokenFromUrl } from '../../src/widgets/volunteer-signup/roster-view.js';
import type { PublicShiftOccurrence } from '../../src/schema/volunteer-constants.js';

const occ = (shiftId: string, date: string, start: string, end: string): PublicShiftOccurrence => ({
  shiftId,
  roleId: 'r',
  title: shiftId,
  date,
  start,
  end,
  capacity: 2,
  remaining: 1,
  waitlist: 0,
});

describe('volunteer-signup view helpers', () => {
  const a = occ('bar', '2026-11-24', '2026-11-24T09:45:00+01:00', '2026-11-24T12:15:00+01:00');
  const b = occ('host', '2026-11-24', '2026-11-24T12:00:00+01:00', '2026-11-24T14:00:00+01:00');
  const c = occ('shop', '2026-11-25', '2026-11-25T12:15:00+01:00', '2026-11-25T14:00:00+01:00');

  it('groups occurrences by day in order', () => {
    expect(byDay([a, b, c]).map(([d, list]) => [d, list.length])).toEqual([
      ['2026-11-24', 2],
      ['2026-11-25', 1],
    ]);
  });

  it('flags the chosen shifts that overlap, and only those', () => {
    expect([...collisions([a, b, c])].sort()).toEqual([occurrenceKey(a), occurrenceKey(b)].sort());
    expect(collisions([a, c]).size).toBe(0);
  });

  it('makes 43-character base64url tokens and reads them back from the fragment or the query', () => {
    const token = newCancelToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCancelToken()).not.toBe(token);
    const link = manageLink('https://buurthuis.nl/vrijwilligers?x=1#top', token);
    expect(link).toBe(`https://buurthuis.nl/vrijwilligers?x=1#bk-cancel=${token}`);
    expect(tokenFromUrl(link)).toBe(token);
    expect(tokenFromUrl(`https://buurthuis.nl/?bk-cancel=${token}`)).toBe(token);
    expect(tokenFromUrl('https://buurthuis.nl/#bk-cancel=short')).toBeUndefined();
  });

  it('writes an .ics with UTC times, escaped text and lines of at most 75 octets', () => {
    const ics = shiftsIcs(
      [{ shiftId: 'bar', date: '2026-11-24', title: 'Bar; koffie, thee', start: a.start, end: a.end }],
      `Je persoonlijke link: https://buurthuis.nl/vrijwilligers#bk-cancel=${'x'.repeat(43)} — شكرًا لك على المساعدة`,
      Date.UTC(2026, 10, 20, 12),
    );
    expect(ics).toContain('DTSTART:20261124T084500Z\r\nDTEND:20261124T111500Z\r\n');
    expect(ics).toContain('SUMMARY:Bar\\; koffie\\, thee\r\n');
    expect(ics).toContain('UID:bar-2026-11-24@buurtkit\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // Unfolding gives the description back whole.
    expect(ics.replace(/\r\n /g, '')).toContain('شكرًا لك على المساعدة');
  });
});
