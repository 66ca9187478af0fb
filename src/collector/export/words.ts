/**
 * The Dutch words a coordinator reads in CSV and XLSX cells instead of the codes the data holds
 * (JSON and NDJSON keep the codes). An unknown code is shown as it is rather than dropped.
 */
const word = (words: Record<string, string>) => (code: string | null | undefined) =>
  code === null || code === undefined ? null : (words[code] ?? code);

export const ideaStatusWord = word({
  ontvangen: 'Ontvangen',
  'wordt-besproken': 'Wordt besproken',
  gepland: 'Gepland',
  gedaan: 'Gedaan',
  'niet-mogelijk': 'Niet mogelijk',
});

export const ideaRoleWord = word({
  bezoeker: 'Bezoeker',
  naaste: 'Naaste',
  buurtbewoner: 'Buurtbewoner',
  vrijwilliger: 'Vrijwilliger',
  anders: 'Anders',
});

export const ideaCategoryWord = word({
  activiteit: 'Een activiteit',
  'de-ruimte': 'De ruimte',
  'samen-organiseren': 'Samen iets organiseren',
  'zorg-of-zorgen': 'Een zorg of bezwaar',
  anders: 'Iets anders',
});

export const signupStatusWord = word({
  confirmed: 'Komt',
  waitlisted: 'Op de wachtlijst',
  offered: 'Plek aangeboden',
  cancelled: 'Afgemeld',
  expired: 'Verlopen',
});

export const intakeVisibilityWord = word({
  professional: 'Alleen de hulpverlener',
  host: 'Ook de gastvrouw of gastheer',
});

export const pollAnswerWord = word({
  'heel-goed': '😀 Heel goed',
  goed: '🙂 Goed',
  'gaat-wel': '😐 Gaat wel',
  'niet-goed': '🙁 Niet goed',
  ja: 'Ja',
  'een-beetje': 'Een beetje',
  nee: 'Nee',
  'helemaal-oneens': 'Helemaal oneens',
  oneens: 'Oneens',
  neutraal: 'Niet eens, niet oneens',
  eens: 'Eens',
  'helemaal-eens': 'Helemaal eens',
  'weet-niet': 'Weet ik niet',
  eens_totaal: 'Eens (totaal)',
});

export const respondentWord = word({
  bezoeker: 'Bezoeker',
  vrijwilliger: 'Vrijwilliger',
  buurtbewoner: 'Buurtbewoner',
  naaste: 'Naaste',
  onbekend: 'Niet gezegd',
  alle: 'Iedereen',
});

export const pollModeWord = word({ inline: 'Op de website', kiosk: 'Op de tablet in het buurthuis' });

export const pollPartWord = word({ vraag: 'Vraag', stelling: 'Stelling' });

const languages = new Intl.DisplayNames(['nl'], { type: 'language' });
/** A site has a handful of languages, but an export asks once per row: `of()` is slow enough to show in a million rows. */
const languageWords = new Map<string, string>();
/** `nl` → "Nederlands", `ar` → "Arabisch"; the code itself when it is no language tag. */
export function languageWord(code: string | null | undefined): string | null {
  if (!code) return null;
  let word = languageWords.get(code);
  if (word === undefined) {
    try {
      const name = languages.of(code);
      word = name ? name.charAt(0).toUpperCase() + name.slice(1) : code;
    } catch {
      word = code;
    }
    if (languageWords.size >= 1_000) languageWords.clear();
    languageWords.set(code, word);
  }
  return word;
}

export const motivationWord = word({
  'mensen-ontmoeten': 'Mensen ontmoeten',
  'iets-te-doen': 'Iets te doen hebben',
  werkervaring: 'Werkervaring opdoen',
  'iets-terugdoen': 'Iets terugdoen voor de buurt',
  'iets-leren': 'Iets leren',
  anders: 'Iets anders',
});
