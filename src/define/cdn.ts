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
import { zoneOffset } from '../calendar/zone-offset.js';
import { nextTask } from '../core/next-task.js';
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

/** Widgets that write dates or times soon after their first render. */
const datedTags = new Set(['activity-calendar', 'volunteer-signup', 'host-today', 'idea-box']);
/** Widgets whose first render needs today's date on the site's clock (the calendar's default zone). */
const todayTags = new Set(['activity-calendar']);
/** Set once a widget needs the formatter for its first render: the steps run at once, not at idle. */
let urgent = false;
let warming = false;

/**
 * The page's first date formatter costs 100-150 ms on a slow phone: the browser sets up its locale
 * data and then checks, locale by locale, which ones it has data for (once per page). Made apart
 * from the widgets' tasks, in steps of a task each, it is part of no widget's render. Each step is
 * one native call that cannot be split; the order makes each do a part of the work and leave the
 * rest to the next (measured in Chromium at 4x CPU on a host of BenchmarkIndex ~2,700: the
 * likely-subtags data 40 ms, the calendars' locale check 34, the segmenter's 8, the date formats'
 * 14, the zone formatter 12; the date formats' check alone took 87-96 ms, or 48 after the first
 * step). A step the browser does not have is skipped. They run at idle, while the widget reads its
 * data from the collector; but for the calendar, which needs today's date for its first render, at
 * once: its steps run ahead of the loader's tasks where the browser has `scheduler.yield`, and take
 * turns with them elsewhere, so they are done before the calendar's define module (were they not,
 * its first render would make the rest, as before). The last step makes the very formatter the
 * calendar asks for; the number formats its prices need follow at idle.
 */
function warmDates(tag: string): void {
  urgent ||= todayTags.has(tag);
  if (warming) return;
  warming = true;
  const lang = document.documentElement.lang || undefined;
  const steps = [
    () => new Intl.Locale(lang ?? 'und').maximize(),
    () => Intl.supportedValuesOf('calendar'),
    () => Intl.Segmenter.supportedLocalesOf([]),
    () => Intl.DateTimeFormat.supportedLocalesOf([]),
    () =>
      urgent
        ? zoneOffset(Date.now(), 'Europe/Amsterdam')
        : new Intl.DateTimeFormat(lang, { timeZone: 'Europe/Amsterdam', hour: 'numeric' }).format(0),
  ];
  // Begun after the page's tags have all been found: a calendar later on the page makes it urgent.
  void Promise.resolve().then(async () => {
    for (const step of steps) {
      await (urgent ? nextTask() : idle());
      try {
        step();
      } catch {
        /* an unknown page language, or a browser without this step: the widget will choose its own */
      }
    }
    // The calendar's prices: not needed for its first render.
    if (urgent) {
      await idle();
      Intl.NumberFormat.supportedLocalesOf([]);
    }
  });
}

const idle = () => new Promise<unknown>((resolve) => (globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1)))(resolve));

function found(el: Element): void {
  if (blocked) {
    if (widgetTags.has(el.localName)) showBlocked(el);
    return;
  }
  if (datedTags.has(el.localName)) warmDates(el.localName);
  load('buurtkit-config');
  load(el.localName);
}

discovery = discover(tags, found, widgetTags);
if (tags.every((t) => states.get(t) === 'done')) discovery.stop();
