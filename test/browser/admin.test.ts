/**
 * The coordinator page's views against the real collector process of the test run. The page runs
 * on the test runner's origin and the admin API does no CORS, so the views get an `HttpAdminApi`
 * whose fetch goes through the `bk-admin` server command (Node-side, the run's full token). The
 * CSV download, which that command cannot carry, uses a scripted answer.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import type { AdminHouseMeeting } from '../../src/admin/inbox/house-meeting.js';
import type { AdminApp } from '../../src/admin/admin-app.js';
import { HttpAdminApi, type AdminApi } from '../../src/admin/shared/api.js';
import type { AdminExport } from '../../src/admin/exports/export.js';
import type { AdminIdeaDetail } from '../../src/admin/inbox/idea-detail.js';
import type { AdminInbox } from '../../src/admin/inbox/inbox.js';
import type { AdminModeration } from '../../src/admin/inbox/moderation.js';
import type { AdminSignIn } from '../../src/admin/sign-in.js';
import { readSession } from '../../src/admin/session.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/constants.js';
import type { AdminIdea } from '../../src/schema/admin.js';
import { API_BASE, commandFetch, sendIdeaTo, type Route } from './admin-helpers.js';
import { admin, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;
const apiFor = (route?: Route): AdminApi => new HttpAdminApi(info.token, info.site, API_BASE, commandFetch(route));

const sendIdea = (data: Record<string, unknown>, consent = false) => sendIdeaTo(info, data, consent);

async function storedIdeas(): Promise<AdminIdea[]> {
  const res = await admin<{ ideas: AdminIdea[] }>('GET', `/v1/admin/sites/${info.site}/ideas`);
  return res.body.ideas;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;

/** The element that has focus, looking through shadow roots. */
function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

let key: string;
let ideaId: string;

before(async () => {
  info = await collectorInfo();
  key = uniqueKey('admin');
  ideaId = await sendIdea(
    {
      text: `Een moestuin achter het buurthuis ${key}`,
      category: 'de-ruimte',
      role: 'buurtbewoner',
      wantsToHelp: true,
      name: 'Sanne de Vries',
      contact: 'sanne@example.org',
    },
    true,
  );
  await sendIdea({ text: `Koffie-ochtend voor nieuwe buren ${key}`, category: 'activiteit' });
});

afterEach(async () => {
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
});

describe('bk-admin-sign-in', () => {
  it('is accessible, points at missing fields and sends token and site', async () => {
    const el = await fixture<AdminSignIn>(html`<bk-admin-sign-in></bk-admin-sign-in>`);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect($(el, '#token').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#token-error').textContent).to.contain('Vul dit in');
    await waitFor(() => deepActive()?.id === 'token', { message: 'focus on the token field' });
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'bk_test' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'De-Linde' });
    const sent = oneEvent(el, 'bk-sign-in');
    await sendKeys({ press: 'Enter' });
    expect((await sent).detail).to.deep.equal({ token: 'bk_test', site: 'de-linde' });
  });

  it('speaks English when the page does', async () => {
    const el = await fixture<AdminSignIn>(html`<bk-admin-sign-in lang="en"></bk-admin-sign-in>`);
    await waitFor(() => $(el, 'h2').textContent === 'Sign in', { message: 'English strings' });
    await expect(el).to.be.accessible();
  });
});

describe('bk-admin-inbox', () => {
  it('lists the ideas newest first, filters, searches and counts, without names', async () => {
    const ideas = await storedIdeas();
    const el = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${ideas}></bk-admin-inbox>`);
    await expect(el).to.be.accessible();
    expect($(el, '.count').textContent).to.contain(`${ideas.length} ideeën`);
    expect(el.shadowRoot!.textContent).not.to.contain('Sanne de Vries');
    // Newest first, among this file's ideas: other test files add ideas to the same site meanwhile.
    await type($(el, '#search'), key);
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('li .text')].map((p) => p.textContent)).to.deep.equal([
      `Koffie-ochtend voor nieuwe buren ${key}`,
      `Een moestuin achter het buurthuis ${key}`,
    ]);

    await type($(el, '#search'), `moestuin ${key}`);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(1);
    expect($(el, '.count').textContent).to.equal(`1 van ${ideas.length} ideeën`);

    await type($(el, '#search'), key);
    $<HTMLDetailsElement>(el, 'details').open = true;
    const category = $<HTMLSelectElement>(el, '#category');
    category.value = 'activiteit';
    category.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(1);
    expect($(el, 'li').textContent).to.contain('Koffie-ochtend');
    await expect(el).to.be.accessible();

    const opened = oneEvent(el, 'bk-open-idea');
    $<HTMLButtonElement>(el, 'li button').click();
    expect((await opened).detail.id).to.not.equal(ideaId);
  });
});

describe('bk-admin-idea-detail and bk-admin-moderation', () => {
  it('shows everything stored, personal details included', async () => {
    const idea = (await storedIdeas()).find((i) => i.id === ideaId)!;
    const el = await fixture<AdminIdeaDetail>(html`<bk-admin-idea-detail .idea=${idea}></bk-admin-idea-detail>`);
    await expect(el).to.be.accessible();
    const text = $(el, 'dl').textContent!;
    for (const expected of ['Sanne de Vries', 'sanne@example.org', 'Buurtbewoner', 'de-ruimte', IDEA_CONSENT_TEXT_VERSION, ideaId]) {
      expect(text).to.contain(expected);
    }
  });

  it('publishes with a status and a public answer through the API', async () => {
    const idea = (await storedIdeas()).find((i) => i.id === ideaId)!;
    const el = await fixture<AdminModeration>(html`<bk-admin-moderation .idea=${idea} .api=${apiFor()}></bk-admin-moderation>`);
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, '#published').click();
    $<HTMLInputElement>(el, '#status-niet-mogelijk').click();
    await el.updateComplete;
    await type($(el, '#statusReason'), 'Er is geen grond bij het buurthuis.');
    await type($(el, '#publicAnswer'), 'We zoeken samen met de gemeente een plek.');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const saved = oneEvent(el, 'bk-idea-saved');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect((await saved).detail.status).to.equal('niet-mogelijk');
    const stored = (await storedIdeas()).find((i) => i.id === ideaId)!;
    expect(stored).to.include({
      published: true,
      status: 'niet-mogelijk',
      statusReason: 'Er is geen grond bij het buurthuis.',
      publicAnswer: 'We zoeken samen met de gemeente een plek.',
    });
    await el.updateComplete;
    expect($(el, '.status').textContent).to.equal('Opgeslagen.');
  });

  it('keeps what was typed and says why when saving fails', async () => {
    const idea = (await storedIdeas()).find((i) => i.id === ideaId)!;
    let fail: 'invalid' | 'offline' = 'invalid';
    const api = apiFor((method) => {
      if (method !== 'PATCH') return undefined;
      if (fail === 'offline') throw new TypeError('Failed to fetch');
      return new Response(
        JSON.stringify({ error: 'invalid_request', message: 'Check the fields', issues: [{ path: 'publicAnswer', message: 'Too long' }] }),
        { status: 422 },
      );
    });
    const el = await fixture<AdminModeration>(html`<bk-admin-moderation .idea=${idea} .api=${api}></bk-admin-moderation>`);
    await type($(el, '#publicAnswer'), 'Een lang antwoord dat bewaard moet blijven.');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => $(el, '[role=alert]')?.textContent?.includes('Niet opgeslagen'), { message: 'the error' });
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#publicAnswer').value).to.equal('Een lang antwoord dat bewaard moet blijven.');
    expect($(el, '#publicAnswer').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#publicAnswer-error').textContent).to.equal('Too long');
    await expect(el).to.be.accessible();

    fail = 'offline';
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => $(el, '[role=alert]')?.textContent?.includes('Geen verbinding'), { message: 'the network error' });
    expect($<HTMLTextAreaElement>(el, '#publicAnswer').value).to.equal('Een lang antwoord dat bewaard moet blijven.');
  });
});

describe('bk-admin-house-meeting', () => {
  it("lists the chosen month's ideas for printing", async () => {
    const ideas = await storedIdeas();
    const el = await fixture<AdminHouseMeeting>(html`<bk-admin-house-meeting .ideas=${ideas}></bk-admin-house-meeting>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).to.contain(`Koffie-ochtend voor nieuwe buren ${key}`);
    expect(el.shadowRoot!.textContent).not.to.contain('Sanne de Vries');
    el.month = '2001-01';
    await el.updateComplete;
    expect($(el, 'h3').textContent).to.equal('Ideeën van januari 2001');
    expect(el.shadowRoot!.textContent).to.contain('In deze maand zijn geen ideeën binnengekomen.');
    // The print stylesheet hides the controls.
    expect([...el.shadowRoot!.adoptedStyleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.startsWith('@media print')))).to.equal(
      true,
    );
  });
});

describe('bk-admin-export', () => {
  it('downloads the CSV with the chosen delimiter and counts its records', async () => {
    const asked: string[] = [];
    const api = apiFor((_method, path) => void asked.push(path) as undefined);
    const el = await fixture<AdminExport>(html`<bk-admin-export .api=${api}></bk-admin-export>`);
    await expect(el).to.be.accessible();
    expect($<HTMLInputElement>(el, '#delimiter-semicolon').checked).to.equal(true);
    $<HTMLInputElement>(el, '#delimiter-comma').click();
    const done = oneEvent(el, 'bk-downloaded');
    $<HTMLButtonElement>(el, 'button.primary').click();
    expect((await done).detail).to.deep.equal({ fileName: 'ideeen-test.csv', rows: 2 });
    expect(asked.at(-1)).to.contain('delimiter=comma');
    await el.updateComplete;
    expect($(el, '.status').textContent).to.equal('ideeen-test.csv gedownload: 2 rijen.');
    await expect(el).to.be.accessible();
  });

  it('says so when the download fails', async () => {
    const api = apiFor((_m, path) =>
      path.includes('export') ? new Response(JSON.stringify({ error: 'forbidden', message: 'Not allowed' }), { status: 403 }) : undefined,
    );
    const el = await fixture<AdminExport>(html`<bk-admin-export .api=${api}></bk-admin-export>`);
    $<HTMLButtonElement>(el, 'button.primary').click();
    await waitFor(() => $(el, '.status').textContent?.includes('Downloaden is niet gelukt: Not allowed'), { message: 'the error' });
  });
});

describe('bk-admin-app', () => {
  const app = (route?: Route) =>
    fixture<AdminApp>(
      html`<bk-admin-app .apiFactory=${(s: { token: string; site: string }) => new HttpAdminApi(s.token, s.site, API_BASE, commandFetch(route))}></bk-admin-app>`,
    );

  it('works with the keyboard alone: sign in, open an idea, come back, sign out', async () => {
    const el = await app();
    const signIn = el.shadowRoot!.querySelector<AdminSignIn>('bk-admin-sign-in')!;
    $<HTMLInputElement>(signIn, '#token').focus();
    await sendKeys({ type: info.token });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: info.site });
    await sendKeys({ press: 'Enter' });
    const inbox = (await waitFor(() => el.shadowRoot!.querySelector<AdminInbox>('bk-admin-inbox'), { message: 'the inbox' }))!;
    await waitFor(() => inbox.ideas.length > 0, { message: 'ideas' });
    expect(readSession()).to.deep.equal({ token: info.token, site: info.site });
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(inbox, '#search').focus();
    await sendKeys({ type: `moestuin ${key}` });
    await waitFor(() => inbox.shadowRoot!.querySelectorAll('li').length === 1, { message: 'one result' });
    // Tab past the filters' summary to the idea's button.
    for (let i = 0; i < 5 && !(deepActive() as HTMLElement | null)?.dataset?.['id']; i++) await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLElement).dataset['id']).to.equal(ideaId);
    await sendKeys({ press: 'Enter' });
    const detail = (await waitFor(() => el.shadowRoot!.querySelector<AdminIdeaDetail>('bk-admin-idea-detail'), { message: 'the detail' }))!;
    await waitFor(() => deepActive()?.id === 'detail-heading', { message: 'focus on the heading' });
    expect(inbox.hidden).to.equal(true);
    expect(el.shadowRoot!.querySelector('bk-admin-moderation')).to.exist;
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(detail, 'button.back').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => (deepActive() as HTMLElement | null)?.dataset?.['id'] === ideaId, { message: 'focus back on the idea' });

    const nav = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].map((b) => b.dataset['view']);
    // One download item: the downloads section has every file, the ideas too.
    expect(nav).to.deep.equal(['inbox', 'house-meeting', 'calendar', 'exports', 'results', 'privacy', 'volunteers', 'polls', 'intake']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('nav button[data-view=house-meeting]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.shadowRoot!.querySelector('bk-admin-house-meeting'), { message: 'the house-meeting list' });
    await expect(el).to.be.accessible();

    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sign-out')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.shadowRoot!.querySelector('bk-admin-sign-in'), { message: 'the sign-in again' });
    expect(sessionStorage.length).to.equal(0);
  });

  it('shows only what the token may do (a read-only token, as whoami says)', async () => {
    // The collector's answers for a token with only `read`: whoami lists it, changes and exports get 403.
    const el = await app((method, path) =>
      path.endsWith('/whoami')
        ? new Response(
            JSON.stringify({ site: info.site, siteName: 'Test', prefix: 'bk_readonly', label: null, scopes: ['read'], expiresAt: null }),
          )
        : method === 'PATCH' || path.includes('/export/')
          ? new Response(JSON.stringify({ error: 'insufficient_scope', message: 'Missing scope' }), { status: 403 })
          : undefined,
    );
    await el.signIn({ token: info.token, site: info.site });
    await el.updateComplete;
    const nav = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].map((b) => b.dataset['view']);
    expect(nav).to.deep.equal(['inbox', 'house-meeting', 'calendar', 'results', 'volunteers', 'polls', 'intake']);
    const inbox = el.shadowRoot!.querySelector<AdminInbox>('bk-admin-inbox')!;
    await waitFor(() => inbox.ideas.length > 0, { message: 'ideas' });
    inbox.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id: ideaId }, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('bk-admin-moderation')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('niet beoordelen');
  });

  it('rejects a token that does not work, and keeps nothing', async () => {
    const el = await fixture<AdminApp>(html`<bk-admin-app></bk-admin-app>`);
    el.apiFactory = (s) =>
      new HttpAdminApi(
        s.token,
        s.site,
        API_BASE,
        async () => new Response(JSON.stringify({ error: 'unauthorized', message: 'Bad token' }), { status: 401 }),
      );
    await el.signIn({ token: 'bk_wrong', site: info.site });
    await el.updateComplete;
    const signIn = el.shadowRoot!.querySelector<AdminSignIn>('bk-admin-sign-in')!;
    await signIn.updateComplete;
    expect($(signIn, '[role=alert]').textContent).to.contain('Deze code werkt niet');
    expect(sessionStorage.length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('fits a 360 px wide screen without scrolling sideways', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await app();
    await el.signIn({ token: info.token, site: info.site });
    const inbox = el.shadowRoot!.querySelector<AdminInbox>('bk-admin-inbox')!;
    await waitFor(() => inbox.ideas.length > 0, { message: 'ideas' });
    $<HTMLDetailsElement>(inbox, 'details').open = true;
    const fits = () => document.documentElement.scrollWidth <= 360;
    expect(fits(), `inbox ${document.documentElement.scrollWidth}`).to.equal(true);
    inbox.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id: ideaId }, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(fits(), `detail ${document.documentElement.scrollWidth}`).to.equal(true);
    for (const view of ['house-meeting', 'exports', 'calendar']) {
      el.shadowRoot!.querySelector<HTMLButtonElement>(`nav button[data-view=${view}]`)!.click();
      await el.updateComplete;
      expect(fits(), `${view} ${document.documentElement.scrollWidth}`).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });
});
