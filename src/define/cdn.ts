/**
 * The CDN bundle's entry (`dist/cdn/buurtkit.js`): one script tag for every buurtkit element. The
 * file carries every widget's first-render code (the build puts the static graph of each define
 * module below into it, see `firstRenderInLoaderPlugin`), so a widget renders after two round trips,
 * the page and this file; the parts a widget loads later (sending parts, detail views, the ICS
 * parser, other languages) stay in `chunks/` next to it. None of that code runs when the file
 * loads: the build wraps every module in an init function, and `import()` of a define module below
 * becomes a call of it, each in a task of its own (the preload helper queues them). So a page runs
 * only the widgets it shows, and this module's own code holds no Lit and always runs: when the
 * page's Trusted Types policy refuses Lit, it can still say so in each widget's place.
 *
 * When a tag is on the page (in the document or an open shadow root, now or later), its define
 * module is imported. npm users import `buurtkit/define/all.js` or one define module instead.
 */
import { DEFAULT_ZONE } from '../activities/days.js';
import { hasRule } from '../calendar/zone-rule.js';
import { warmDates } from '../core/warm-dates.js';
import { warnIfOtherVersion } from '../core/version.js';
import { isTrustedTypesRefusal, showBlocked, tellSiteOwner } from './cdn-blocked.js';
import { discover, type Discovery } from './cdn-discovery.js';

/** Tag → the element's class with everything it imports. */
const classes: Record<string, () => Promise<unknown>> = {
  'buurtkit-config': () => import('../core/buurtkit-config.js'),
  'idea-box': () => import('../widgets/idea-box/idea-box.js'),
  'activity-calendar': () => import('../widgets/activity-calendar/activity-calendar.js'),
  'feedback-poll': () => import('../widgets/feedback-poll/feedback-poll.js'),
  'welcome-intake': () => import('../widgets/welcome-intake/welcome-intake.js'),
  'volunteer-signup': () => import('../widgets/volunteer-signup/volunteer-signup.js'),
  'host-today': () => import('../widgets/host-today/host-today.js'),
};
/** Tag → its define module (define, upgrade, first render). */
const defines: Record<string, () => Promise<unknown>> = {
  'buurtkit-config': () => import('./buurtkit-config.js'),
  'idea-box': () => import('./idea-box.js'),
  'activity-calendar': () => import('./activity-calendar.js'),
  'feedback-poll': () => import('./feedback-poll.js'),
  'welcome-intake': () => import('./welcome-intake.js'),
  'volunteer-signup': () => import('./volunteer-signup.js'),
  'host-today': () => import('./host-today.js'),
};
/**
 * Tag → its code: the class first, then the define module, each in a task of its own. Both are
 * asked for at once, so a widget's define module comes right after its own classes in the preload
 * helper's queue: asked for once the classes had run, every widget's classes came before the first
 * define module, and on a page with every widget the first render waited for all of them. When
 * the classes fail (a refused Trusted Types policy), the define module fails with the same error.
 * The provider is loaded with the first tag of any kind.
 */
const modules = Object.fromEntries(
  Object.keys(defines).map((tag) => [tag, () => Promise.all([classes[tag]!(), defines[tag]!()])]),
) as Record<string, () => Promise<unknown>>;
const tags = Object.keys(modules);
const widgetTags = new Set(tags.filter((tag) => tag !== 'buurtkit-config'));

type State = 'loading' | 'done';
const states = new Map<string, State>();
/** Set once Lit could not start under the page's Trusted Types policy: nothing will load then. */
let blocked = false;
let discovery: Discovery | undefined;

function load(tag: string): void {
  if (states.has(tag)) return;
  const registered = customElements.get(tag);
  if (registered) {
    // Another copy of the bundle, or an npm build, registered it first.
    warnIfOtherVersion(tag, registered);
    return done(tag);
  }
  states.set(tag, 'loading');
  // The code is in this file: only running it can fail, and a second run would fail the same way.
  modules[tag]!().then(
    () => done(tag),
    (error: unknown) => {
      if (isTrustedTypesRefusal(error)) return block(error);
      console.error(`[buurtkit] could not start <${tag}>`, error);
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

/** Widgets that write dates or times after their first render (the intake on its result screen). */
const datedTags = new Set(['activity-calendar', 'volunteer-signup', 'host-today', 'idea-box', 'welcome-intake']);

/**
 * The date formatter's set-up, in steps apart from the widgets' tasks (see `warm-dates.ts`). A
 * calendar needs today's date on the site's clock for its first render: from the EU's summer-time
 * rule for its default zone and the zones that keep that rule, so the steps run at idle; for a zone
 * outside it, from a formatter, so the steps run at once, before the calendar's define module.
 */
function warm(el: Element): void {
  const calendar = el.localName === 'activity-calendar';
  const zone = (calendar && el.getAttribute('time-zone')) || DEFAULT_ZONE;
  void warmDates(zone, calendar && !hasRule(zone));
}

function found(el: Element): void {
  if (blocked) {
    if (widgetTags.has(el.localName)) showBlocked(el);
    return;
  }
  if (datedTags.has(el.localName)) warm(el);
  load('buurtkit-config');
  load(el.localName);
}

discovery = discover(tags, found, widgetTags);
if (tags.every((t) => states.get(t) === 'done')) discovery.stop();
