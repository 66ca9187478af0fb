/**
 * Texts of `<idea-box>`. Dutch is plain language (B1): short sentences, "je", no jargon, no
 * assumption that the visitor has a problem. Every key can be overridden per instance
 * (`strings` property or JSON attribute) and per locale (`registerLocale`). Dutch is built in;
 * English loads when a page asks for it (`locales/en.ts`); the texts of the public list load
 * with the list (`list-strings.ts`), and those shown after pressing send (checks, thank-you,
 * states) with the sending part (`send-strings.ts`).
 */
import type { PluralMessage } from '../../core/localize.js';
import type { ListStrings } from './list-strings.js';
import type { SendStrings } from './send-strings.js';

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
  consentLabel: 'Jullie mogen mij over dit idee bellen of mailen. Mijn gegevens worden alleen daarvoor gebruikt.',
  submit: 'Idee versturen',
  notConnected: 'Een idee sturen kan hier nog niet. Vraag het aan de mensen van het buurthuis.',
  // Also shown when the widget kept an idea itself because the sending part could not load.
  sent: 'Verstuurd',
  queued: 'Je idee staat veilig op deze telefoon of computer. We sturen het als er weer internet is.',
  storageFailed: 'We konden je idee niet op dit apparaat bewaren. Laat deze pagina open, dan proberen we het te blijven versturen.',
  offline: 'Er is nu geen internet. Je idee staat er nog. Laat deze pagina open: we versturen het zodra er weer internet is.',
};

/** The form's texts, those of the sending part (`send-strings.ts`) included. */
export type FormStrings = typeof nl & SendStrings;
/** Every key of the widget, the list's included. */
export type IdeaBoxStrings = FormStrings & ListStrings;

declare module '../../core/localize.js' {
  interface StringScopes {
    'idea-box': IdeaBoxStrings;
  }
}
