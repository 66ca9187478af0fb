import type { LocalizeController, PluralMessage } from '../../core/localize.js';
import type { ActivityCalendarStrings } from './strings.js';

/** Dutch texts of the filters; they load with the filters (see `strings.ts`). */
export const filterNl = {
  emptyFiltered: 'Er is niets voor deze keuze. Kies iets anders of toon alles.',
  audienceLabel: 'Voor wie?',
  categoryLabel: 'Soort activiteit',
  categoryAll: 'Alles',
  showAll: 'Alles tonen',
  shown: { one: '{count} activiteit', other: '{count} activiteiten' } as PluralMessage,
};

/**
 * Labels of data values, keyed `audience.*` and `category.*`; an unknown value is shown as written.
 * The filters and the detail show them, and load them.
 */
export const labelNl = {
  'audience.iedereen': 'iedereen',
  'audience.senioren': 'senioren',
  'audience.kinderen': 'kinderen',
  'audience.jongeren': 'jongeren',
  'audience.ouders': 'ouders',
  'audience.moeders': 'moeders',
  'audience.naasten': 'familie en vrienden',
  'audience.mensen-met-een-beperking': 'mensen met een beperking',
  'audience.anderstaligen': 'anderstaligen',
  'audience.nieuwkomers': 'nieuwkomers',
  'audience.buurtbewoners': 'buurtbewoners',
  'audience.vrijwilligers': 'vrijwilligers',
  'category.ontmoeten': 'Ontmoeten',
  'category.eten-en-drinken': 'Eten en drinken',
  'category.creatief': 'Creatief',
  'category.bewegen': 'Bewegen',
  'category.leren': 'Leren',
  'category.spreekuur': 'Spreekuur',
  'category.informatie': 'Informatie',
  'category.feest': 'Feest',
  'category.natuur-en-tuin': 'Natuur en tuin',
  'category.hulp-en-advies': 'Hulp en advies',
};

export type FilterStrings = typeof filterNl;
export type LabelStrings = typeof labelNl;

/**
 * The label of a data value (`audience.naasten` → "familie en vrienden"). An unknown code is read
 * as words (`hulp-bij-schulden` → "Hulp bij schulden" for a category); a value someone typed with
 * capitals or spaces is shown as written.
 */
export const label = (
  l: LocalizeController<ActivityCalendarStrings>,
  prefix: 'audience' | 'access' | 'role' | 'category',
  value: string,
) => (l.has(`${prefix}.${value}`) ? l.t(`${prefix}.${value}` as keyof ActivityCalendarStrings) : asWords(value, prefix === 'category'));

function asWords(value: string, capital: boolean): string {
  if (!/^[\p{Ll}\d]+(?:-[\p{Ll}\d]+)*$/u.test(value)) return value;
  const words = value.replace(/-/g, ' ');
  return capital ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}
