/**
 * The consent texts a widget shows, per text version and locale, as the collector's registry: the
 * collector stores the SHA-256 of the exact text the visitor saw with every consent. A version is
 * never edited once released: a changed text is a new version (and a new entry here), so a stored
 * hash can always be checked against the text it stands for. `test/unit/consent-texts.test.ts`
 * holds these texts equal to the widgets' own strings.
 *
 * Plain data (no zod, no Node), so widgets and the collector can share it.
 */
import { IDEA_CONSENT_TEXT_VERSION } from './constants.js';

export const CONSENT_TEXTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [IDEA_CONSENT_TEXT_VERSION]: {
    nl: 'Jullie mogen mij over dit idee bellen of mailen. Mijn gegevens worden alleen daarvoor gebruikt.',
    en: 'You may call or e-mail me about this idea. My details are only used for that.',
    ar: 'يمكنكم الاتصال بي أو مراسلتي بخصوص هذه الفكرة. تُستخدم بياناتي لهذا فقط.',
  },
};

/**
 * The consent text of `version` the visitor saw in `locale`: the exact locale first, then its
 * language (`en-GB` → `en`). `undefined` when the version or the language is not registered.
 */
export function consentText(version: string, locale: string): string | undefined {
  const texts = Object.hasOwn(CONSENT_TEXTS, version) ? CONSENT_TEXTS[version] : undefined;
  if (!texts) return undefined;
  const lower = locale.toLowerCase();
  const language = lower.split('-')[0]!;
  for (const key of [lower, language]) if (Object.hasOwn(texts, key)) return texts[key];
  return undefined;
}
