/** Poll aggregation: counts, % per answer, % eens over those with an opinion, splits, comparison. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATEMENTS,
  aggregatePoll,
  aggregatePollByType,
  compareStatements,
  percent,
  pollDefinitionSchema,
  pollResponseIssues,
  pollResponsePayloadSchema,
  type PollDefinition,
} from '../../src/schema/index.js';

const smileys: PollDefinition = { id: 'welkom', kind: 'smileys', question: 'Voelde je je welkom?' };
const statements: PollDefinition = {
  id: 'impact',
  kind: 'statements',
  statements: [
    { id: 'ken', text: 'ken ik andere buurtbewoners.' },
    { id: 'praatje', text: 'maak ik vaker een praatje.' },
  ],
};

describe('percent', () => {
  it('is one decimal of 0–100, and null for nothing over nothing', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('aggregatePoll', () => {
  it('counts a one-question poll per answer, in the scale order, with % of those who answered', () => {
    const r = aggregatePoll(smileys, [
      { answer: 'heel-goed' },
      { answer: 'heel-goed' },
      { answer: 'goed' },
      { answer: 'niet-goed' },
      { answer: null }, // a comment only: counted in n, not in the question
    ]);
    expect(r.n).toBe(5);
    expect(r.question).toEqual({
      n: 4,
      answers: [
        { value: 'heel-goed', count: 2, percent: 50 },
        { value: 'goed', count: 1, percent: 25 },
        { value: 'gaat-wel', count: 0, percent: 0 },
        { value: 'niet-goed', count: 1, percent: 25 },
      ],
    });
    expect(r.statements).toEqual([]);
  });

  it('% eens is (eens + helemaal eens) over those with an opinion: "weet niet" is left out of n', () => {
    const r = aggregatePoll(statements, [
      { statements: { ken: 'helemaal-eens', praatje: 'weet-niet' } },
      { statements: { ken: 'eens', praatje: 'weet-niet' } },
      { statements: { ken: 'neutraal', praatje: 'oneens' } },
      { statements: { ken: 'weet-niet' } },
      { statements: { ken: 'helemaal-oneens', praatje: 'eens' } },
    ]);
    const [ken, praatje] = r.statements;
    expect(ken).toMatchObject({ id: 'ken', answered: 5, dontKnow: 1, n: 4, agree: 2, percentAgree: 50 });
    expect(ken!.answers.map((a) => [a.value, a.count])).toEqual([
      ['helemaal-oneens', 1],
      ['oneens', 0],
      ['neutraal', 1],
      ['eens', 1],
      ['helemaal-eens', 1],
      ['weet-niet', 1],
    ]);
    // Of the four who answered "praatje", two did not know: 1 of the 2 with an opinion agrees.
    expect(praatje).toMatchObject({ answered: 4, dontKnow: 2, n: 2, agree: 1, percentAgree: 50 });
    expect(r.question).toBeNull();
  });

  it('has zero counts and null percentages when there are no responses', () => {
    const r = aggregatePoll(statements, []);
    expect(r.n).toBe(0);
    for (const s of r.statements) {
      expect(s).toMatchObject({ answered: 0, dontKnow: 0, n: 0, agree: 0, percentAgree: null });
      expect(s.answers.every((a) => a.count === 0 && a.percent === null)).toBe(true);
    }
    expect(aggregatePoll(smileys, []).question!.answers.every((a) => a.percent === null)).toBe(true);
  });

  it('gives null % eens when everyone said "weet niet"', () => {
    const r = aggregatePoll(statements, [{ statements: { ken: 'weet-niet' } }]);
    expect(r.statements[0]).toMatchObject({ answered: 1, n: 0, percentAgree: null });
  });

  it('ignores values the poll does not have (e.g. from an older definition)', () => {
    const r = aggregatePoll(smileys, [{ answer: 'ja' }, { answer: 'goed' }]);
    expect(r.question!.n).toBe(1);
    expect(r.n).toBe(2);
  });

  it('uses the default statement set when a statements poll names none', () => {
    const r = aggregatePoll({ id: 'x', kind: 'statements' }, []);
    expect(r.statements.map((s) => s.id)).toEqual(DEFAULT_STATEMENTS.map((s) => s.id));
    expect(r.statements[0]!.theme).toBe('verbondenheid');
  });

  it('splits by respondent type, with "onbekend" for those who did not say', () => {
    const r = aggregatePollByType(
      smileys,
      [
        { answer: 'goed', respondentType: 'bezoeker' },
        { answer: 'heel-goed', respondentType: 'bezoeker' },
        { answer: 'nee' },
        { answer: 'goed', respondentType: 'vrijwilliger' },
      ],
      true,
    );
    expect(r.byRespondentType!.bezoeker.n).toBe(2);
    expect(r.byRespondentType!.vrijwilliger.question!.answers[1]).toEqual({ value: 'goed', count: 1, percent: 100 });
    expect(r.byRespondentType!.onbekend.n).toBe(1);
    expect(r.byRespondentType!.naaste).toMatchObject({ n: 0 });
    expect(aggregatePollByType(smileys, [], false).byRespondentType).toBeUndefined();
  });
});

describe('compareStatements', () => {
  it('gives the change in percentage points, and null where a period has no opinion', () => {
    const now = aggregatePoll(statements, [{ statements: { ken: 'eens', praatje: 'eens' } }, { statements: { ken: 'eens' } }]);
    const before = aggregatePoll(statements, [{ statements: { ken: 'eens' } }, { statements: { ken: 'oneens' } }]);
    const [ken, praatje] = compareStatements(now, before);
    expect(ken).toMatchObject({ current: { percentAgree: 100, n: 2 }, previous: { percentAgree: 50, n: 2 }, change: 50 });
    expect(praatje).toMatchObject({ current: { percentAgree: 100, n: 1 }, previous: { percentAgree: null, n: 0 }, change: null });
    expect(compareStatements(aggregatePoll(statements, []), aggregatePoll(statements, []))[0]!.change).toBeNull();
  });
});

describe('schemas', () => {
  it('accepts the built-in kinds and refuses inconsistent definitions', () => {
    expect(pollDefinitionSchema.safeParse(smileys).success).toBe(true);
    expect(pollDefinitionSchema.safeParse({ id: 'k', kind: 'choice', question: 'Welke dag?' }).success).toBe(false);
    expect(pollDefinitionSchema.safeParse({ id: 'k', kind: 'scale' }).success).toBe(false);
    expect(
      pollDefinitionSchema.safeParse({
        id: 'k',
        kind: 'statements',
        statements: [
          { id: 'a', text: 'x' },
          { id: 'a', text: 'y' },
        ],
      }).success,
    ).toBe(false);
  });

  it('checks a response against its poll', () => {
    const parse = (data: unknown) => pollResponsePayloadSchema.parse(data);
    expect(pollResponseIssues(smileys, parse({ kind: 'poll-response', pollId: 'welkom', answer: 'goed' }))).toEqual([]);
    expect(pollResponseIssues(smileys, parse({ kind: 'poll-response', pollId: 'welkom', answer: '7' }))[0]!.code).toBe('unknown_answer');
    expect(pollResponseIssues(smileys, parse({ kind: 'poll-response', pollId: 'welkom', comment: 'Fijn' }))[0]!.path).toBe('data.comment');
    expect(pollResponseIssues(statements, parse({ kind: 'poll-response', pollId: 'impact', statements: { nope: 'eens' } }))[0]!.path).toBe(
      'data.statements.nope',
    );
    expect(pollResponsePayloadSchema.safeParse({ kind: 'poll-response', pollId: 'welkom' }).success).toBe(false);
    expect(pollResponsePayloadSchema.safeParse({ kind: 'poll-response', pollId: 'welkom', comment: '  ' }).success).toBe(false);
  });
});
