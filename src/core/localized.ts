/**
 * Content a centre entered (`LocalizedText`), shown in the widget's language. A text without a
 * translation for that language is shown in Dutch inside `<span lang="nl" dir="ltr">`, so a
 * screen reader switches to Dutch pronunciation and an Arabic page keeps the Dutch words in order.
 */
import { html, type TemplateResult } from 'lit';
import { textFor, type LocalizedText } from '../schema/localized-text.js';

const baseOf = (locale: string) => locale.toLowerCase().split('-')[0]!;

export function localized(
  text: LocalizedText | undefined,
  locale: string,
  edit: (text: string) => string = (t) => t,
): TemplateResult | string {
  const t = textFor(text, locale);
  return t.lang === baseOf(locale) ? edit(t.text) : html`<span lang=${t.lang} dir="ltr">${edit(t.text)}</span>`;
}
