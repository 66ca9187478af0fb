/**
 * Texts of `<feedback-poll>`. Dutch is plain language (B1) and built in; English and Arabic load
 * when a page asks for them. Every key can be overridden per instance (`strings`) and per locale
 * (`registerLocale`). The default statements have keys `statement.{id}`, so a translation can
 * replace them; a coordinator's own statements are shown as written. The texts shown only after
 * answering (states, thank-you, results) load with the sending part (`send-strings.ts`).
 */
import type { PluralMessage } from '../../core/localize.js';
import type { SendStrings } from './send-strings.js';

export const nl = {
  heading: 'Wat vind jij?',
  loading: 'De vragen worden geladen…',
  missing: 'Deze vragen kunnen we nu niet laten zien. Probeer het later nog eens.',
  closed: 'Deze peiling is gesloten. Bedankt voor je interesse!',
  notConnected: 'Antwoorden kan hier nog niet. Vraag het aan de mensen van het buurthuis.',
  optional: '(mag je overslaan)',
  'answer.heel-goed': 'Heel goed',
  'answer.goed': 'Goed',
  'answer.gaat-wel': 'Gaat wel',
  'answer.niet-goed': 'Niet goed',
  'answer.ja': 'Ja',
  'answer.een-beetje': 'Een beetje',
  'answer.nee': 'Nee',
  'answer.1': '1',
  'answer.5': '5',
  scaleLow: '1 = heel slecht',
  scaleHigh: '5 = heel goed',
  'agree.helemaal-oneens': 'Helemaal oneens',
  'agree.oneens': 'Oneens',
  'agree.neutraal': 'Niet eens, niet oneens',
  'agree.eens': 'Eens',
  'agree.helemaal-eens': 'Helemaal eens',
  'agree.weet-niet': 'Weet niet',
  stem: 'Door de activiteiten van {naam} …',
  statementsIntro: 'Geef bij elke zin aan hoeveel je het ermee eens bent.',
  'statement.ken-buurtbewoners': 'ken ik andere buurtbewoners.',
  'statement.praatje': 'maak ik vaker een praatje met mensen uit de buurt.',
  'statement.verbonden': 'voelen buurtbewoners zich meer verbonden met elkaar.',
  'statement.hulp-vinden': 'weet ik buurtbewoners beter te vinden als ik een vraag heb of iets nodig heb.',
  'statement.hulp-vragen': 'vraag ik vaker hulp en advies aan mensen uit de buurt.',
  'statement.vaardigheden': 'heb ik nieuwe vaardigheden geleerd.',
  'statement.zelfverzekerd': 'weet ik beter wat ik goed kan.',
  respondentLabel: 'Ik ben…',
  'respondent.bezoeker': 'bezoeker',
  'respondent.vrijwilliger': 'vrijwilliger',
  'respondent.buurtbewoner': 'buurtbewoner',
  'respondent.naaste': 'familie of vriend van een bezoeker',
  commentLabel: 'Wil je er iets bij zeggen?',
  storyLabel: 'Vertel in een paar zinnen wat {naam} voor je betekent',
  ourPlace: 'ons buurthuis',
  submit: 'Versturen',
  errEmpty: 'Kies eerst een antwoord, of schrijf iets op.',
  // Also shown when the widget kept a response itself because the sending part could not load.
  sending: 'Bezig met versturen…',
  sent: 'Verstuurd',
  queued: 'Je antwoord staat veilig op deze telefoon of computer. We sturen het als er weer internet is.',
  thanks: 'Bedankt!',
  thanksBody: 'Fijn dat je meedoet.',
  kioskNext: 'Over een paar seconden kan de volgende zijn antwoord geven.',
  offline: 'Er is nu geen internet. Je antwoord is nog niet verstuurd. Laat deze pagina open: we versturen het zodra er weer internet is.',
  already: 'Je hebt deze peiling al ingevuld. Bedankt!',
  kioskStopped: 'Deze tablet staat niet meer klaar.',
  kioskCount: { one: '{count} antwoord gegeven op dit apparaat.', other: '{count} antwoorden gegeven op dit apparaat.' } as PluralMessage,
  kioskResume: 'Tablet weer klaarzetten',
};

/** Every key of the widget, those of the sending part (`send-strings.ts`) included. */
export type FeedbackPollStrings = typeof nl & SendStrings;

declare module '../../core/localize.js' {
  interface StringScopes {
    'feedback-poll': FeedbackPollStrings;
  }
}
