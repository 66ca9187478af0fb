/**
 * The CDN bundle's entry (`dist/cdn/buurtkit.js`): one script tag for every buurtkit element, but a
 * page downloads only the widgets it shows. `<buurtkit-config>` is defined at once; each widget's
 * code is imported when its tag is in the document, now or later (a page builder that adds a
 * widget after load). npm users import `buurtkit/define/all.js` (everything) or one define module.
 */
import './buurtkit-config.js';

/** Tag → its define module. */
const widgets: Record<string, () => Promise<unknown>> = {
  'idea-box': () => import('./idea-box.js'),
  'activity-calendar': () => import('./activity-calendar.js'),
  'feedback-poll': () => import('./feedback-poll.js'),
  'welcome-intake': () => import('./welcome-intake.js'),
  'volunteer-signup': () => import('./volunteer-signup.js'),
  'host-today': () => import('./host-today.js'),
};

const pending = new Set(Object.keys(widgets));

/** Imports the define module of every not yet loaded widget whose tag is on the page. */
function loadPresent(): void {
  for (const tag of pending) {
    // Defined already (another copy of the bundle, or an npm build on the same page): nothing to load.
    if (customElements.get(tag)) pending.delete(tag);
    else if (document.getElementsByTagName(tag).length > 0) {
      pending.delete(tag);
      widgets[tag]!().catch((error: unknown) => console.error(`[buurtkit] could not load <${tag}>`, error));
    }
  }
  if (pending.size === 0) observer?.disconnect();
}

const observer = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(loadPresent);
observer?.observe(document.documentElement, { childList: true, subtree: true });
loadPresent();
