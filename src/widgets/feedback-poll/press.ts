/**
 * What a press of an answer needs to put the response in the outbox: the "answered in this
 * browser" claim and the envelope. In the first download, so a response given while the sending
 * part could not load (the network dropped just after the page loaded) is stored on the device at
 * once and any later page of the site sends it.
 *
 * One response per poll per browser, across tabs and offline: the flag is claimed under a Web Lock
 * before the response is queued, so of two tabs answering at the same time only one queues.
 */
import { buildEnvelope } from '../../core/envelope.js';
import type { Envelope } from '../../schema/envelope.js';
import type { PollDefinition, PollResponsePayload } from '../../schema/poll-constants.js';
import { answeredInMemory, flagKey, hasAnswered, type PollValues } from './form-values.js';

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

/** The envelope of a response, with a fresh id: the outbox sends it exactly once under that id. */
export function pollEnvelope(
  site: string,
  locale: string,
  payload: PollResponsePayload,
  trap: { honeypot: string; startedAt: number },
): Envelope<PollResponsePayload> {
  return buildEnvelope<PollResponsePayload>({
    site,
    widget: 'feedback-poll',
    locale,
    data: payload,
    trap: { honeypot: trap.honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - trap.startedAt)) },
  });
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

/** Clear the flag again: the response was refused or cancelled, so the visitor may answer again. */
export function forgetAnswered(site: string, pollId: string): void {
  answeredInMemory.delete(flagKey(site, pollId));
  try {
    localStorage.removeItem(flagKey(site, pollId));
  } catch {
    /* blocked storage: memory only */
  }
}

/**
 * Mark the poll answered in this browser unless it already is; true when this call did. The
 * check and the write run under one Web Lock, so two tabs cannot both see "not answered yet".
 */
export function claimAnswer(site: string, pollId: string): Promise<boolean> {
  const claim = () => {
    if (hasAnswered(site, pollId)) return false;
    rememberAnswered(site, pollId);
    return true;
  };
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(`buurtkit-${flagKey(site, pollId)}`, claim) : Promise.resolve(claim());
}
