/** The result screen's data: activities matching the chosen cards, and today's opening hours. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FLOW } from '../../src/schema/welcome-intake-default.js';
import { readSchedule } from '../../src/activities/schedule.js';
import { matchTags, matchesTags, resultData } from '../../src/widgets/welcome-intake/result-data.js';

const { items } = readSchedule([
  {
    id: 'inloop',
    kind: 'opening-hours',
    title: 'Inloop',
    start: '2026-03-02T10:00',
    end: '2026-03-02T12:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE' },
  },
  {
    id: 'middag',
    kind: 'opening-hours',
    title: 'Inloop',
    start: '2026-03-02T13:00',
    end: '2026-03-02T16:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO' },
  },
  {
    id: 'koken',
    title: 'Samen koken',
    start: '2026-03-03T17:30',
    end: '2026-03-03T20:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    category: 'eten-en-drinken',
    audience: ['iedereen'],
  },
  { id: 'naasten', title: 'Avond voor naasten', start: '2026-03-12T19:30', category: 'ontmoeten', audience: ['naasten'] },
  { id: 'taal', title: 'Taalcafé', start: '2026-03-04T14:00', audience: ['anderstaligen'], status: 'gaat-niet-door' },
  { id: 'bingo', title: 'Bingo', start: '2026-03-05T14:00', category: 'spel', audience: ['iedereen'] },
]);
const MONDAY = Date.parse('2026-03-09T08:00:00Z'); // 09:00 in Amsterdam

describe('intake result', () => {
  it('collects the match tags of the chosen options only', () => {
    const tags = matchTags(DEFAULT_INTAKE_FLOW, { interesses: ['koken'], themas: ['naasten', 'wonen'], reden: ['even-kijken'] });
    expect([...tags.categories]).toEqual(['eten-en-drinken']);
    expect([...tags.audiences]).toEqual(['naasten', 'ouders']);
  });

  it('matches by category or a specific audience, never by "iedereen" or for opening hours', () => {
    const tags = { categories: new Set(['eten-en-drinken']), audiences: new Set(['iedereen', 'naasten']) };
    expect(items.filter((i) => matchesTags(i, tags)).map((i) => i.id)).toEqual(['koken', 'naasten']);
  });

  it("lists the next occurrence of each match within four weeks, skips cancelled ones, and gives today's hours", () => {
    const tags = matchTags(DEFAULT_INTAKE_FLOW, { interesses: ['koken'], themas: ['naasten', 'taal'] });
    const data = resultData(items, tags, MONDAY, 'nl');
    expect(data.activities.map((a) => [a.title, a.when])).toEqual([
      ['Samen koken', 'dinsdag 10 maart, 17.30'],
      ['Avond voor naasten', 'donderdag 12 maart, 19.30'],
    ]);
    expect(data.today).toEqual([
      { from: '10.00', until: '12.00' },
      { from: '13.00', until: '16.00' },
    ]);
    expect(resultData(items, tags, MONDAY + 86_400_000, 'nl').today).toEqual([]); // Tuesday: closed
    expect(
      resultData(
        items.filter((i) => i.kind !== 'opening-hours'),
        tags,
        MONDAY,
        'nl',
      ).today,
    ).toBeUndefined();
  });
});
