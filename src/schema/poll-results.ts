/**
 * Aggregating poll responses (pure, zod-free; the collector, the report and the widget use it).
 *
 * - n: the responses counted; per question, those that answered it.
 * - % per answer: count over those who answered the question.
 * - % eens per statement: (eens + helemaal eens) / those with an opinion, i.e. everyone who answered
 *   the statement except "weet niet" (the Badhuis survey's "% eens"). `null` when nobody had one.
 */
import { dutchText } from './localized-text.js';
import {
  AGREE_VALUES,
  AGREEMENT_VALUES,
  DONT_KNOW,
  POLL_RESPONDENT_TYPES,
  answerValues,
  statementsOf,
  type PollDefinition,
  type PollRespondentType,
} from './poll-constants.js';

/** The part of a stored response that aggregation reads. */
export interface PollAnswers {
  answer?: string | null | undefined;
  statements?: Record<string, string> | null | undefined;
  respondentType?: string | null | undefined;
}

export interface AnswerCount {
  value: string;
  count: number;
  /** count / answered, 0–100 with one decimal; null when nobody answered. */
  percent: number | null;
}

export interface QuestionResult {
  /** Responses that answered the question. */
  n: number;
  answers: AnswerCount[];
}

export interface StatementResult {
  id: string;
  text: string;
  theme: string | null;
  /** Answered the statement, "weet niet" included. */
  answered: number;
  dontKnow: number;
  /** With an opinion: answered minus "weet niet". The n behind `percentAgree`. */
  n: number;
  agree: number;
  /** agree / n, 0–100 with one decimal; null when n is 0. */
  percentAgree: number | null;
  /** Counts per scale point, in scale order, "weet niet" last. */
  answers: AnswerCount[];
}

export interface PollResults {
  pollId: string;
  /** Responses counted. */
  n: number;
  question: QuestionResult | null;
  statements: StatementResult[];
}

export interface PollResultsByType extends PollResults {
  /** The same figures per respondent type; `onbekend` for responses that did not say. */
  byRespondentType?: Record<PollRespondentType | 'onbekend', PollResults>;
}

/** 0–100 with one decimal; null for 0/0. */
export function percent(count: number, of: number): number | null {
  return of === 0 ? null : Math.round((count / of) * 1000) / 10;
}

function counts(values: readonly string[], given: (string | undefined | null)[]): QuestionResult {
  const tally = new Map(values.map((v) => [v, 0]));
  let n = 0;
  for (const v of given) {
    if (v === undefined || v === null || !tally.has(v)) continue;
    tally.set(v, tally.get(v)! + 1);
    n++;
  }
  return { n, answers: values.map((value) => ({ value, count: tally.get(value)!, percent: percent(tally.get(value)!, n) })) };
}

export function aggregatePoll(poll: PollDefinition, responses: readonly PollAnswers[]): PollResults {
  const values = answerValues(poll);
  const question = values.length
    ? counts(
        values,
        responses.map((r) => r.answer),
      )
    : null;
  const scale = [...AGREEMENT_VALUES, DONT_KNOW];
  const statements = statementsOf(poll).map((s): StatementResult => {
    const { n: answered, answers } = counts(
      scale,
      responses.map((r) => r.statements?.[s.id]),
    );
    const dontKnow = answers.find((a) => a.value === DONT_KNOW)!.count;
    const agree = answers.filter((a) => AGREE_VALUES.includes(a.value as never)).reduce((sum, a) => sum + a.count, 0);
    const n = answered - dontKnow;
    return {
      id: s.id,
      text: dutchText(s.text),
      theme: s.theme ?? null,
      answered,
      dontKnow,
      n,
      agree,
      percentAgree: percent(agree, n),
      answers,
    };
  });
  return { pollId: poll.id, n: responses.length, question, statements };
}

/** Results, and when asked the same split by respondent type. */
export function aggregatePollByType(poll: PollDefinition, responses: readonly PollAnswers[], split: boolean): PollResultsByType {
  const all: PollResultsByType = aggregatePoll(poll, responses);
  if (!split) return all;
  const types = [...POLL_RESPONDENT_TYPES, 'onbekend'] as const;
  const known = new Set<string>(POLL_RESPONDENT_TYPES);
  all.byRespondentType = Object.fromEntries(
    types.map((type) => [
      type,
      aggregatePoll(
        poll,
        responses.filter((r) => (type === 'onbekend' ? !r.respondentType || !known.has(r.respondentType) : r.respondentType === type)),
      ),
    ]),
  ) as Record<PollRespondentType | 'onbekend', PollResults>;
  return all;
}

export interface StatementComparison {
  id: string;
  text: string;
  current: { percentAgree: number | null; n: number };
  previous: { percentAgree: number | null; n: number };
  /** Percentage points, current minus previous; null when either has no opinion to count. */
  change: number | null;
}

/** Statement by statement, this period against the previous one. */
export function compareStatements(current: PollResults, previous: PollResults): StatementComparison[] {
  const before = new Map(previous.statements.map((s) => [s.id, s]));
  return current.statements.map((s) => {
    const p = before.get(s.id);
    const prev = { percentAgree: p?.percentAgree ?? null, n: p?.n ?? 0 };
    const change =
      s.percentAgree === null || prev.percentAgree === null ? null : Math.round((s.percentAgree - prev.percentAgree) * 10) / 10;
    return { id: s.id, text: s.text, current: { percentAgree: s.percentAgree, n: s.n }, previous: prev, change };
  });
}
