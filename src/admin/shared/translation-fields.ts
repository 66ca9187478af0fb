/**
 * The English and Arabic of a text visitors read, edited next to its Dutch field: visitors on an
 * English or Arabic page read these; left empty, they read the Dutch. Each input has the language
 * it holds (`lang`, and `dir="rtl"` for Arabic), so spelling checks and screen readers use it.
 */
import { html, type TemplateResult } from 'lit';
import { noTranslations, type DraftTranslations } from '../polls/poll-draft.js';
import type { AdminStrings } from './strings.js';

export function translationFields(
  t: (key: keyof AdminStrings, params?: Record<string, string | number>) => string,
  id: string,
  name: string,
  value: DraftTranslations | undefined,
  set: (value: DraftTranslations) => void,
  max: number,
): TemplateResult {
  return html`<div class="grid translations">
    ${(['en', 'ar'] as const).map(
      (lang) => html`<div class="field">
        <label for="${id}-${lang}">${t(`inLang.${lang}`, { name })}</label>
        <input id="${id}-${lang}" lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'} maxlength=${max} .value=${value?.[lang] ?? ''}
          @input=${(e: Event) => set({ ...(value ?? noTranslations()), [lang]: (e.target as HTMLInputElement).value })} />
      </div>`,
    )}
  </div>`;
}
