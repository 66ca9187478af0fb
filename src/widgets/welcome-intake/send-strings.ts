/**
 * Dutch texts of the sending half of `<welcome-intake>`: the delivery outcome and the result
 * screen. They travel with that half (`send.ts`), which loads when the visitor reaches the last
 * step or sends; like every other key they can be overridden per instance (`strings`) and per
 * locale (`registerLocale`). English and Arabic keep them in their own (lazy) locale files.
 */
export const sendNl = {
  sent: 'Verstuurd. Bedankt!',
  queued: 'Je antwoorden staan veilig op deze telefoon of computer. We sturen ze als dat weer kan.',
  lateSent: 'Je antwoorden zijn nu verstuurd.',
  failed: 'Kon niet worden verstuurd. Je antwoorden staan er nog.',
  errForm: 'Er ging iets mis met je antwoorden.',
  storageFailed: 'We konden je antwoorden niet op dit apparaat bewaren. Laat deze pagina open, dan blijven we het proberen.',
  resultTitle: 'Dit kun je hier doen',
  resultIntro: 'Kom gerust langs. Aanmelden hoeft niet.',
  resultQueued: 'Je antwoorden zijn bewaard. Ze worden verstuurd zodra er weer internet is.',
  activitiesTitle: 'Activiteiten voor jou',
  noActivities: 'We zien nu geen activiteit die past. Kijk gerust in de agenda, of vraag het ons.',
  todayTitle: 'Vandaag',
  openToday: 'Vandaag open van {from} tot {until} uur',
  closedToday: 'Vandaag zijn we dicht.',
  contactTitle: 'Bij wie kun je terecht?',
  print: 'Afdrukken',
};

export type SendStrings = typeof sendNl;
