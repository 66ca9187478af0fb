import { describe, expect, it } from 'vitest';
import { filterOptions, isFiltering, matchesFilter, NO_FILTER, toggleAudience } from '../../src/widgets/activity-calendar/filters.js';

const koken = { category: 'eten-en-drinken', audience: ['iedereen'] };
const naasten = { category: 'ontmoeten', audience: ['naasten'] };
const kinderen = { category: 'feest', audience: ['kinderen', 'ouders'] };
const inloop = { kind: 'opening-hours' };

describe('filters', () => {
  it('offers only the tags and categories in use, vocabulary order first', () => {
    expect(filterOptions([koken, naasten, kinderen, inloop])).toEqual({
      audience: ['kinderen', 'ouders', 'naasten'],
      categories: ['eten-en-drinken', 'feest', 'ontmoeten'],
    });
  });
  it('matches any selected audience; "iedereen" matches every audience', () => {
    const f = toggleAudience(NO_FILTER, 'naasten', true);
    expect(isFiltering(f)).toBe(true);
    expect([koken, naasten, kinderen].map((i) => matchesFilter(i, f))).toEqual([true, true, false]);
    expect(toggleAudience(f, 'naasten', false)).toEqual(NO_FILTER);
  });
  it('filters by category but never hides opening hours', () => {
    const f = { audience: [], category: 'feest' };
    expect([koken, naasten, kinderen, inloop].map((i) => matchesFilter(i, f))).toEqual([false, false, true, true]);
  });
});
