/** The message of a failed save in the manage forms. */
import { problemText } from '../exports/exports.js';

type Strings = { t(key: 'networkError'): string; t(key: 'calendarSaveFailed', values: { message: string }): string };

/** "Niet opgeslagen: <reason>. Wat je invulde staat er nog." — the reason always a sentence. */
export function saveFailedText(l: Strings, error: unknown): string {
  const reason = problemText(l, error);
  return l.t('calendarSaveFailed', { message: /[.!?]$/.test(reason) ? reason : `${reason}.` });
}
