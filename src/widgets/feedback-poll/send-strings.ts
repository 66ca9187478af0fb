/**
 * Dutch texts of `<feedback-poll>` that appear only once the visitor has answered: the sending
 * states, the thank-you and the results. They load with the sending part
 * (`poll-sending-part.ts`), which the widget fetches right after the first render (again when the
 * visitor starts on the poll, if that failed). Like every key they can be overridden per instance and per locale; English
 * and Arabic have them in their locale files.
 */
import type { PluralMessage } from '../../core/localize.js';

export const sendNl = {
  failed: 'Versturen lukte niet. Probeer het nog eens.',
  lateSent: 'Je antwoord is nu verstuurd.',
  resultsTitle: 'Zo antwoordden anderen',
  resultsCount: { one: '{count} antwoord', other: '{count} antwoorden' } as PluralMessage,
  resultLine: '{label}: {count} ({percent})',
};

export type SendStrings = typeof sendNl;
