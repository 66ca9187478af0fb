/**
 * Dutch texts of `<idea-box>` that appear only once the visitor sends: the checks, the error
 * summary, the sending states and the thank-you. They load with the sending part (`idea-sending-part.ts`),
 * which the widget fetches when the visitor starts on the form. Like every key they can be
 * overridden per instance and per locale; English and Arabic have them in their locale files.
 */
export const sendNl = {
  summaryTitle: 'Kijk nog even naar dit:',
  errIdeaMissing: 'Schrijf eerst je idee op.',
  errIdeaShort: 'Je idee is nog te kort. Schrijf minstens {min} tekens.',
  errIdeaLong: 'Je idee is te lang. Gebruik hoogstens {max} tekens.',
  errContact: 'Vul een e-mailadres of telefoonnummer in. Of maak dit vak leeg.',
  errConsent: 'Zet een vinkje als we contact met je mogen opnemen. Wil je dat niet? Maak dan het vak met je e-mail of telefoon leeg.',
  errField: 'Dit klopt nog niet.',
  errForm: 'Er klopt iets niet in het formulier.',
  sending: 'Bezig met versturen…',
  failed: 'Versturen lukte niet. Je tekst staat er nog. Probeer het nog eens.',
  earlierFailed: 'Je eerdere idee kon niet worden verstuurd:',
  lateSent: 'Je eerdere idee is nu verstuurd.',
  thanksTitle: 'Bedankt! Je idee is binnen.',
  thanksBody: 'We bespreken de ideeën elke maand in het huiskamergesprek. Je ziet hier terug wat we ermee doen.',
  queuedTitle: 'Bedankt voor je idee!',
  memoryTitle: 'Je idee is nog niet verstuurd.',
  queuedBody: 'Het is nog niet verstuurd. Je hoeft niets meer te doen: we sturen het vanzelf zodra dat kan.',
  another: 'Nog een idee sturen',
};

export type SendStrings = typeof sendNl;
