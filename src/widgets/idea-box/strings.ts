/**
 * Texts of `<idea-box>`. Dutch is plain language (B1): short sentences, "je", no jargon, no
 * assumption that the visitor has a problem. Every key can be overridden per instance
 * (`strings` property or JSON attribute) and per locale (`registerLocale`). Dutch is built in;
 * English loads when a page asks for it (`locales/en.ts`), and the texts of the public list load
 * with the list (`list-strings.ts`).
 */
import type { PluralMessage } from '../../core/localize.js';
import type { ListStrings } from './list-strings.js';

export const nl = {
  heading: 'Heb je een idee?',
  intro: 'Wat zou je graag willen doen, of wat kan er beter? Schrijf het hier op. Je hoeft je naam niet te geven.',
  optional: '(mag je overslaan)',
  ideaLabel: 'Je idee',
  ideaHint: 'Schrijf het in je eigen woorden. Kort is ook goed.',
  charCount: '{count} van {max} tekens',
  charsLeft: { one: 'Nog {count} teken over', other: 'Nog {count} tekens over' } as PluralMessage,
  categoryLabel: 'Waar gaat je idee over?',
  categoryNone: 'Weet ik niet',
  'category.activiteit': 'Een activiteit',
  'category.de-ruimte': 'De ruimte',
  'category.samen-organiseren': 'Samen iets organiseren',
  'category.zorg-of-zorgen': 'Een zorg of bezwaar',
  'category.anders': 'Iets anders',
  roleLabel: 'Ik ben…',
  roleNone: 'Zeg ik liever niet',
  'role.bezoeker': 'bezoeker',
  'role.naaste': 'familie of vriend van een bezoeker',
  'role.buurtbewoner': 'buurtbewoner',
  'role.vrijwilliger': 'vrijwilliger',
  'role.anders': 'iets anders',
  helpLabel: 'Ik wil helpen dit te organiseren',
  nameLabel: 'Je naam',
  contactLabel: 'E-mail of telefoonnummer',
  contactHint: 'Alleen invullen als je wilt dat we contact met je opnemen.',
  consentLabel:
    'Jullie mogen mij over dit idee bellen of mailen. Mijn gegevens worden alleen daarvoor gebruikt.',
  submit: 'Idee versturen',
  summaryTitle: 'Kijk nog even naar dit:',
  errIdeaMissing: 'Schrijf eerst je idee op.',
  errIdeaShort: 'Je idee is nog te kort. Schrijf minstens {min} tekens.',
  errIdeaLong: 'Je idee is te lang. Gebruik hoogstens {max} tekens.',
  errContact: 'Vul een e-mailadres of telefoonnummer in. Of maak dit vak leeg.',
  errConsent: 'Zet een vinkje als we contact met je mogen opnemen. Wil je dat niet? Maak dan het vak met je e-mail of telefoon leeg.',
  errField: 'Dit klopt nog niet.',
  errForm: 'Er klopt iets niet in het formulier.',
  notConnected: 'Dit formulier is nog niet aangesloten. Je kunt hier nu nog geen idee versturen.',
  sending: 'Bezig met versturen…',
  sent: 'Verstuurd',
  queued: 'Bewaard op dit apparaat — we versturen het zodra je weer online bent.',
  failed: 'Kon niet worden verstuurd. Je tekst staat er nog.',
  storageFailed: 'We konden je idee niet op dit apparaat bewaren. Laat deze pagina open, dan proberen we het te blijven versturen.',
  earlierFailed: 'Je eerdere idee kon niet worden verstuurd:',
  lateSent: 'Je eerdere idee is nu verstuurd.',
  thanksTitle: 'Bedankt! Je idee is binnen.',
  thanksBody: 'We bespreken de ideeën elke maand in het huiskamergesprek. Je ziet hier terug wat we ermee doen.',
  queuedTitle: 'Bedankt! Je idee is bewaard.',
  queuedBody: 'Het lukte nog niet om je idee te versturen. Het staat veilig op dit apparaat. We versturen het vanzelf zodra het kan.',
  another: 'Nog een idee sturen',
};

export type FormStrings = typeof nl;
/** Every key of the widget, the list's included. */
export type IdeaBoxStrings = FormStrings & ListStrings;

declare module '../../core/localize.js' {
  interface StringScopes {
    'idea-box': IdeaBoxStrings;
  }
}
