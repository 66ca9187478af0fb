/** Report periods in the site's zone (clock changes included) and the poll results export table. */
import { describe, expect, it } from 'vitest';
import { previousPeriod, periodOf, resolvePeriod } from '../../src/collector/polls/period.js';
import { resultRows } from '../../src/collector/polls/export.js';
import { aggregatePollByType, type PollDefinition } from '../../src/schema/index.js';

const ZONE = 'Europe/Amsterdam';

describe('periods', () => {
  it('turns local dates into the instants of the site zone, across a clock change', () => {
    const march = periodOf('2026-03-01', '2026-03-31', ZONE);
    expect(march).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      days: 31,
      start: '2026-02-28T23:00:00.000Z', // CET
      before: '2026-03-31T22:00:00.000Z', // CEST from 29 March
    });
  });

  it('the previous period is as many days, ending the day before', () => {
    const p = previousPeriod(periodOf('2026-03-01', '2026-03-31', ZONE), ZONE);
    expect([p.from, p.to, p.days]).toEqual(['2026-01-29', '2026-02-28', 31]);
    const year = previousPeriod(periodOf('2025-01-01', '2025-12-31', ZONE), ZONE);
    expect([year.from, year.to]).toEqual(['2024-01-02', '2024-12-31']); // 2024 is a leap year: 365 days back
  });

  it('defaults to the twelve months up to today, or to all time; refuses half or reversed ranges', () => {
    const now = new Date('2026-04-15T22:30:00Z'); // already the 16th in Amsterdam
    expect(resolvePeriod({}, ZONE, now, 'year').period).toMatchObject({ from: '2025-04-17', to: '2026-04-16' });
    expect(resolvePeriod({}, ZONE, now, 'all')).toEqual({ period: null, issues: [] });
    expect(resolvePeriod({ from: '2026-01-01' }, ZONE, now, 'all').issues[0]).toMatchObject({ path: 'to', code: 'invalid_range' });
    expect(resolvePeriod({ from: '2026-02-01', to: '2026-01-01' }, ZONE, now, 'all').issues[0]!.message).toBe('to comes before from');
    expect(resolvePeriod({ from: '2000-01-01', to: '2026-01-01' }, ZONE, now, 'all').issues[0]!.path).toBe('to');
  });
});

describe('results export rows', () => {
  it('has one row per answer, an eens_totaal row per statement, and the groups when split', () => {
    const poll: PollDefinition = { id: 'impact', kind: 'statements', statements: [{ id: 'ken', text: 'ken ik buren.' }] };
    const results = aggregatePollByType(
      poll,
      [{ statements: { ken: 'eens' }, respondentType: 'bezoeker' }, { statements: { ken: 'weet-niet' } }],
      true,
    );
    const rows = resultRows(poll, results);
    const all = rows.filter((r) => r.groep === 'alle');
    expect(all.map((r) => r.antwoord)).toEqual([
      'helemaal-oneens',
      'oneens',
      'neutraal',
      'eens',
      'helemaal-eens',
      'weet-niet',
      'eens_totaal',
    ]);
    expect(all.at(-1)).toEqual({
      peiling: 'impact',
      onderdeel: 'stelling',
      id: 'ken',
      tekst: 'ken ik buren.',
      tekst_en: null,
      tekst_ar: null,
      antwoord: 'eens_totaal',
      aantal: 1,
      procent: 100,
      n: 1,
      groep: 'alle',
    });
    expect(all.find((r) => r.antwoord === 'eens')).toMatchObject({ aantal: 1, procent: 50, n: 2 });
    expect([...new Set(rows.map((r) => r.groep))]).toEqual(['alle', 'bezoeker', 'vrijwilliger', 'buurtbewoner', 'naaste', 'onbekend']);
    expect(rows.find((r) => r.groep === 'naaste' && r.antwoord === 'eens_totaal')).toMatchObject({ aantal: 0, procent: null, n: 0 });
  });
});
