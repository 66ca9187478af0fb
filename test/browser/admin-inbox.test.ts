/**
 * The inbox per widget and "mark as handled" against the real collector of the test run:
 * tabs per widget, filters, search, detail views and the handled button (and its undo) in list
 * and detail, saved through the admin API; names and contact details only in the detail view.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminApp } from '../../src/admin/admin-app.js';
import type { AdminEntryDetail } from '../../src/admin/inbox/entry-detail.js';
import type { AdminIdeaDetail } from '../../src/admin/inbox/idea-detail.js';
import type { AdminHandled } from '../../src/admin/inbox/handled.js';
import type { AdminInbox } from '../../src/admin/inbox/inbox.js';
import { DEFAULT_INTAKE_FLOW } from '../../src/schema/welcome-intake-default.js';
import type { AdminIdea } from '../../src/schema/admin.js';
import { API_BASE, commandFetch, sendIdeaTo } from './admin-helpers.js';
import { admin, collectorInfo, postEnvelope, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;
let key: string;
let ideaId: string;
let intakeId: string;
let applicationId: string;
let responseId: string;
const PHONE = '06 9876 5432';

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const apiFor = () => new HttpAdminApi(info.token, info.site, API_BASE, commandFetch());

async function send(
  widget: 'welcome-intake' | 'volunteer-signup' | 'feedback-poll',
  data: Record<string, unknown>,
  consent?: string,
): Promise<string> {
  const envelope = buildEnvelope({
    site: info.site,
    widget,
    locale: 'nl',
    data,
    trap: { honeypot: '', elapsedMs: 30_000 },
    consent: consent ? { textVersion: consent, givenAt: new Date().toISOString() } : undefined,
  });
  const res = await postEnvelope(info, envelope);
  expect(res.status, `${widget}: ${await res.clone().text()}`).to.equal(201);
  return envelope.id;
}

async function storedIdeas(): Promise<AdminIdea[]> {
  return (await admin<{ ideas: AdminIdea[] }>('GET', `/v1/admin/sites/${info.site}/ideas`)).body.ideas;
}

/** The row (li) whose text contains `text`. */
const rowWith = (el: Element, text: string) => $$(el, 'li').find((li) => li.textContent!.includes(text));

/** Selects a tab and waits for its list. */
async function openTab(el: AdminInbox, tab: string) {
  const button = await waitFor(() => $(el, `button[data-tab="${tab}"]`), { message: `the ${tab} tab` });
  button.click();
  await el.updateComplete;
  expect(button.getAttribute('aria-pressed')).to.equal('true');
}

async function setValue(el: AdminInbox, selector: string, value: string, event = 'change') {
  $<HTMLDetailsElement>(el, 'details').open = true;
  const input = $<HTMLInputElement | HTMLSelectElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event(event));
  await el.updateComplete;
}

/** Clicks a row's "mark as handled" (or undo) button and waits for the saved state. */
async function toggleHandled(el: AdminInbox, text: string): Promise<CustomEvent<{ kind: string; id: string; handledAt: string | null }>> {
  const handled = rowWith(el, text)!.querySelector<AdminHandled>('bk-admin-handled')!;
  const saved = oneEvent(el, 'bk-handled');
  $<HTMLButtonElement>(handled, 'button').click();
  const event = (await saved) as CustomEvent<{ kind: string; id: string; handledAt: string | null }>;
  await el.updateComplete;
  return event;
}

before(async () => {
  info = await collectorInfo();
  key = uniqueKey('inbox');
  ideaId = await sendIdeaTo(info, { text: `Een boekenruilkast bij de ingang ${key}`, category: 'de-ruimte' });
  intakeId = await send(
    'welcome-intake',
    {
      kind: 'intake',
      flow: { id: 'welkom', version: 1 },
      answers: {
        'voor-wie': 'self',
        reden: ['praatje'],
        interesses: ['koken', 'creatief'],
        contact: { channel: 'phone', detail: PHONE },
        toestemming: true,
      },
      visibility: 'host',
      forSomeoneElse: false,
      assisted: true,
    },
    `intake:${DEFAULT_INTAKE_FLOW.id}:${DEFAULT_INTAKE_FLOW.version}`,
  );
  applicationId = await send('volunteer-signup', {
    kind: 'application',
    firstName: 'Joris',
    contact: `joris-${key}@example.org`,
    roles: [`Tuinploeg ${key}`],
  });
  const poll = `inbox-${Date.now().toString(36)}`;
  await admin('PUT', `/v1/admin/sites/${info.site}/polls/${poll}`, { kind: 'smileys', question: 'Hoe was het?', comment: true });
  responseId = await send('feedback-poll', { kind: 'poll-response', pollId: poll, answer: 'goed', comment: `Gezellige middag ${key}` });
});

afterEach(async () => {
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
});

describe('bk-admin-inbox per widget', () => {
  it('has a tab per widget with items, lists each newest first without names or contact, filters and searches', async () => {
    const el = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${await storedIdeas()} .api=${apiFor()} can-handle></bk-admin-inbox>`);
    await waitFor(() => $$(el, 'button[data-tab]').length === 4, { message: 'four tabs' });
    expect($$(el, 'button[data-tab]').map((b) => b.textContent!.trim())).to.deep.equal([
      'Ideeën',
      'Welkomstgesprekken',
      'Aanmeldingen vrijwilligers',
      'Reacties op peilingen',
    ]);
    await expect(el).to.be.accessible();

    await openTab(el, 'intakes');
    expect($(el, '.count').textContent).to.match(/\d+ welkomstgesprek/);
    const intakeRow = rowWith(el, 'koken, creatief')!;
    expect(intakeRow.textContent).to.contain('Ook de gastvrouw of gastheer');
    expect(el.shadowRoot!.textContent).not.to.contain(PHONE);
    await setValue(el, '#topic', 'creatief');
    expect($$(el, 'li').every((li) => li.textContent!.includes('creatief'))).to.equal(true);
    await expect(el).to.be.accessible();

    await openTab(el, 'signups');
    expect($(el, '.count').textContent).to.match(/\d+ aanmelding/);
    expect(rowWith(el, `Tuinploeg ${key}`)!.textContent).to.contain('Wil vrijwilliger worden');
    expect(el.shadowRoot!.textContent).not.to.contain(`joris-${key}@example.org`);
    expect(el.shadowRoot!.textContent).not.to.contain('Joris');
    await setValue(el, '#role', `Tuinploeg ${key}`);
    expect($$(el, 'li')).to.have.length(1);

    await openTab(el, 'responses');
    await setValue(el, '#search', `gezellige ${key}`, 'input');
    expect($$(el, 'li')).to.have.length(1);
    expect($(el, '.count').textContent).to.match(/^1 (van \d+ )?reacties?$/);
    expect($(el, 'li').textContent).to.contain(`Gezellige middag ${key}`);
    // What a visitor wrote keeps its own direction (Arabic in a Dutch list, Dutch on an Arabic page).
    expect($(el, 'li .text').getAttribute('dir')).to.equal('auto');
    expect($(el, 'li button[data-id]').dataset.id).to.equal(responseId);
    await setValue(el, '#handled', 'yes');
    expect($$(el, 'li')).to.have.length(0);
    expect(el.shadowRoot!.textContent).to.contain('Niets gevonden.');
    await setValue(el, '#handled', 'no');
    expect($$(el, 'li')).to.have.length(1);
    await expect(el).to.be.accessible();

    // Each tab keeps its own filters.
    await openTab(el, 'ideas');
    expect($<HTMLInputElement>(el, '#search').value).to.equal('');
    expect(rowWith(el, `Een boekenruilkast bij de ingang ${key}`)).to.exist;
  });

  it('marks an intake as handled in the list, filters on it, and undoes it in the detail view', async () => {
    const el = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${await storedIdeas()} .api=${apiFor()} can-handle></bk-admin-inbox>`);
    await openTab(el, 'intakes');
    const marked = await toggleHandled(el, 'koken, creatief');
    expect(marked.detail).to.include({ kind: 'intake', id: intakeId });
    const stored = await admin<{ handledAt: string | null; handledBy: string | null }>(
      'GET',
      `/v1/admin/sites/${info.site}/intakes/${intakeId}`,
    );
    expect(stored.body.handledAt).to.equal(marked.detail.handledAt);
    expect(stored.body.handledBy).to.equal('test');
    const row = rowWith(el, 'koken, creatief')!;
    expect(row.textContent).to.contain('Afgehandeld');
    expect($(row.querySelector('bk-admin-handled')!, 'button').textContent).to.contain('Toch niet afgehandeld');

    await setValue(el, '#handled', 'no');
    expect(rowWith(el, 'koken, creatief')).to.equal(undefined);
    await setValue(el, '#handled', 'yes');
    rowWith(el, 'koken, creatief')!.querySelector<HTMLButtonElement>('button[data-id]')!.click();
    const detail = (await waitFor(() => el.shadowRoot!.querySelector<AdminEntryDetail>('bk-admin-entry-detail'), {
      message: 'the detail view',
    }))!;
    await detail.updateComplete;
    const text = $(detail, 'dl').textContent!;
    expect(text).to.contain('Afgehandeld op');
    expect(text).to.contain('door test');
    expect(text).to.contain('Niet getoond');
    expect(text).to.contain(intakeId);
    await expect(detail).to.be.accessible();

    const undone = oneEvent(el, 'bk-handled');
    $<HTMLButtonElement>($(detail, 'bk-admin-handled'), 'button').click();
    expect((await undone).detail.handledAt).to.equal(null);
    await el.updateComplete;
    await detail.updateComplete;
    expect($(detail, 'dl').textContent).to.contain('Nog niet afgehandeld');
    const after = await admin<{ handledAt: string | null }>('GET', `/v1/admin/sites/${info.site}/intakes/${intakeId}`);
    expect(after.body.handledAt).to.equal(null);

    $<HTMLButtonElement>(detail, 'button.back').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('bk-admin-entry-detail')).to.equal(null);
  });

  it('shows a sign-up with its name and contact in the detail only, and marks it as handled there', async () => {
    const el = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${[]} .api=${apiFor()} can-handle></bk-admin-inbox>`);
    await openTab(el, 'signups');
    rowWith(el, `Tuinploeg ${key}`)!.querySelector<HTMLButtonElement>('button[data-id]')!.click();
    const detail = (await waitFor(() => el.shadowRoot!.querySelector<AdminEntryDetail>('bk-admin-entry-detail'), {
      message: 'the detail view',
    }))!;
    await detail.updateComplete;
    expect($(detail, 'h2').textContent).to.equal('Aanmelding als vrijwilliger');
    expect($(detail, 'dl').textContent).to.contain(`joris-${key}@example.org`);
    expect($(detail, 'dl').textContent).to.contain('Joris');
    expect([...detail.shadowRoot!.querySelectorAll('dd')].every((dd) => dd.getAttribute('dir') === 'auto')).to.equal(true);
    const marked = oneEvent(el, 'bk-handled');
    $<HTMLButtonElement>($(detail, 'bk-admin-handled'), 'button').click();
    expect((await marked).detail).to.include({ kind: 'application', id: applicationId });
    const stored = await admin<{ applications: { id: string; handledBy: string | null }[] }>(
      'GET',
      `/v1/admin/sites/${info.site}/volunteer/applications?handled=true`,
    );
    expect(stored.body.applications.map((a) => a.id)).to.include(applicationId);
    await detail.updateComplete;
    expect($(detail, 'dl').textContent).to.contain('door test');
    $<HTMLButtonElement>(detail, 'button.back').click();
    await waitFor(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id === applicationId, {
      message: 'focus back on the row',
    });
  });

  it('marks an idea as handled in the list and tells the app; without moderate there is no button', async () => {
    const el = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${await storedIdeas()} .api=${apiFor()} can-handle></bk-admin-inbox>`);
    await setValue(el, '#search', key, 'input');
    const marked = await toggleHandled(el, `Een boekenruilkast bij de ingang ${key}`);
    expect(marked.detail).to.include({ kind: 'idea', id: ideaId });
    expect((await storedIdeas()).find((i) => i.id === ideaId)!.handledBy).to.equal('test');
    // The app owns the ideas: the inbox shows what it is given.
    el.ideas = await storedIdeas();
    await setValue(el, '#handled', 'yes');
    expect($$(el, 'li')).to.have.length(1);
    await toggleHandled(el, `Een boekenruilkast bij de ingang ${key}`);
    expect((await storedIdeas()).find((i) => i.id === ideaId)!.handledAt).to.equal(null);

    const reader = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${await storedIdeas()} .api=${apiFor()}></bk-admin-inbox>`);
    expect(reader.shadowRoot!.querySelector('bk-admin-handled')).to.equal(null);
  });

  it('says when saving fails, and works by keyboard at 360 px in English', async () => {
    await setViewport({ width: 360, height: 720 });
    const api = new HttpAdminApi(
      info.token,
      info.site,
      API_BASE,
      commandFetch((method) =>
        method === 'PUT' ? new Response(JSON.stringify({ error: 'x', message: 'Server says no' }), { status: 500 }) : undefined,
      ),
    );
    const el = await fixture<AdminInbox>(html`<bk-admin-inbox lang="en" .ideas=${[]} .api=${api} can-handle></bk-admin-inbox>`);
    await openTab(el, 'responses');
    await waitFor(() => $(el, 'h2').textContent === 'Inbox', { message: 'English' });
    await setValue(el, '#search', `gezellige ${key}`, 'input');
    const handled = rowWith(el, `Gezellige middag ${key}`)!.querySelector<AdminHandled>('bk-admin-handled')!;
    const button = $<HTMLButtonElement>(handled, 'button');
    await waitFor(() => button.textContent!.includes('Mark as handled'), { message: 'English' });
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(handled, '[role=alert]')?.textContent?.includes('Server says no'), { message: 'the error' });
    expect(button.textContent).to.contain('Mark as handled');
    await expect(el).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
  });

  it('marks an idea as handled in its detail view on the page, and the list follows', async () => {
    const el = await fixture<AdminApp>(
      html`<bk-admin-app .apiFactory=${(x: { token: string; site: string }) => new HttpAdminApi(x.token, x.site, API_BASE, commandFetch())}></bk-admin-app>`,
    );
    await el.signIn({ token: info.token, site: info.site });
    const inbox = el.shadowRoot!.querySelector<AdminInbox>('bk-admin-inbox')!;
    await waitFor(() => inbox.ideas.some((i) => i.id === ideaId), { message: 'the idea' });
    inbox.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id: ideaId }, bubbles: true, composed: true }));
    const detail = (await waitFor(() => el.shadowRoot!.querySelector<AdminIdeaDetail>('bk-admin-idea-detail'), { message: 'the detail' }))!;
    await detail.updateComplete;
    expect($(detail, 'dl').textContent).to.contain('Nog niet afgehandeld');
    const handled = el.shadowRoot!.querySelector<AdminHandled>('bk-admin-idea-detail bk-admin-handled')!;
    const saved = oneEvent(el, 'bk-handled');
    $<HTMLButtonElement>(handled, 'button').click();
    await saved;
    await waitFor(() => $(detail, 'dl').textContent!.includes('Afgehandeld op'), { message: 'the detail says handled' });
    expect($(detail, 'dl').textContent).to.contain('door test');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(detail, 'button.back').click();
    await el.updateComplete;
    await inbox.updateComplete;
    expect(rowWith(inbox, `Een boekenruilkast bij de ingang ${key}`)!.textContent).to.contain('Afgehandeld');
    await admin('PUT', `/v1/admin/sites/${info.site}/ideas/${ideaId}/handled`, { handled: false });
  });
});
