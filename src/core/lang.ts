/**
 * Language resolution for widgets: the element's own `lang`, else the closest ancestor with `lang`
 * (crossing shadow roots), else `<html lang>`, else Dutch. No page-global i18n runtime: one shared
 * MutationObserver on `<html>`, watching only `lang` attributes, and only while widgets are connected.
 */

export const DEFAULT_LOCALE = 'nl';

/** Languages written right to left (primary subtags). */
const RTL = ['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'ckb', 'dv', 'ug', 'sd'];

/** `el` or its closest ancestor, crossing shadow roots, that passes `test`. */
export function closestAcross(el: Element, test: (el: Element) => boolean): Element | undefined {
  for (let node: Node | null = el; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && test(node)) return node;
  }
  return undefined;
}

export function resolveLang(el: Element): string {
  return closestAcross(el, (e) => !!e.getAttribute('lang'))?.getAttribute('lang') ?? DEFAULT_LOCALE;
}

/** The primary subtag, lower case: `nl-BE` → `nl`. */
const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0]!;

/**
 * Pick the best available locale for a requested tag, region-insensitively:
 * `nl-BE` → `nl`, `en-GB` → `en`, unknown → `nl`. Pure.
 */
export function matchLocale(requested: string, available: Iterable<string>): string {
  const list = [...available];
  const find = (tag: string) => list.find((l) => l.toLowerCase() === tag);
  const want = requested.trim().toLowerCase();
  return find(want) ?? find(primary(want)) ?? DEFAULT_LOCALE;
}

export function dirOf(locale: string): 'ltr' | 'rtl' {
  return RTL.includes(primary(locale)) ? 'rtl' : 'ltr';
}

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/** Tell every observing widget to resolve its language and strings again. */
export const languageChanged = () => listeners.forEach((l) => l());

/**
 * Call `cb` when any `lang` attribute in the document changes, or strings were registered.
 * Returns the unsubscribe function.
 */
export function observeLang(cb: () => void): () => void {
  listeners.add(cb);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(languageChanged);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(cb);
    if (!listeners.size) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
