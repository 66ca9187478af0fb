/**
 * Texts of `<welcome-intake>` around the flow (the questions themselves are flow data). Dutch is
 * plain language (B1): short sentences, "je", nothing that assumes a problem or lectures. Every
 * key can be overridden per instance (`strings`) and per locale (`registerLocale`); English and
 * Arabic load when a page asks for them. The texts of the result screen travel with that screen
 * (`send-strings.ts`); the outcome of sending is here, as sending is in the first download.
 */
import type { SendStrings } from './send-strings.js';

export const nl = {
  heading: 'Welkom!',
  loading: 'Even laden…',
  notConnected: 'Dit kan hier nog niet. Vraag het aan de mensen van het buurthuis.',
  progress: 'Stap {step} van {total}',
  optional: '(mag je overslaan)',
  back: 'Terug',
  next: 'Verder',
  skip: 'Sla over',
  send: 'Versturen',
  sending: 'Bezig met versturen…',
  startOver: 'Opnieuw beginnen',
  chooseMany: 'Kies er zoveel als je wilt.',
  summaryTitle: 'Kijk nog even hiernaar:',
  errUnknownOption: 'Kies een van de keuzes.',
  errTooLong: 'Dit is te lang. Maak het wat korter.',
  errPhone: 'Vul een telefoonnummer in, bijvoorbeeld 06 12345678.',
  errEmail: 'Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
  errDetailMissing: 'Vul je telefoonnummer of e-mailadres in. Of kies een andere manier.',
  errConsent: 'Vink dit aan als we contact mogen opnemen. Of haal je gegevens weg.',
  errType: 'Dit antwoord past niet bij de vraag.',
  'onBehalf.self': 'Voor mezelf',
  'onBehalf.other': 'Voor iemand anders (ik ben familie of een vriend)',
  'onBehalf.together': 'Samen met iemand anders',
  'visibility.professional': 'Alleen de hulpverlener die hier werkt',
  'visibility.host': 'De gastvrouw of gastheer van de dag mag het ook zien',
  'channel.none': 'Liever niet',
  'channel.visit': 'Spreek me aan als ik er ben',
  'channel.phone': 'Bel me',
  'channel.email': 'Mail me',
  phoneLabel: 'Je telefoonnummer',
  emailLabel: 'Je e-mailadres',
  noteLabel: 'Met wie liever wel of juist niet?',
  noteHint: 'Bijvoorbeeld: liever een vrouw, of niet iemand uit mijn straat.',
  kioskNote: 'Samen invullen. Na het versturen kan niemand je antwoorden op dit apparaat teruglezen.',
  sent: 'Verstuurd. Bedankt!',
  queued:
    'Er is nu geen internet. Je antwoorden staan veilig op dit apparaat: niemand kan ze hier lezen. We sturen ze als er weer internet is.',
  notStored:
    'Het versturen lukt nu niet. Je antwoorden zijn niet op dit apparaat bewaard. Laat deze pagina open, dan versturen we ze zodra het kan.',
  lateSent: 'Je antwoorden zijn nu verstuurd.',
  failed: 'Versturen lukte niet. Je antwoorden staan er nog. Probeer het nog eens.',
  errForm: 'Er ging iets mis met je antwoorden.',
  storageFailed: 'We konden je antwoorden niet op dit apparaat bewaren. Laat deze pagina open, dan blijven we het proberen.',
};

export type IntakeStrings = typeof nl & SendStrings;

declare module '../../core/localize.js' {
  interface StringScopes {
    'welcome-intake': IntakeStrings;
  }
}
