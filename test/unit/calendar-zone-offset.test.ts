import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneOffset } from '../../src/calendar/zone-offset.js';
import { intlOffsets } from './intl-offsets.js';

/** What Intl says without any remembering: a fresh formatter and one `formatToParts` per question. */
const oracle = (instant: number, timeZone: string): number => intlOffsets(timeZone)(instant);

// Zones with summer time, half and quarter hours, a date-line jump (Apia skipped 30 Dec 2011),
// local mean time with seconds (Amsterdam before 1937), and none.
const ZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'America/St_Johns',
  'Africa/Casablanca',
  'UTC',
];

describe('remembered zone offsets', () => {
  it('equal a fresh Intl reading at any instant, around transitions too', () => {
    const at = (iso: string) => Date.parse(iso);
    const near = fc.tuple(
      fc.constantFrom(
        at('2026-03-29T01:00:00Z'),
        at('2026-10-25T01:00:00Z'),
        at('2011-12-30T10:00:00Z'),
        at('1937-07-01T00:00:00Z'),
        at('1940-05-16T00:00:00Z'),
      ),
      fc.integer({ min: -30 * 3600_000, max: 30 * 3600_000 }),
    );
    const anywhere = fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') });
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.oneof(
          near.map(([a, d]) => a + d),
          anywhere,
        ),
        (zone, instant) => {
          expect(zoneOffset(instant, zone), `${zone} ${new Date(instant).toISOString()}`).toBe(oracle(instant, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('switch at the exact second of a transition', () => {
    const spring = Date.parse('2026-03-29T01:00:00Z');
    expect(zoneOffset(spring - 1, 'Europe/Amsterdam')).toBe(3600_000);
    expect(zoneOffset(spring, 'Europe/Amsterdam')).toBe(7200_000);
    const autumn = Date.parse('2026-10-25T01:00:00Z');
    expect(zoneOffset(autumn - 1, 'Europe/Amsterdam')).toBe(7200_000);
    expect(zoneOffset(autumn, 'Europe/Amsterdam')).toBe(3600_000);
  });

  it('refuses a zone Intl does not know', () => {
    expect(() => zoneOffset(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
