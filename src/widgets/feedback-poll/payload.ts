/**
 * Helpers of `<feedback-poll>`'s sending part: what the visitor chose → the response payload, and
 * back (to put a refused answer back in the form); the "answered in this browser" flag. No DOM but
 * storage. Only the sending part (`poll-send.ts`) uses them, so they load with it; the form's own
 * shapes are in `form-values.ts`.
 */
import type { PollDefinition, PollResponsePayload } from '../../schema/poll-constants.js';
import { answeredInMemory, flagKey, type PollValues } from './form-values.js';

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

/** Set the flag `hasAnswered` reads (`form-values.ts`); memory keeps it where storage is blocked. */
export function rememberAnswered(site: string, pollId: string): void {
  answeredInMemory.add(flagKey(site, pollId));
  try {
    localStorage.setItem(flagKey(site, pollId), new Date().toISOString());
  } catch {
    /* memory keeps it for this page */
  }
}
