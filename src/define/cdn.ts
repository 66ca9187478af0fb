/**
 * The CDN bundle's entry (`dist/cdn/buurtkit.js`): one script tag for every buurtkit element, but a
 * page downloads only the widgets it shows. This file holds no Lit, so it always runs: when the page's
 * Trusted Types policy refuses Lit, it can still say so in each widget's place.
 *
 * When a tag is on the page (in the document or an open shadow root, now or later), its define
 * module is imported; the build's preload helper first adds a modulepreload link for every file of
 * that module's static graph, so all of a widget's code comes in one round of downloads. A failed
 * import (a network blip) leaves the tag pending and is tried again on the next `online`, visible
 * tab or newly found tag. npm users import `buurtkit/define/all.js` or one define module instead.
 */
import { warnIfOtherVersion } from '../core/version.js';
import { isTrustedTypesRefusal, showBlocked, tellSiteOwner } from './cdn-blocked.js';
import { discover, type Discovery } from './cdn-discovery.js';

/** Tag → its define module. The provider is loaded with the first tag of any kind. */
const modules: Record<string, () => Promise<unknown>> = {
  'buurtkit-config': () => import('./buurtkit-config.js'),
  'idea-box': () => import('./idea-box.js'),
  'activity-calendar': () => import('./activity-calendar.js'),
  'feedback-poll': () => import('./feedback-poll.js'),
  'welcome-intake': () => import('./welcome-intake.js'),
  'volunteer-signup': () => import('./volunteer-signup.js'),
  'host-today': () => import('./host-today.js'),
};
const tags = Object.keys(modules);
const widgetTags = new Set(tags.filter((tag) => tag !== 'buurtkit-config'));

type State = 'loading' | 'failed' | 'done';
const states = new Map<string, State>();
/** Set once Lit could not start under the page's Trusted Types policy: nothing will load then. */
let blocked = false;
const reported = new Set<string>();
const seen = new WeakSet<Element>();
let discovery: Discovery | undefined;

function load(tag: string): void {
  const state = states.get(tag);
  if (state === 'loading' || state === 'done') return;
  const registered = customElements.get(tag);
  if (registered) {
    // Another copy of the bundle, or an npm build, registered it first.
    warnIfOtherVersion(tag, registered);
    return done(tag);
  }
  states.set(tag, 'loading');
  modules[tag]!().then(
    () => done(tag),
    (error: unknown) => {
      if (isTrustedTypesRefusal(error)) return block(error);
      states.set(tag, 'failed');
      if (!reported.has(tag)) {
        reported.add(tag);
        console.error(`[buurtkit] could not load <${tag}>; trying again when the connection or the tab comes back`, error);
      }
    },
  );
}

function done(tag: string): void {
  states.set(tag, 'done');
  if (tags.every((t) => states.get(t) === 'done')) discovery?.stop();
}

function block(error: unknown): void {
  if (blocked) return;
  blocked = true;
  tellSiteOwner(error);
  discovery?.rescan();
}

function retryFailed(): void {
  for (const [tag, state] of states) if (state === 'failed') load(tag);
}

/** Widgets that write dates or times soon after their first render. */
const datedTags = new Set(['activity-calendar', 'volunteer-signup', 'host-today', 'idea-box']);
let warmed = false;

/**
 * The page's first date formatter costs 100-400 ms on a slow phone (the browser sets up its locale
 * and zone data, in one call that cannot be split). Made while the widget's files are still
 * downloading, when the page is idle, it is no longer part of the widget's first render.
 */
function warmDates(): void {
  if (warmed) return;
  warmed = true;
  const idle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1));
  idle(() => {
    try {
      new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeZone: 'Europe/Amsterdam', hour: 'numeric' }).format(0);
    } catch {
      /* an unknown page language: the widget will choose its own */
    }
  });
}

function found(el: Element): void {
  if (blocked) {
    if (widgetTags.has(el.localName)) showBlocked(el);
    return;
  }
  if (datedTags.has(el.localName)) warmDates();
  load('buurtkit-config');
  load(el.localName);
  // A tag added since the last try is a good moment to try the failed ones again.
  if (!seen.has(el)) {
    seen.add(el);
    retryFailed();
  }
}

addEventListener('online', retryFailed);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') retryFailed();
});

discovery = discover(tags, found, widgetTags);
if (tags.every((t) => states.get(t) === 'done')) discovery.stop();
