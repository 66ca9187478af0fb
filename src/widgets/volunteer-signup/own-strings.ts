/** Texts of the confirmation and the personal link's page, loaded with them. */
export const ownNl = {
  doneTitle: 'Dank je wel!',
  queuedTitle: 'Je aanmelding staat veilig op deze telefoon of computer',
  queuedBody: 'Er is nu geen internet. We sturen je aanmelding als er weer internet is, en laten weten of er plek is.',
  'status.confirmed': 'Je staat op het rooster',
  'status.waitlisted': 'Op de wachtlijst. We laten het weten als er plek komt.',
  'status.offered': 'Er is plek voor je! Bevestig vóór {time}.',
  'status.cancelled': 'Afgemeld',
  'status.expired': 'Niet op tijd bevestigd. De plek ging naar de volgende.',
  'status.pending': 'We laten je weten of er plek is',
  icsLink: 'Zet in je agenda',
  linkLabel: 'Je persoonlijke link',
  linkHint: 'Bewaar deze link. Daarmee kun je afmelden, of een plek bevestigen als je van de wachtlijst komt.',
  another: 'Nog een dienst kiezen',
  manageNotFound: 'Deze link hoort (nog) niet bij een aanmelding.',
  cancel: 'Afmelden',
  confirm: 'Ja, ik kom',
  cancelledNote: 'Je bent afgemeld. Fijn dat je het liet weten.',
  confirmedNote: 'Bevestigd. Tot dan!',
};

export type OwnStrings = typeof ownNl;
