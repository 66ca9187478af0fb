/**
 * The English and Arabic of an activity's texts. The Dutch stays where it always was (`title`,
 * `description` … plain strings), so the calendar engine, the ICS reader and old data keep working
 * on strings; the translations sit beside them in `translations: {en?: {...}, ar?: {...}}`.
 * Zod-free: the widget imports this.
 */
import type { LocalizedText } from './localized-text.js';

/** The texts a visitor reads that a centre may translate; `fundingNote` is the costs note. */
export const ACTIVITY_TEXTS = ['title', 'description', 'location', 'statusReason', 'fundingNote', 'accessibilityNote'] as const;
export type ActivityTextKey = (typeof ACTIVITY_TEXTS)[number];
export const TRANSLATION_LANGS = ['en', 'ar'] as const;
export type TranslationLang = (typeof TRANSLATION_LANGS)[number];

export type ActivityTranslation = { readonly [K in ActivityTextKey]?: string | undefined };
export type ActivityTranslations = { readonly [L in TranslationLang]?: ActivityTranslation | undefined };

type Translatable = { readonly translations?: ActivityTranslations | undefined } & { readonly [K in ActivityTextKey]?: string | undefined };

/**
 * One text of an item with its translations. `own` is an occurrence's changed text (an override):
 * the translations were made for the item's text, so a changed one is shown in Dutch only.
 */
export function activityText(item: Translatable | undefined, key: ActivityTextKey, own?: string): LocalizedText | undefined {
  if (own !== undefined && own !== item?.[key]) return own;
  const nl = item?.[key];
  if (!nl) return undefined;
  const [en, ar] = TRANSLATION_LANGS.map((l) => item?.translations?.[l]?.[key]);
  return en || ar ? { nl, en, ar } : nl;
}

/**
 * The item with its texts in one language where given (Dutch otherwise) and without its
 * translations: what a feed or a downloaded event in that language carries.
 */
export function itemInLanguage<T extends Translatable>(item: T, lang: string): T {
  const { translations, ...rest } = item;
  const own = lang === 'en' || lang === 'ar' ? translations?.[lang] : undefined;
  const texts = Object.fromEntries(ACTIVITY_TEXTS.flatMap((k) => (item[k] && own?.[k] ? [[k, own[k]]] : [])));
  return { ...rest, ...texts } as unknown as T;
}
