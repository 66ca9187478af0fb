/**
 * What a visitor and the site owner get when the page's Content-Security-Policy refuses the Trusted
 * Types policy that Lit needs (`lit-html`): a short message in each widget's place instead of a
 * blank, and one console error naming the exact change. Plain DOM, no Lit: Lit is what failed.
 */

/** The policy names to allow, as the README states them. */
export const POLICY = 'lit-html';

const MESSAGES = {
  nl: 'Dit onderdeel kan op deze pagina niet worden getoond. De beheerder van de website kan dit oplossen.',
  en: 'This part cannot be shown on this page. The website administrator can fix this.',
  ar: 'لا يمكن عرض هذا الجزء في هذه الصفحة. يمكن لمسؤول الموقع إصلاح ذلك.',
} as const;

/** Whether a failed import failed on Trusted Types (creating Lit's policy), not on the network. */
export function isTrustedTypesRefusal(error: unknown): boolean {
  return error instanceof Error && /createPolicy|trusted.?type/i.test(error.message);
}

function languageOf(el: Element): keyof typeof MESSAGES {
  const lang = (el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'nl').toLowerCase();
  const base = lang.split('-')[0]!;
  return base === 'en' || base === 'ar' ? base : 'nl';
}

const shown = new WeakSet<Element>();

/** Put the message in `el`'s place (in its own shadow root, so host CSS and children stay as they are). */
export function showBlocked(el: Element): void {
  if (shown.has(el)) return;
  shown.add(el);
  const lang = languageOf(el);
  const p = document.createElement('p');
  p.lang = lang;
  p.dir = lang === 'ar' ? 'rtl' : 'ltr';
  p.setAttribute('part', 'blocked');
  p.textContent = MESSAGES[lang];
  // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
  Object.assign(p.style, { margin: '0', padding: '0.75em 1em', border: '1px solid currentColor', borderRadius: '0.5em' });
  try {
    el.attachShadow({ mode: 'open' }).append(p);
  } catch {
    el.before(p);
  }
}

let told = false;

/** One console error for the site owner, naming the CSP change. */
export function tellSiteOwner(error: unknown): void {
  if (told) return;
  told = true;
  console.error(
    `[buurtkit] The widgets cannot start: this page's Content-Security-Policy refuses the Trusted Types policy "${POLICY}" they render with. ` +
      `Add "${POLICY}" to the trusted-types directive, e.g. "trusted-types ${POLICY}" (keep your own policy names in the list; ` +
      `add 'allow-duplicates' when the page loads Lit or buurtkit more than once).`,
    error,
  );
}
