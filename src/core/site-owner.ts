/**
 * The console error for the website owner when the collector refuses the page (see
 * `not-connected.ts`): apart, and loaded only then, so no widget's first download carries it.
 */
import type { NotConnectedCode } from './not-connected.js';

const told = new Set<string>();

/**
 * One console error per page and problem, for the website owner, naming the exact fix. Widgets
 * call it for every refused read or send; only the first reaches the console.
 */
export function tellSiteOwner(tag: string, endpoint: string, site: string, code: NotConnectedCode): void {
  const key = `${endpoint} ${site} ${code}`;
  if (told.has(key)) return;
  told.add(key);
  const origin = typeof location === 'undefined' ? '<your website>' : location.origin;
  const base = endpoint.replace(/\/+$/, '');
  const fix =
    code === 'origin_not_allowed'
      ? `The collector at ${base} does not accept this website (${origin}) for site "${site}". Allow it on the ` +
        `coordinator page (Websites) or with: buurtkit-collector site update ${site} --add-origin ${origin}`
      : code === 'site_not_found'
        ? `The collector at ${base} has no site "${site}". Check the site attribute for a typo, or create the site: ` +
          `buurtkit-collector site add ${site} --name "…" --origin ${origin}`
        : `${base} answered "not found" for the widget's requests. The endpoint attribute must be the collector's base ` +
          `address (such as https://collector.example.nl), without /v1/… or another path.`;
  console.error(`[buurtkit] <${tag}> is not connected correctly: nothing can be sent or loaded. ${fix}`);
}
