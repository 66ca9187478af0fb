/**
 * Helpers of `<feedback-poll>`'s sending part: a refused response back into the form. Building the
 * payload and the "answered in this browser" flag are in the first download (`press.ts`).
 */
import type { PollResponsePayload } from '../../schema/poll-constants.js';
import type { PollValues } from './form-values.js';

export function valuesFromPayload(p: Partial<PollResponsePayload>): PollValues {
  return {
    answer: p.answer,
    statements: { ...p.statements },
    respondentType: p.respondentType,
    comment: p.comment ?? '',
    story: p.story ?? '',
  };
}
