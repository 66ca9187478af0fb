/**
 * Pure helpers of `<feedback-poll>`: what the visitor chose → the response payload, and back (to
 * put a refused answer back in the form); the "answered in this browser" flag. No DOM but storage.
 */
import type { AgreementValue, PollDefinition, PollRespondentType, PollResponsePayload } from '../../schema/poll-constants.js';

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

export function buildPollPayload(
  poll: PollDefinition,
  v: PollValues,
  options: { activityId?: string | undefined; kiosk: boolean },
): PollResponsePayload {
  const payload: PollResponsePayload = { kind: 'poll-response', pollId: poll.id, mode: options.kiosk ? 'kiosk' : 'inline' };
  if (v.answer !== undefined) payload.answer = v.answer;
  if (Object.keys(v.statements).length) payload.statements = { ...v.statements };
  if (poll.respondentType && v.respondentType) payload.respondentType = v.respondentType;
  if (poll.comment && v.comment.trim()) payload.comment = v.comment.trim();
  if (poll.story && v.story.trim()) payload.story = v.story.trim();
  const activityId = options.activityId ?? poll.activityId;
  if (activityId) payload.activityId = activityId;
  return payload;
}

export function valuesFromPayload(p: Partial<PollResponsePayload>): PollValues {
  return {
    answer: p.answer,
    statements: { ...p.statements },
    respondentType: p.respondentType,
    comment: p.comment ?? '',
    story: p.story ?? '',
  };
}

/** One response per poll per browser: a localStorage flag, no cookie. Memory where storage is blocked. */
const memory = new Set<string>();
const flagKey = (site: string, pollId: string) => `buurtkit:poll:${site}:${pollId}`;

export function hasAnswered(site: string, pollId: string): boolean {
  try {
    if (localStorage.getItem(flagKey(site, pollId))) return true;
  } catch {
    /* blocked storage */
  }
  return memory.has(flagKey(site, pollId));
}

export function rememberAnswered(site: string, pollId: string): void {
  memory.add(flagKey(site, pollId));
  try {
    localStorage.setItem(flagKey(site, pollId), new Date().toISOString());
  } catch {
    /* memory keeps it for this page */
  }
}
