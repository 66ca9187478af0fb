/**
 * The CDN install (`dist/cdn/buurtkit.js`, from `vite build --mode cdn`) on foreign host pages
 * written here: each page is an iframe with its own Content-Security-Policy, loading the real bundle
 * with one script tag, as a website owner would. A probe script on each page records CSP
 * violations and console messages. Every test checks what a visitor sees: a rendered widget (text
 * and height, never a blank) or the message in its place.
 */
import { expect } from '@open-wc/testing';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, admin, blockPaths, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

interface Probe {
  violations: string[];
  errors: string[];
  warnings: string[];
  hostScriptRan: boolean;
}
type HostWindow = Window & typeof globalThis & { __probe: Probe };

const WIDGETS = ['idea-box', 'activity-calendar', 'feedback-poll', 'welcome-intake', 'volunteer-signup', 'host-today'];
/** Renders nothing by design while nobody is on duty today: checked as upgraded and updated instead. */
const SILENT = 'host-today';
const frames: HTMLIFrameElement[] = [];
let c: CollectorInfo;
/** Where the current host page loads the CDN build from (a fresh URL per page). */
/** A smiley poll defined at the collector for these pages. */
let pollId: string;

/** Strict CSP of a careful host: its own origin and the collector only, no inline script or style. */
function strictCsp(extra = ''): string {
  const self = location.origin;
  return [
    "default-src 'none'",
    `script-src ${self}`,
    `connect-src ${self} ${c.url}`,
    `style-src ${self}`,
    `img-src ${self}`,
    "base-uri 'none'",
    "object-src 'none'",
    extra,
  ]
    .filter(Boolean)
    .join('; ');
}

/** A host page in an iframe: `head` after the probe, the CDN script tag, then `body`. */
async function hostPage({
  csp,
  body,
  lang = 'nl',
  head = '',
  base = freshBase(),
}: {
  csp: string;
  body: string;
  lang?: string;
  head?: string;
  /** Where the page loads the CDN build from. */
  base?: string;
}) {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 1400px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <script src="/test/browser/host-pages/probe.js"></script>${head}
    <script type="module" src="${base}/buurtkit.js"></script>
    </head><body><p id="host-text">Welkom bij de buurtsite.</p><button id="host-button" type="button">host</button>${body}</body></html>`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow as HostWindow;
  return { win, doc: win.document, probe: win.__probe };
}

/** Rendered as a visitor sees it: text in its shadow root and a real height. */
function rendered(el: Element | null | undefined): boolean {
  if (el?.localName === SILENT) return (el as Element & { hasUpdated?: boolean }).hasUpdated === true && !!el.shadowRoot;
  const text = el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return text.length > 10 && el!.getBoundingClientRect().height > 20;
}

/** `el`'s widget form, or undefined: the idea box's textarea is what a visitor writes in. */
const ideaField = (el: Element | null) => el?.shadowRoot?.querySelector('textarea#idea');

function widgetsPage(): string {
  return `<buurtkit-config endpoint="${c.url}" site="${c.site}">${WIDGETS.map((tag) =>
    tag === 'feedback-poll' ? `<feedback-poll poll-id="${pollId}"></feedback-poll>` : `<${tag}></${tag}>`,
  ).join('')}</buurtkit-config>`;
}

/** Send an idea through the widget on the host page and see it arrive at the collector. */
async function sendIdea(el: Element): Promise<void> {
  const po = new IdeaBoxObject(el as IdeaBox);
  const text = `Een moestuin achter het buurthuis ${uniqueKey()}`;
  await po.type('idea', text);
  await po.submit();
  await po.waitForPhase('sent');
  const ideas = await admin<{ ideas: { text: string }[] }>('GET', `/v1/admin/sites/${c.site}/ideas?limit=5000`);
  expect(ideas.body.ideas.some((idea) => idea.text === text)).to.equal(true);
}

/** The CDN build under a URL no earlier page used, so nothing comes from the browser's cache. */
const freshBase = () => `/__cdn/${uniqueKey()}`;

/** Every file in this build's `chunks/` that the loader names (the lazy parts and what they import), under `base`. */
async function chunksOf(base: string): Promise<string[]> {
  const loader = await (await fetch('/dist/cdn/buurtkit.js')).text();
  const names = [...new Set(loader.match(/chunks\/[\w.-]+\.js/g))];
  if (names.length < 5) throw new Error('the loader names almost no chunks; run "vite build --mode cdn"');
  return names.map((name) => `${base}/${name}`);
}

describe('the CDN install on foreign host pages', () => {
  before(async () => {
    c = await collectorInfo();
    pollId = uniqueKey('p').toLowerCase();
    const poll = await admin('PUT', `/v1/admin/sites/${c.site}/polls/${pollId}`, {
      kind: 'smileys',
      question: 'Voelde je je welkom?',
      showResults: true,
    });
    expect(poll.status).to.equal(200);
    const res = await fetch('/dist/cdn/buurtkit.js', { method: 'HEAD' });
    if (!res.ok) throw new Error('dist/cdn/buurtkit.js is missing: run "npm run build" (or "vite build --mode cdn") first');
  });
  afterEach(async () => {
    await blockPaths([]);
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('strict CSP without Trusted Types: every widget renders, an idea arrives, 0 CSP violations', async () => {
    const { doc, probe } = await hostPage({ csp: strictCsp(), body: widgetsPage() });
    for (const tag of WIDGETS) await waitFor(() => rendered(doc.querySelector(tag)), { message: `<${tag}> rendered`, timeout: 10_000 });
    await waitFor(() => ideaField(doc.querySelector('idea-box')), { message: 'the idea form' });
    await sendIdea(doc.querySelector('idea-box')!);
    expect(probe.violations).to.deep.equal([]);
    expect(probe.errors).to.deep.equal([]);
  });

  it('Trusted Types required and "lit-html" allowed: every widget renders, an idea arrives, 0 CSP violations', async () => {
    const { doc, probe } = await hostPage({
      csp: strictCsp("require-trusted-types-for 'script'; trusted-types lit-html"),
      body: widgetsPage(),
    });
    for (const tag of WIDGETS) await waitFor(() => rendered(doc.querySelector(tag)), { message: `<${tag}> rendered`, timeout: 10_000 });
    await waitFor(() => ideaField(doc.querySelector('idea-box')), { message: 'the idea form' });
    await sendIdea(doc.querySelector('idea-box')!);
    expect(probe.violations).to.deep.equal([]);
    expect(probe.errors).to.deep.equal([]);
  });

  for (const [lang, words] of [
    ['nl', 'kan op deze pagina niet worden getoond'],
    ['en', 'cannot be shown on this page'],
    ['ar', 'لا يمكن عرض هذا الجزء'],
  ] as const) {
    it(`Trusted Types refused (trusted-types 'none'), ${lang} page: each widget says so in its place, the console names the CSP change, the host page still works`, async () => {
      const { doc, probe } = await hostPage({
        lang,
        csp: strictCsp("require-trusted-types-for 'script'; trusted-types 'none'"),
        body: widgetsPage(),
      });
      for (const tag of WIDGETS) {
        const el = doc.querySelector(tag)!;
        await waitFor(() => el.shadowRoot?.textContent?.includes(words) && el.getBoundingClientRect().height > 20, {
          message: `the message in place of <${tag}>`,
        });
        expect(el.shadowRoot!.textContent).to.contain(words);
        expect(doc.defaultView!.customElements.get(tag)).to.equal(undefined);
      }
      // A widget added later gets the message too.
      const late = doc.createElement('idea-box');
      doc.body.append(late);
      await waitFor(() => rendered(late), { message: 'the message in place of a late <idea-box>' });
      expect(probe.errors.filter((e) => e.includes('[buurtkit]'))).to.have.length(1);
      expect(probe.errors[0]).to.contain('trusted-types lit-html');
      // The host's own page: its text, its script, its button.
      expect(probe.hostScriptRan).to.equal(true);
      (doc.getElementById('host-button') as HTMLButtonElement).click();
      expect(doc.getElementById('host-button')!.textContent).to.equal('clicked');
      expect(doc.getElementById('host-text')!.textContent).to.equal('Welkom bij de buurtsite.');
    });
  }

  it('widgets inside open shadow roots, present at load and added two shadow roots deep much later, all render', async () => {
    const { doc, win, probe } = await hostPage({
      csp: strictCsp("require-trusted-types-for 'script'; trusted-types lit-html"),
      head: '<script src="/test/browser/host-pages/shadow-host.js"></script>',
      body: `<buurtkit-config endpoint="${c.url}" site="${c.site}"><host-card id="card"><feedback-poll poll-id="${pollId}"></feedback-poll></host-card><late-panel id="panel"></late-panel></buurtkit-config>`,
    });
    // Slotted (light DOM of a shadow host) works as in any document.
    await waitFor(() => rendered(doc.querySelector('feedback-poll')), { message: 'the slotted <feedback-poll>' });
    // Long after load: a shadow root attached now, and an idea box inside a second one.
    // Stays: "much later" is the scenario (after the page's start-up work), not a wait for an event.
    await new Promise((r) => win.setTimeout(r, 300));
    (doc.getElementById('panel') as HTMLElement & { open(tag: string): void }).open('idea-box');
    const inner = () => doc.getElementById('panel')!.shadowRoot?.querySelector('host-card')?.shadowRoot?.querySelector('idea-box');
    await waitFor(() => rendered(inner()), { message: '<idea-box> two shadow roots deep', timeout: 10_000 });
    await waitFor(() => ideaField(inner()!), { message: 'its idea form (configured through the shadow roots)' });
    expect(probe.violations).to.deep.equal([]);
  });

  it('an older buurtkit copy already on the page: it keeps working and the loader warns once, naming both versions', async () => {
    const { doc, probe } = await hostPage({
      csp: strictCsp(),
      head: '<script type="module" src="/test/browser/host-pages/old-copy.ts"></script>',
      body: `<buurtkit-config endpoint="${c.url}" site="${c.site}"><idea-box></idea-box><idea-box lang="en"></idea-box><feedback-poll poll-id="${pollId}"></feedback-poll></buurtkit-config>`,
    });
    for (const el of doc.querySelectorAll('idea-box')) await waitFor(() => rendered(el), { message: '<idea-box> from the older copy' });
    await waitFor(() => rendered(doc.querySelector('feedback-poll')), { message: '<feedback-poll> from this copy' });
    const warnings = probe.warnings.filter((w) => w.includes('[buurtkit]'));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('0.0.9').and.to.contain('0.1.0').and.to.contain('<idea-box>');
  });

  it('every widget renders from the loader file alone: with every file in chunks/ unreachable, each shows its first render', async () => {
    const base = freshBase();
    await blockPaths(await chunksOf(base));
    const { doc, probe } = await hostPage({ csp: strictCsp(), base, body: widgetsPage() });
    for (const tag of WIDGETS) await waitFor(() => rendered(doc.querySelector(tag)), { message: `<${tag}> rendered`, timeout: 10_000 });
    await waitFor(() => ideaField(doc.querySelector('idea-box')), { message: 'the idea form' });
    expect(probe.errors.filter((e) => e.includes('could not start'))).to.deep.equal([]);
  });

  it('a widget runs only once its tag is on the page; one added after load renders from the loader file, with chunks/ unreachable', async () => {
    const base = freshBase();
    await blockPaths(await chunksOf(base));
    const { doc, win } = await hostPage({
      csp: strictCsp(),
      base,
      body: `<buurtkit-config endpoint="${c.url}" site="${c.site}"></buurtkit-config>`,
    });
    await waitFor(() => win.customElements.get('buurtkit-config'), { message: 'the provider defined' });
    // The file carries every widget, but runs only those whose tag is on the page.
    for (const tag of WIDGETS) expect(win.customElements.get(tag), tag).to.equal(undefined);
    const poll = doc.createElement('feedback-poll');
    poll.setAttribute('poll-id', pollId);
    doc.querySelector('buurtkit-config')!.append(poll);
    await waitFor(() => rendered(poll), { message: 'the late <feedback-poll>' });
  });
});
