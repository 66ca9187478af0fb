import { describe, expect, it } from 'vitest';
import { Formats, formatsFor, intlLocale } from '../../src/core/formats.js';

const zone = 'Europe/Amsterdam';
// Monday 7 December 2026, 9.45–12.15 in Amsterdam.
const start = Date.parse('2026-12-07T08:45:00Z');
const end = Date.parse('2026-12-07T11:15:00Z');

describe('the shared formatter', () => {
  it('writes Dutch times the Dutch way: 9.45 and 9.45–12.15 uur', () => {
    const nl = new Formats('nl', zone);
    expect(nl.time(start)).toBe('9.45');
    expect(nl.time(Date.parse('2026-12-07T09:00:00Z'))).toBe('10.00');
    expect(nl.timeRange(start, end)).toBe('9.45–12.15 uur');
    expect(nl.join(nl.dayOf(start), nl.timeRange(start, end))).toBe('maandag 7 december, 9.45–12.15 uur');
  });

  it('writes English in British style, not American', () => {
    expect(intlLocale('en')).toBe('en-GB');
    expect(intlLocale('en-US')).toBe('en-US');
    const en = new Formats('en', zone);
    expect(en.dayOf(start)).toBe('Monday 7 December');
    expect(en.time(Date.parse('2026-12-07T16:00:00Z'))).toMatch(/^17:00$/);
    expect(en.timeRange(start, end)).toMatch(/^0?9:45–12:15$/);
    expect(en.dateOf(start, { dateStyle: 'long' })).toBe('7 December 2026');
  });

  it('joins an Arabic day and time with the Arabic comma, never a Latin one', () => {
    const ar = new Formats('ar', zone);
    const text = ar.join(ar.dayOf(start), ar.time(start));
    expect(text).toContain('، ');
    expect(text).not.toContain(',');
    expect(ar.timeRange(start, end)).toMatch(/ – /);
  });

  it('is one formatter per language and zone for the whole page', () => {
    expect(formatsFor('nl', zone)).toBe(formatsFor('nl', zone));
    expect(formatsFor('nl', zone)).not.toBe(formatsFor('en', zone));
  });
});
