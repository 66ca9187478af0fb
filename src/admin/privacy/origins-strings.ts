/** Texts of the coordinator page's "websites" part (`origins.ts`): Dutch built in, English with the locale. */
export const originsNl = {
  originsHeading: 'Websites met de formulieren',
  originsIntro:
    'Alleen deze websites mogen de formulieren en lijsten van jullie buurthuis tonen. Staat een website er niet bij, dan staat er in het formulier dat het daar nog niet kan, en dat bezoekers het aan jullie kunnen vragen.',
  originsLabel: 'Website-adressen, één per regel',
  originsHint: 'Alleen het begin van het adres, zoals https://www.buurthuis-de-linde.nl — zonder /pagina erachter.',
  originsSaved: 'Opgeslagen. Deze websites mogen de formulieren nu gebruiken.',
  originsNone: 'Nog geen enkele website: de formulieren werken nu nergens.',
};

export const originsEn: typeof originsNl = {
  originsHeading: 'Websites with the forms',
  originsIntro:
    'Only these websites may show your centre’s forms and lists. On a website that is not listed, the form says it does not work there yet, and to ask the people at the centre.',
  originsLabel: 'Website addresses, one per line',
  originsHint: 'Only the start of the address, such as https://www.buurthuis-de-linde.nl — without a /page after it.',
  originsSaved: 'Saved. These websites may use the forms now.',
  originsNone: 'No website yet: the forms do not work anywhere now.',
};
