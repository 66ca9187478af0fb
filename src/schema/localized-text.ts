/**
 * Text a centre enters that visitors read, in one language or several: a plain string (Dutch, as
 * all data was before translations existed) or `{nl, en?, ar?}`. Dutch is always there; a reader
 * whose language has no translation gets the Dutch, and is told so (the widgets mark it
 * `lang="nl"`, so a screen reader pronounces it as Dutch). Zod-free: widgets import this.
 */
export const CONTENT_LOCALES = ['nl', 'en', 'ar'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

export type LocalizedText = string | { nl: string; en?: string | undefined; ar?: string | undefined };

export interface TextInLanguage {
  text: string;
  /** The language the text is in: the reader's, or `nl` when it falls back to Dutch. */
  lang: ContentLocale;
}

const baseOf = (locale: string): string => locale.toLowerCase().split('-')[0]!;

/** The text for a reader's language (`en-GB` reads `en`), else the Dutch. */
export function textFor(text: LocalizedText | undefined, locale: string): TextInLanguage {
  if (text === undefined) return { text: '', lang: 'nl' };
  if (typeof text === 'string') return { text, lang: 'nl' };
  const base = baseOf(locale);
  const own = base === 'en' || base === 'ar' ? text[base] : undefined;
  return own ? { text: own, lang: base as ContentLocale } : { text: text.nl, lang: 'nl' };
}

/** The Dutch text: what coordinators, exports and reports read first. */
export const dutchText = (text: LocalizedText | undefined): string => textFor(text, 'nl').text;

/** Every language given, Dutch first. */
export function translationsOf(text: LocalizedText | undefined): Partial<Record<ContentLocale, string>> {
  if (text === undefined) return {};
  if (typeof text === 'string') return { nl: text };
  return Object.fromEntries(CONTENT_LOCALES.filter((l) => text[l]).map((l) => [l, text[l]!]));
}

/** A text from its languages: a plain string when only Dutch is given (as stored before). */
export function localizedOf(nl: string, en?: string, ar?: string): LocalizedText {
  const t = { nl: nl.trim(), en: en?.trim() || undefined, ar: ar?.trim() || undefined };
  return t.en || t.ar ? JSON.parse(JSON.stringify(t)) : t.nl;
}
