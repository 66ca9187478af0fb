/**
 * A poll's answers as the visitor saw them: a choice's own label, the built-in answers as their
 * words (smileys with their word, "Niet eens, niet oneens"), never the stored code. Pure.
 */
import { AGREEMENT_VALUES, DONT_KNOW, SMILEY_VALUES, YES_NO_VALUES } from '../../schema/poll-constants.js';
import type { AdminPoll } from '../shared/api.js';
import type { AdminStrings } from '../shared/strings.js';

const BUILT_IN = new Set<string>([...SMILEY_VALUES, ...YES_NO_VALUES, ...AGREEMENT_VALUES, DONT_KNOW]);

type AnswerKey = Extract<keyof AdminStrings, `answer.${string}`>;

export function pollAnswerLabel(poll: Pick<AdminPoll, 'options'> | undefined, value: string, t: (key: AnswerKey) => string): string {
  const option = poll?.options.find((o) => o.value === value);
  if (option) return option.label;
  return BUILT_IN.has(value) ? t(`answer.${value}` as AnswerKey) : value;
}
