/**
 * The shapes of `<feedback-poll>`'s form and what its first render needs: the values, whether a
 * poll sends on a tap, whether it is open today, and whether it was answered in this browser. In the
 * first download; building the payload (`payload.ts`) loads with the sending part.
 */
import type { AgreementValue, PollDefinition, PollRespondentType } from '../../schema/poll-constants.js';

export interface PollValues {
  answer: string | undefined;
  statements: Record<string, AgreementValue>;
  respondentType: PollRespondentType | undefined;
  comment: string;
  story: string;
}

export const emptyValues = (): PollValues => ({ answer: undefined, statements: {}, respondentType: undefined, comment: '', story: '' });

/** A poll that is one question and nothing else: the tap on an answer sends it. */
export const isOneTap = (poll: PollDefinition) => poll.kind !== 'statements' && !poll.comment && !poll.respondentType && !poll.story;

/** Whether today (the browser's local date) is inside the poll's period, if it is tied to one. */
export function isOpen(poll: PollDefinition, now = new Date()): boolean {
  if (!poll.period) return true;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return day >= poll.period.from && day <= poll.period.to;
}

export function hasAnswer(v: PollValues): boolean {
  return v.answer !== undefined || Object.keys(v.statements).length > 0 || v.comment.trim() !== '' || v.story.trim() !== '';
}

/**
 * One response per poll per browser: a localStorage flag, no cookie; memory where storage is
 * blocked. Set after answering by `rememberAnswered` (in `payload.ts`, with the sending part).
 */
export const answeredInMemory = new Set<string>();
export const flagKey = (site: string, pollId: string) => `buurtkit:poll:${site}:${pollId}`;

export function hasAnswered(site: string, pollId: string): boolean {
  try {
    if (localStorage.getItem(flagKey(site, pollId))) return true;
  } catch {
    /* blocked storage */
  }
  return answeredInMemory.has(flagKey(site, pollId));
}
