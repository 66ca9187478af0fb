/**
 * The coordinator page's exports, results and privacy sections against the real collector of the
 * test run (calls through `bk-admin`, see admin-helpers.ts). The collector is shared with other
 * test files, so figures are compared with what the collector says for data this file made.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import type { AdminApp } from '../../src/admin/admin-app.js';
import { HttpAdminApi, type AuditLine, type ErasureReceipt, type IntakeSummary } from '../../src/admin/shared/api.js';
import type { AdminExports } from '../../src/admin/exports/exports.js';
import type { AdminPrivacy } from '../../src/admin/privacy/privacy.js';
import type { AdminResults } from '../../src/admin/polls/results.js';
import type { AdminVolunteers } from '../../src/admin/volunteers/volunteers.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import type { AdminIdea } from '../../src/schema/admin.js';
import { API_BASE, commandFetch, sendIdeaTo, type Route } from './admin-helpers.js';
import { admin, collectorInfo, postEnvelope, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;
let key: string;
let pollId: string;
let contact: string;
const api = (route?: Route) => new HttpAdminApi(info.token, info.site, API_BASE, commandFetch(route));
const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const siteApi = (path: string) => `/v1/admin/sites/${info.site}${path}`;

function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function choose(el: Element, selector: string, value: string) {
  const select = $<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await (el as AdminExports).updateComplete;
}

async function answerPoll(answer: string) {
  const envelope = buildEnvelope({
    site: info.site,
    widget: 'feedback-poll',
    locale: 'nl',
    data: { kind: 'poll-response', pollId, answer },
    trap: { honeypot: '', elapsedMs: 3000 },
  });
  expect((await postEnvelope(info, envelope)).status).to.equal(201);
}

before(async () => {
  info = await collectorInfo();
  key = uniqueKey('sections');
  contact = `${key.toLowerCase()}@example.org`;
  await sendIdeaTo(info, { text: `Een leesclub ${key}`, wantsToHelp: true, name: 'Jan Jansen', contact }, true);
  pollId = uniqueKey('pr').toLowerCase();
  const poll = {
    kind: 'choice',
    title: `Peiling ${key}`,
    question: 'Wat wil je?',
    options: [
      { value: 'koffie', label: 'Koffie' },
      { value: 'thee', label: 'Thee' },
    ],
  };
  expect((await admin('PUT', siteApi(`/polls/${pollId}`), poll)).status).to.equal(200);
  await answerPoll('koffie');
  await answerPoll('koffie');
  await answerPoll('thee');
});

afterEach(async () => {
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
});

describe('bk-admin-exports', () => {
  it('downloads each kind of file, says how many rows, and lists the exports in the audit log', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await fixture<AdminExports>(html`<bk-admin-exports can-audit .api=${api()}></bk-admin-exports>`);
    await waitFor(() => el.audit !== undefined && el.polls.length > 0, { message: 'audit log and polls' });
    await expect(el).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);

    // Ideas as JSON: the count is the length of the file's array, which is every idea of the site.
    await choose(el, '#dataset', 'ideas');
    $<HTMLInputElement>(el, '#format-json').click();
    await el.updateComplete;
    // Other test files send ideas to the same site meanwhile: count before and after the download.
    const countIdeas = async () => (await admin<{ ideas: AdminIdea[] }>('GET', siteApi('/ideas?limit=5000'))).body.ideas.length;
    const before = await countIdeas();
    let done = oneEvent(el, 'bk-downloaded');
    $<HTMLButtonElement>(el, 'button.primary').click();
    let detail = (await done).detail;
    const after = await countIdeas();
    expect(detail.rows).to.be.within(Math.max(before, 1), after);
    expect(detail.fileName).to.match(/\.json$/);
    expect($(el, '[role=status]').textContent).to.contain(`gedownload: ${detail.rows} rij`);

    // Poll responses as CSV with commas, for this file's poll: three rows, newest line of the log.
    await choose(el, '#dataset', 'poll-responses');
    await choose(el, '#poll', pollId);
    $<HTMLInputElement>(el, '#format-csv').click();
    await el.updateComplete;
    $<HTMLInputElement>(el, '#delimiter-comma').click();
    await el.updateComplete;
    done = oneEvent(el, 'bk-downloaded');
    $<HTMLButtonElement>(el, 'button.primary').focus();
    await sendKeys({ press: 'Enter' });
    detail = (await done).detail;
    expect(detail.rows).to.equal(3);
    await el.updateComplete;
    const first = $$(el, 'tbody tr')[0]!;
    expect(first.textContent).to.contain(`${pollId}.csv`);
    expect(first.querySelector('td.num')!.textContent).to.equal('3');
    const whoami = (await admin<{ prefix: string }>('GET', siteApi('/whoami'))).body;
    expect(first.querySelector('code')!.textContent).to.equal(whoami.prefix);

    // Poll results as XLSX: the file cannot be read here, the audit log's figure is shown.
    await choose(el, '#dataset', 'poll-results');
    $<HTMLInputElement>(el, '#format-xlsx').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#delimiter-comma')).to.equal(null);
    done = oneEvent(el, 'bk-downloaded');
    $<HTMLButtonElement>(el, 'button.primary').click();
    detail = (await done).detail;
    const log = (await admin<{ entries: AuditLine[] }>('GET', siteApi('/audit?action=export.poll-results&limit=1'))).body.entries;
    expect(log[0]!.target).to.equal(`${pollId}.xlsx`);
    expect(detail.rows).to.equal(log[0]!.rowCount);
    expect(detail.rows).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('asks for a period where the collector needs one, and offers only the formats there are', async () => {
    const el = await fixture<AdminExports>(html`<bk-admin-exports lang="en" .api=${api()}></bk-admin-exports>`);
    await waitFor(() => $(el, 'h2').textContent === 'Downloads', { message: 'English strings' });
    await choose(el, '#dataset', 'activities');
    expect($$<HTMLInputElement>(el, 'input[name=format]').map((i) => i.value)).to.deep.equal(['csv', 'xlsx', 'json']);
    $<HTMLButtonElement>(el, 'button.primary').click();
    await el.updateComplete;
    expect($(el, '[role=status]').textContent).to.contain('Fill in start and end');
    expect($(el, '[role=status]').dataset['tone']).to.equal('error');
    // Without the admin scope there is no audit log to show.
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('bk-admin-results', () => {
  it('charts a poll per period, with the numbers in text, and the intake topics', async () => {
    await setViewport({ width: 360, height: 740 });
    const summary = (await admin<IntakeSummary>('GET', siteApi('/intakes/summary'))).body;
    const el = await fixture<AdminResults>(html`<bk-admin-results .api=${api()}></bk-admin-results>`);
    await waitFor(() => el.polls.length > 0 && el.intakes !== undefined, { message: 'polls and intakes' });
    await choose(el, '#poll', pollId);
    $<HTMLButtonElement>(el, 'button.show').click();
    await waitFor(() => el.results?.pollId === pollId, { message: 'results of the poll' });
    await el.updateComplete;
    const lines = $$(el, '.poll-results li').map((li) => li.textContent!.trim());
    expect(lines).to.deep.equal(['Koffie: 2 (66,7%)', 'Thee: 1 (33,3%)']);
    // Titled with the question as the visitor read it.
    expect($(el, '.poll-results figcaption').textContent!.trim()).to.equal('Wat wil je?');
    const bars = $$<SVGRectElement>(el, '.poll-results rect.bar').map((r) => Number(r.getAttribute('width')));
    expect(bars).to.deep.equal([100, 50]);
    expect($(el, '.poll-results').textContent).to.contain('3 antwoorden');
    const captions = $$(el, '#intake-heading ~ figure figcaption').map((c) => c.textContent);
    expect(captions).to.deep.equal(summary.intakes ? summary.questions.map((q) => q.label) : []);
    await expect(el).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);

    // A period before the poll existed: nothing counted.
    const from = $<HTMLInputElement>(el, '#from');
    from.value = '2020-01-01';
    from.dispatchEvent(new Event('input'));
    const to = $<HTMLInputElement>(el, '#to');
    to.value = '2020-01-31';
    to.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button.show').click();
    await waitFor(() => el.results?.n === 0, { message: 'an empty period' });
    await el.updateComplete;
    expect($(el, '.poll-results').textContent).to.contain('Nog geen antwoorden in deze periode');
  });

  it('opens the impact report, fetched with the token, as a page of its own', async () => {
    const el = await fixture<AdminResults>(html`<bk-admin-results .api=${api()}></bk-admin-results>`);
    await waitFor(() => el.polls.length > 0, { message: 'polls' });
    $<HTMLButtonElement>(el, 'button.report').click();
    await waitFor(() => el.reportUrl, { message: 'the report' });
    await el.updateComplete;
    const link = $<HTMLAnchorElement>(el, 'a[target=_blank]');
    expect(link.href).to.match(/^blob:/);
    const page = await (await fetch(link.href)).text();
    expect(page).to.match(/<html/i);
    expect(page).to.contain('<style>');
    await expect(el).to.be.accessible();
  });
});

describe('bk-admin-privacy', () => {
  it('finds what is stored about a person, erases it and gives a receipt', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await fixture<AdminPrivacy>(html`<bk-admin-privacy .api=${api()}></bk-admin-privacy>`);
    await expect(el).to.be.accessible();

    // Nothing given: the field says so. Not an e-mail or phone number: the collector's message.
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent).to.contain('Vul dit in');
    expect(deepActive()?.id).to.equal('contact');
    await sendKeys({ type: 'geen contact' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, '[role=alert]')?.textContent?.includes('Niet gelukt'), { message: 'the 422' });
    await expect(el).to.be.accessible();

    const input = $<HTMLInputElement>(el, '#contact');
    input.value = '';
    input.focus();
    await sendKeys({ type: contact.toUpperCase() });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'found-heading', { message: 'focus on what was found' });
    expect(el.shadowRoot!.textContent).to.contain(`Een leesclub ${key}`);
    expect(el.shadowRoot!.textContent).to.contain('Jan Jansen');
    // In words a coordinator reads: labels, not field names; dates in Dutch, not UTC stamps.
    const found = $(el, '#found-heading')!.parentElement!;
    expect([...found.querySelectorAll('dt')].map((dt) => dt.textContent)).to.include.members(['Naam', 'Idee', 'Ontvangen op', 'Stand']);
    expect(found.textContent).not.to.match(/wantsToHelp|consentGivenAt|createdAt|\d{4}-\d\d-\d\dT\d\d/);
    await expect(el).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);

    $<HTMLButtonElement>(el, 'button.erase').click();
    await waitFor(() => deepActive()?.classList.contains('confirm-no'), { message: 'focus on "no"' });
    await expect(el).to.be.accessible();
    let erased: ErasureReceipt | undefined;
    el.addEventListener('bk-erased', (e) => (erased = (e as CustomEvent<ErasureReceipt>).detail), { once: true });
    $<HTMLButtonElement>(el, 'button.confirm-yes').click();
    // The receipt, or the screen's error if the erasure failed: a failure then reads as itself, not as a test timeout.
    await waitFor(() => erased || el.error, { timeout: 15_000, message: 'the erasure answered' });
    expect(el.error, 'the erasure failed').to.equal('');
    const receipt = erased!;
    expect(receipt.matched['ideas']).to.equal(1);
    await waitFor(() => deepActive()?.id === 'receipt-heading', { message: 'focus on the receipt' });
    expect($(el, '.receipt').textContent).to.contain(receipt.receiptId);
    expect($(el, '.receipt').textContent).to.contain('Ideeën: naam, e-mailadres of telefoonnummer');
    expect($(el, '.receipt').textContent).not.to.contain('ideas.');
    await expect(el).to.be.accessible();

    // The collector no longer has the name or contact on the idea; a new search finds nothing.
    const ideas = (await admin<{ ideas: AdminIdea[] }>('GET', siteApi('/ideas?limit=5000'))).body.ideas;
    const idea = ideas.find((i) => i.text === `Een leesclub ${key}`)!;
    expect(idea.name).to.equal(null);
    expect(idea.contact).to.equal(null);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => el.found !== undefined, { message: 'the second search' });
    await el.updateComplete;
    expect($(el, '#found-heading ~ p').textContent).to.contain('Niets gevonden');
  });
});

describe('bk-admin-volunteers', () => {
  const dayAhead = (days: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + days * 86_400_000);
  const cancelToken = () =>
    btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');

  it('shows who is coming per shift and the waitlist, and marks attendance', async () => {
    await setViewport({ width: 360, height: 740 });
    const role = await admin<{ id: string }>('POST', siteApi('/volunteer/roles'), { name: `Bardienst ${key}` });
    const date = dayAhead(2);
    const shift = await admin<{ id: string }>('POST', siteApi('/volunteer/shifts'), {
      roleId: role.body.id,
      start: `${date}T10:00`,
      end: `${date}T12:00`,
      capacity: 1,
    });
    expect(shift.status).to.equal(201);
    for (const firstName of ['Anna', 'Bram']) {
      const envelope = buildEnvelope({
        site: info.site,
        widget: 'volunteer-signup',
        locale: 'nl',
        data: {
          kind: 'shifts',
          shifts: [{ shiftId: shift.body.id, date }],
          firstName,
          contact: `${firstName.toLowerCase()}.${key.toLowerCase()}@example.nl`,
          cancelToken: cancelToken(),
        },
        trap: { honeypot: '', elapsedMs: 9000 },
      });
      expect((await postEnvelope(info, envelope)).status).to.equal(201);
    }
    const el = await fixture<AdminVolunteers>(html`<bk-admin-volunteers can-edit .api=${api()}></bk-admin-volunteers>`);
    const occurrence = (await waitFor(() => el.shadowRoot!.querySelector(`[aria-labelledby="occ-${shift.body.id}-${date}"]`), {
      message: 'the shift',
    }))!;
    expect(occurrence.querySelector('h3')!.textContent).to.contain(`Bardienst ${key}`);
    expect(occurrence.querySelector('.coming')!.textContent).to.contain('Anna');
    expect(occurrence.querySelector('.waitlist')!.textContent).to.contain('Bram');
    expect(occurrence.textContent).to.contain('Wachtlijst: 1 persoon');
    await expect(el).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);

    occurrence.querySelector<HTMLButtonElement>('button.came')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => occurrence.querySelector('button.came')?.getAttribute('aria-pressed') === 'true', { message: 'marked as came' });
    const stored = (
      await admin<{ signups: { firstName: string; shiftId: string; attended: boolean | null }[] }>(
        'GET',
        siteApi(`/volunteer/signups?from=${date}&to=${date}`),
      )
    ).body.signups;
    expect(stored.find((s) => s.shiftId === shift.body.id && s.firstName === 'Anna')!.attended).to.equal(true);
    // Pressing it again takes the mark away.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => occurrence.querySelector('button.came')?.getAttribute('aria-pressed') === 'false', { message: 'unmarked' });
    await expect(el).to.be.accessible();
  });
});

describe('bk-admin-app sections', () => {
  const app = (route?: Route) =>
    fixture<AdminApp>(
      html`<bk-admin-app .apiFactory=${(s: { token: string; site: string }) => new HttpAdminApi(s.token, s.site, API_BASE, commandFetch(route))}></bk-admin-app>`,
    );

  it('shows exports, results, privacy and volunteers to an admin token, by keyboard', async () => {
    const el = await app();
    await el.signIn({ token: info.token, site: info.site });
    await el.updateComplete;
    for (const [view, tag] of [
      ['exports', 'bk-admin-exports'],
      ['results', 'bk-admin-results'],
      ['privacy', 'bk-admin-privacy'],
      ['volunteers', 'bk-admin-volunteers'],
    ] as const) {
      $<HTMLButtonElement>(el, `nav button[data-view=${view}]`).focus();
      await sendKeys({ press: 'Enter' });
      const section = (await waitFor(() => el.shadowRoot!.querySelector(tag), { message: tag }))!;
      await (section as AdminExports).updateComplete;
      expect($(el, `nav button[data-view=${view}]`).getAttribute('aria-current')).to.equal('page');
      await expect(el).to.be.accessible();
    }
  });

  it('shows an export-only token the downloads without the audit log', async () => {
    const el = await app((_method, path) =>
      path.endsWith('/whoami')
        ? new Response(
            JSON.stringify({ site: info.site, siteName: 'Test', prefix: 'bk_export', label: null, scopes: ['export'], expiresAt: null }),
          )
        : undefined,
    );
    await el.signIn({ token: info.token, site: info.site });
    await el.updateComplete;
    const nav = $$<HTMLButtonElement>(el, 'nav button').map((b) => b.dataset['view']);
    expect(nav).to.deep.equal(['exports']);
    $<HTMLButtonElement>(el, 'nav button[data-view=exports]').click();
    const exports = (await waitFor(() => el.shadowRoot!.querySelector('bk-admin-exports'), { message: 'exports' }))!;
    await exports.updateComplete;
    expect(exports.canAudit).to.equal(false);
    expect(exports.shadowRoot!.querySelector('#audit-heading')).to.equal(null);
  });
});
