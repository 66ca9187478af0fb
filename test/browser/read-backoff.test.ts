/**
 * Every widget read goes through one loading controller that backs off: over 10 s offline, or
 * against a collector that refuses the page, each widget makes at most 5 requests, shows that it
 * could not load (with "try again now") or that it is not connected, and loads once it can.
 * The 10 s window is real time on purpose: it proves there is no request storm.
 */
import { expect } from '@open-wc/testing';
import '../../src/define/buurtkit-config.js';
import '../../src/define/idea-box.js';
import '../../src/define/volunteer-signup.js';
import '../../src/define/feedback-poll.js';
import '../../src/define/activity-calendar.js';
import '../../src/define/host-today.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import type { VolunteerSignup } from '../../src/widgets/volunteer-signup/volunteer-signup.js';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import type { ActivityCalendar } from '../../src/widgets/activity-calendar/activity-calendar.js';
import type { Loader } from '../../src/core/load.js';
import { collectorInfo, countRequests, setOffline, sleep, waitFor, type CollectorInfo } from './helpers.js';

const WINDOW_MS = 10_000;
const MAX_PER_WIDGET = 5;
const RETRYING = 'Kon niet laden. We proberen het zo weer.';

let c: CollectorInfo;
let wrap: HTMLDivElement | undefined;

/** The read each widget makes, by its path at the collector. */
const readPaths = (site: string) => ({
  'idea-box': `/v1/sites/${site}/ideas`,
  'volunteer-signup': `/v1/sites/${site}/volunteer`,
  'feedback-poll': `/v1/sites/${site}/polls/buurt-enquete`,
  'activity-calendar': `/v1/sites/${site}/activities`,
  'host-today': `/v1/sites/${site}/volunteer/host-today`,
});

function mount(site: string) {
  wrap = document.createElement('div');
  wrap.innerHTML = `<buurtkit-config endpoint="${c.url}" site="${site}" lang="nl">
    <idea-box></idea-box>
    <volunteer-signup></volunteer-signup>
    <feedback-poll poll-id="buurt-enquete"></feedback-poll>
    <activity-calendar></activity-calendar>
    <host-today></host-today>
  </buurtkit-config>`;
  document.body.append(wrap);
  const q = <T extends Element>(tag: string) => wrap!.querySelector(tag) as unknown as T;
  return {
    idea: q<IdeaBox>('idea-box'),
    shifts: q<VolunteerSignup>('volunteer-signup'),
    poll: q<FeedbackPoll>('feedback-poll'),
    calendar: q<ActivityCalendar>('activity-calendar'),
    host: q<HTMLElement>('host-today'),
  };
}

const text = (el: Element, sel: string) => el.shadowRoot?.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const hostLoader = (el: HTMLElement) => (el as unknown as { today: Loader<unknown> }).today;

/** Counts by widget for the reads, and the largest count of any one endpoint path. */
function perWidget(counts: Record<string, number>, site: string) {
  return Object.fromEntries(Object.entries(readPaths(site)).map(([tag, path]) => [tag, counts[path] ?? 0]));
}

describe('every widget read backs off', function () {
  this.timeout(45_000);

  before(async () => {
    c = await collectorInfo();
  });

  afterEach(async () => {
    await setOffline(false);
    wrap?.remove();
    wrap = undefined;
  });

  it('offline for 10 s: at most 5 requests per widget, "could not load" with a retry button, then loads on `online`', async () => {
    await setOffline(true);
    await countRequests(true);
    const started = performance.now();
    const w = mount(c.site);
    // Each widget says so, in its own place (host-today is decoration: it stays away).
    for (const el of [w.shifts, w.poll]) {
      await waitFor(() => text(el, '[part~="load-failed"]').startsWith(RETRYING), { message: `${el.localName} says it could not load` });
      expect(el.shadowRoot!.querySelector('[part~="retry"]')).to.exist;
    }
    await waitFor(() => w.idea.list?.read.phase === 'failed', { message: 'the idea list failed' });
    await waitFor(() => text(w.idea, '[part~="load-failed"]').startsWith(RETRYING), { message: 'the idea list says so' });
    await waitFor(() => w.calendar.phase === 'error', { message: 'the calendar failed' });
    expect(text(w.calendar, '[part~="notice"]')).to.equal('Kon de agenda niet laden. Probeer het later nog eens.');
    expect(w.calendar.shadowRoot!.querySelector('[part~="retry"]')).to.exist;
    await waitFor(() => hostLoader(w.host).phase === 'failed', { message: 'host-today failed' });
    expect(w.host.shadowRoot!.querySelector('[part~="base"]')).to.equal(null);
    await w.shifts.updateComplete;
    await expect(w.shifts).to.be.accessible();

    // Stays: the whole page's real 10 s is what is measured (the backoff steps have unit tests).
    await sleep(Math.max(0, WINDOW_MS - (performance.now() - started)));
    const counts = perWidget(await countRequests(), c.site);
    console.info(`requests in 10 s offline: ${JSON.stringify(counts)}`);
    for (const [tag, n] of Object.entries(counts)) {
      expect(n, `${tag} requests in 10 s offline`).to.be.within(1, MAX_PER_WIDGET);
    }

    // "Try again now" asks once more, at once.
    const before = (await countRequests())[readPaths(c.site)['volunteer-signup']] ?? 0;
    w.shifts.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitFor(async () => ((await countRequests())[readPaths(c.site)['volunteer-signup']] ?? 0) === before + 1, {
      message: 'one more request',
    });

    // Back online: every read loads without waiting for its next backoff step.
    await setOffline(false);
    await waitFor(() => w.shifts.shifts.phase === 'ready', { message: 'the shifts loaded' });
    expect(w.shifts.shadowRoot!.querySelector('[part~="load-failed"]')).to.equal(null);
    await waitFor(() => w.idea.list?.read.phase === 'ready', { message: 'the idea list loaded' });
    await waitFor(() => w.poll.phase === 'missing', { message: 'the poll got its answer' });
    await waitFor(() => w.calendar.phase === 'ready', { message: 'the calendar loaded' });
    await waitFor(() => hostLoader(w.host).phase === 'ready', { message: 'host-today loaded' });
  });

  it('a collector that refuses the page for 10 s: at most 5 requests per widget, "not connected", one console error naming the fix', async () => {
    const errors: string[] = [];
    const notConnected: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(String(args[0]));
    try {
      await countRequests(true);
      const started = performance.now();
      const w = mount(c.closedSite);
      wrap!.addEventListener('bk-error', (e) => {
        if (e.reason === 'not-connected') notConnected.push(`${(e.target as Element).localName} ${e.detail.error}`);
      });
      await waitFor(
        () => text(w.shifts, '[part~="notice"]') === 'Aanmelden kan hier nog niet. Vraag het aan de mensen van het buurthuis.',
        {
          message: 'the sign-up says it is not connected',
        },
      );
      await waitFor(() => text(w.poll, '[part~="notice"]') === 'Antwoorden kan hier nog niet. Vraag het aan de mensen van het buurthuis.', {
        message: 'the poll says it is not connected',
      });
      await waitFor(
        () =>
          text(w.calendar, '[part~="notice"]') === 'Dit deel van de pagina werkt hier nog niet. Vraag het aan de mensen van het buurthuis.',
        {
          message: 'the calendar says it is not connected',
        },
      );
      await waitFor(() => w.idea.list?.read.phase === 'not-connected', { message: 'the idea list was refused' });
      await waitFor(() => hostLoader(w.host).phase === 'not-connected', { message: 'host-today was refused' });
      expect(w.shifts.shadowRoot!.querySelector('[part~="retry"]')).to.equal(null);

      // Stays: the whole page's real 10 s is what is measured (the backoff steps have unit tests).
      await sleep(Math.max(0, WINDOW_MS - (performance.now() - started)));
      const counts = perWidget(await countRequests(), c.closedSite);
      console.info(`requests in 10 s against a refusing collector: ${JSON.stringify(counts)}`);
      for (const [tag, n] of Object.entries(counts)) {
        expect(n, `${tag} requests in 10 s against a refusing collector`).to.be.within(1, MAX_PER_WIDGET);
      }
      // Each widget tells the page once; the website owner reads one console error with the fix.
      expect(notConnected.sort()).to.deep.equal(
        ['activity-calendar', 'feedback-poll', 'host-today', 'idea-box', 'volunteer-signup'].map((t) => `${t} origin_not_allowed`),
      );
      const ours = errors.filter((e) => e.startsWith('[buurtkit]'));
      expect(ours).to.have.length(1);
      expect(ours[0]).to.contain(`buurtkit-collector site update ${c.closedSite} --add-origin ${location.origin}`);
    } finally {
      console.error = original;
    }
  });
});
