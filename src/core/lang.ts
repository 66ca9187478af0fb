/**
 * Language resolution for widgets: the element's own `lang`, else the closest ancestor with `lang`
 * (crossing shadow roots), else `<html lang>`, else Dutch. No page-global i18n runtime: one shared
 * MutationObserver on `<html>`, watching only `lang` attributes, and only while widgets are connected.
 */

export const DEFAULT_LOCALE = 'nl';

/** Languages written right to left (primary subtags). */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'ckb', 'dv', 'ug', 'sd']);

export function resolveLang(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return DEFAULT_LOCALE;
}

/**
 * Pick the best available locale for a requested tag, region-insensitively:
 * `nl-BE` → `nl`, `en-GB` → `en`, unknown → `nl`. Pure.
 */
export function matchLocale(requested: string, available: Iterable<string>): string {
  const want = requested.trim().toLowerCase();
  const list = [...available];
  const exact = list.find((l) => l.toLowerCase() === want);
  if (exact) return exact;
  const primary = want.split(/[-_]/)[0];
  return list.find((l) => l.toLowerCase() === primary) ?? DEFAULT_LOCALE;
}

export function dirOf(locale: string): 'ltr' | 'rtl' {
  return RTL.has(locale.toLowerCase().split(/[-_]/)[0]!) ? 'rtl' : 'ltr';
}

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/** Call `cb` when any `lang` attribute in the document changes. Returns the unsubscribe function. */
export function observeLang(cb: () => void): () => void {
  listeners.add(cb);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
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
