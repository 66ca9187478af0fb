/**
 * Dutch texts of the result screen of `<welcome-intake>`. They travel with that screen
 * (`result.ts`), which loads on the last step; like every other key they can be overridden per
 * instance (`strings`) and per locale (`registerLocale`). English and Arabic keep them in their
 * own (lazy) locale files. The outcome of sending is in `strings.ts` (first download).
 */
export const sendNl = {
  resultTitle: 'Dit kun je hier doen',
  resultIntro: 'Kom gerust langs. Aanmelden hoeft niet.',
  resultQueued:
    'Er is nu geen internet. Je antwoorden staan veilig op dit apparaat: niemand kan ze hier lezen. We sturen ze als er weer internet is.',
  activitiesTitle: 'Activiteiten voor jou',
  noActivities: 'We zien nu geen activiteit die past. Kijk gerust in de agenda, of vraag het ons.',
  todayTitle: 'Vandaag',
  openToday: 'Vandaag open van {from} tot {until} uur',
  closedToday: 'Vandaag zijn we dicht.',
  contactTitle: 'Bij wie kun je terecht?',
  print: 'Afdrukken',
};

export type SendStrings = typeof sendNl;
