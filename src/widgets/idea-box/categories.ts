/**
 * The category choices of `<idea-box>`: the `categories` attribute is a comma list
 * (`activiteit, de-ruimte, Tuin`) or a JSON array of `{value, label}` where `label` is a string or
 * per-language labels (`{"nl": "De tuin", "en": "The garden"}`). Pure.
 */
import { CATEGORY_MAX, DEFAULT_IDEA_CATEGORIES } from '../../schema/constants.js';

export interface CategoryOption {
  value: string;
  /** Shown as-is, or per language; when absent the built-in label for `value` (or `value` itself). */
  label?: string | Record<string, string>;
}

export const defaultCategories = (): CategoryOption[] => DEFAULT_IDEA_CATEGORIES.map((value) => ({ value }));

export function parseCategories(attr: string | null): CategoryOption[] | undefined {
  const text = attr?.trim();
  if (!text) return undefined;
  let list: CategoryOption[];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      list = Array.isArray(parsed) ? parsed.map((c: unknown) => (typeof c === 'string' ? { value: c } : (c as CategoryOption))) : [];
    } catch {
      console.warn('[buurtkit] <idea-box categories> is not valid JSON; using the default categories.');
      return undefined;
    }
  } else {
    list = text.split(',').map((value) => ({ value: value.trim() }));
  }
  list = list.filter((c) => typeof c?.value === 'string' && c.value.trim() && c.value.length <= CATEGORY_MAX);
  return list.length ? list : undefined;
}

/** The label to show: per-language label, plain label, built-in label, or the value itself. */
export function categoryLabel(c: CategoryOption, locale: string, builtIn: (value: string) => string | undefined): string {
  if (typeof c.label === 'string') return c.label;
  if (c.label) return c.label[locale] ?? c.label['nl'] ?? Object.values(c.label)[0] ?? c.value;
  return builtIn(c.value) ?? c.value;
}
