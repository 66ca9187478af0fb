/**
 * The coordinator page's manage sections against the real collector of the test run, on a site of
 * their own (`manageSite`, so the other files' polls and intake flow stay as they expect): polls
 * made and changed with the form, the welcome intake's questions, retention and the purge. Each
 * shows a collector refusal (422) at its field, and a save the collector then serves.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import type { AdminApp } from '../../src/admin/admin-app.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminIntakeFlow } from '../../src/admin/intake/intake-flow.js';
import type { AdminPollForm } from '../../src/admin/polls/poll-form.js';
import type { AdminPolls } from '../../src/admin/polls/polls.js';
import type { AdminPrivacy } from '../../src/admin/privacy/privacy.js';
import type { AdminRetention } from '../../src/admin/privacy/retention.js';
import { DEFAULT_INTAKE_FLOW } from '../../src/schema/welcome-intake-default.js';
import { API_BASE, commandFetch, type Route } from './admin-helpers.js';
import { admin, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

type Json = Record<string, any>;
let info: CollectorInfo;
const api = (route?: Route) => new HttpAdminApi(info.token, info.manageSite, API_BASE, commandFetch(route));
const siteApi = (path: string) => `/v1/admin/sites/${info.manageSite}${path}`;
const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];

function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function type(el: Element & { updateComplete: Promise<boolean> }, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function click(el: Element & { updateComplete: Promise<boolean> }, selector: string) {
  $(el, selector).click();
  await el.updateComplete;
}

/** What a visitor's browser gets: the public API of the site (CORS, no token). */
async function publicGet(path: string): Promise<Json> {
  const res = await fetch(`${info.url}/v1/sites/${info.manageSite}${path}`, { cache: 'no-store' });
  expect(res.status, path).to.equal(200);
  return res.json() as Promise<Json>;
}

before(async () => {
  info = await collectorInfo();
});

afterEach(async () => setViewport({ width: 800, height: 600 }));

describe('bk-admin-polls', () => {
  it('makes a choice poll with the form at 360 px, the keyboard reordering choices; a refusal shows at its field', async () => {
    await setViewport({ width: 360, height: 740 });
    const id = uniqueKey('koffie').toLowerCase().slice(0, 30);
    const el = await fixture<AdminPolls>(html`<bk-admin-polls lang="nl" can-edit .api=${api()}></bk-admin-polls>`);
    await waitFor(() => el.polls !== undefined, { message: 'polls loaded' });
    await el.updateComplete;
    // The built-in polls are listed until the site replaces them.
    expect($$(el, '.list > li').map((li) => li.dataset.id)).to.include.members(['welkom', 'impact']);
    await expect(el).to.be.accessible();

    $(el, '.new-poll').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'poll-form-heading', { message: 'focus on the form heading' });
    const form = $<AdminPollForm>(el, 'bk-admin-poll-form');
    await click(form, '#kind-choice');
    await type(form, '#poll-id', id);
    await type(form, '#poll-question', 'Wat drink je het liefst?');
    await type(form, '#options-0', 'Koffie');
    await type(form, '#options-1', 'Thee');
    await click(form, '.add-options');
    expect(deepActive()?.id, 'focus on the new choice').to.equal('options-2');
    await sendKeys({ type: 'Warme chocolademelk' });
    // Move the new choice to the top with the keyboard: focus stays on its "up" button.
    $(form, '[data-move="options-2-up"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.getAttribute('data-move') === 'options-1-up', { message: 'focus follows the choice' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.getAttribute('data-move') === 'options-0-up', { message: 'at the top' });
    expect(deepActive()!.getAttribute('aria-disabled')).to.equal('true');
    await click(form, '#flag-comment');
    await click(form, '#flag-showResults');
    await click(form, '#flag-story');
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    await expect(form).to.be.accessible();

    // The collector allows 120 characters for the name in the questions: its 422 lands on that field.
    await type(form, '#poll-subject', 'De Eik '.repeat(20));
    await click(form, 'button[type=submit]');
    await waitFor(() => $(form, '#subject-error'), { message: 'the refusal at the field' });
    expect($(form, '[role=alert]').textContent).to.contain('Niet opgeslagen');
    expect($(form, '#poll-subject').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()?.id).to.equal('poll-subject');
    expect($<HTMLInputElement>(form, '#poll-question').value, 'what was typed stays').to.equal('Wat drink je het liefst?');
    await expect(form).to.be.accessible();

    await type(form, '#poll-subject', 'De Eik');
    const saved = oneEvent(el, 'bk-poll-saved');
    await click(form, 'button[type=submit]');
    await saved;
    await waitFor(() => $(el, `[data-id="${id}"]`), { message: 'the new poll in the list' });
    expect($(el, '[role=status]').textContent).to.contain('is opgeslagen');
    await waitFor(() => deepActive()?.closest('li')?.dataset.id === id, { message: 'focus on the saved poll' });
    expect(deepActive()!.classList.contains('edit')).to.equal(true);

    // The collector serves it to the widget as the form made it.
    const served = await publicGet(`/polls/${id}`);
    expect(served).to.deep.include({
      kind: 'choice',
      question: 'Wat drink je het liefst?',
      comment: true,
      story: true,
      showResults: true,
      subject: 'De Eik',
    });
    expect(served.options).to.deep.equal([
      { value: 'warme-chocolademelk', label: 'Warme chocolademelk' },
      { value: 'koffie', label: 'Koffie' },
      { value: 'thee', label: 'Thee' },
    ]);
  });

  it('changes a poll: ties it to a period that has ended (closed), keeps its choice values, shows a preview', async () => {
    const id = uniqueKey('keuze').toLowerCase().slice(0, 30);
    const put = await admin('PUT', siteApi(`/polls/${id}`), {
      kind: 'choice',
      question: 'Welke dag?',
      options: [
        { value: 'ma', label: 'Maandag' },
        { value: 'di', label: 'Dinsdag' },
      ],
    });
    expect(put.status).to.equal(200);
    const el = await fixture<AdminPolls>(html`<bk-admin-polls lang="en" can-edit .api=${api()}></bk-admin-polls>`);
    await waitFor(() => $(el, `[data-id="${id}"] .edit`), { message: 'the poll listed' });
    await click(el, `[data-id="${id}"] .edit`);
    const form = $<AdminPollForm>(el, 'bk-admin-poll-form');
    await waitFor(() => $(form, 'h3').textContent === 'Edit Welke dag?', { message: 'the form in English' });
    await type(form, '#options-1', 'Dinsdagochtend');
    await click(form, '#tie-period');
    await type(form, '#poll-from', '2025-01-01');
    await type(form, '#poll-to', '2025-01-31');

    await click(form, '.preview-toggle');
    await waitFor(() => $(form, 'feedback-poll')?.shadowRoot?.textContent?.includes('Welke dag?'), {
      message: 'the widget shows the draft',
    });
    expect($(form, 'feedback-poll').shadowRoot!.textContent).to.contain('Dinsdagochtend');
    await expect(form).to.be.accessible();

    const saved = oneEvent(el, 'bk-poll-saved');
    await click(form, 'button[type=submit]');
    await saved;
    await waitFor(() => $(el, `[data-id="${id}"] .badge`), { message: 'listed again' });
    expect($(el, `[data-id="${id}"] .badge`).textContent).to.equal('Closed');
    const served = await publicGet(`/polls/${id}`);
    expect(served.options).to.deep.equal([
      { value: 'ma', label: 'Maandag' },
      { value: 'di', label: 'Dinsdagochtend' },
    ]);
    expect(served.period).to.deep.equal({ from: '2025-01-01', to: '2025-01-31' });
  });
});

describe('bk-admin-intake-flow', () => {
  async function editor() {
    const el = await fixture<AdminIntakeFlow>(html`<bk-admin-intake-flow lang="nl" can-edit .api=${api()}></bk-admin-intake-flow>`);
    await waitFor(() => el.draft, { message: 'the flow loaded' });
    await el.updateComplete;
    return el;
  }

  it('edits texts, turns a question off, adds a choice, reorders with the keyboard; a refusal shows at the question', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await editor();
    await expect(el).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    const key = uniqueKey('intake');
    await type(el, '#s0-q1-label-nl', `Waarvoor kom je? ${key}`);
    await type(el, '#s0-q1-label-en', 'What brings you?');
    // The Arabic stands next to them, right to left, holding the built-in flow's Arabic.
    const arabic = $<HTMLInputElement>(el, '#s0-q1-label-ar');
    expect([arabic.value, arabic.lang, arabic.dir]).to.deep.equal(['لماذا تأتي؟', 'ar', 'rtl']);
    expect(el.shadowRoot!.querySelector(`label[for="s0-q1-label-ar"]`)!.textContent).to.contain('(Arabisch)');
    await type(el, '#s0-q1-label-ar', 'ما سبب مجيئك؟');
    // Turn "talenten" off: its texts fold away, it stays listed.
    const talents = el.draft!.steps[1]!.questions.findIndex((q) => q.source.id === 'talenten');
    await click(el, `#s1-q${talents}-on`);
    expect($(el, `#s1-q${talents}-label-nl`)).to.equal(null);
    // A new choice for "reden", focused when added.
    const reden = el.draft!.steps[0]!.questions[1]!;
    $(el, '[data-question="reden"] .add-option').click();
    await el.updateComplete;
    expect(deepActive()?.id).to.equal(`s0-q1-o${reden.options.length}-nl`);
    await sendKeys({ type: 'Koffie drinken' });

    // Consent moved above the contact question it depends on: the collector refuses, at that question.
    const contactStep = el.draft!.steps.findIndex((s) => s.source.id === 'contact');
    $(el, `[data-move="s${contactStep}-q-2-up"]`).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.getAttribute('data-move') === `s${contactStep}-q-1-up`, { message: 'focus follows' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.getAttribute('data-move') === `s${contactStep}-q-0-up`, { message: 'consent on top' });
    await click(el, 'button[type=submit]');
    await waitFor(() => $(el, `#s${contactStep}-q0-error`), { message: 'the refusal at the question' });
    expect($(el, `#s${contactStep}-q0-error`).textContent).to.contain('"contact" is not an earlier question');
    expect($(el, '[role=alert]').textContent).to.contain('Niet opgeslagen');
    expect(deepActive()?.closest('li')?.dataset.question).to.equal('toestemming');
    expect($<HTMLInputElement>(el, '#s0-q1-label-nl').value, 'what was typed stays').to.contain(key);
    await expect(el).to.be.accessible();

    // Put it back, and save: a new version the collector serves to the widget.
    $(el, `[data-move="s${contactStep}-q-0-down"]`).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await click(el, 'button[type=submit]');
    await waitFor(() => $(el, '.status')?.textContent?.includes('Opgeslagen als versie'), { message: 'saved' });
    const served = await publicGet('/intake-flow');
    const questions = served.steps.flatMap((s: Json) => s.questions);
    const saved = questions.find((q: Json) => q.id === 'reden');
    expect(saved.label).to.deep.equal({ nl: `Waarvoor kom je? ${key}`, en: 'What brings you?', ar: 'ما سبب مجيئك؟' });
    expect(saved.options.at(-1)).to.deep.equal({ value: 'koffie-drinken', label: { nl: 'Koffie drinken' } });
    expect(questions.map((q: Json) => q.id)).to.not.include('talenten');
    expect(questions.slice(-3).map((q: Json) => q.id)).to.deep.equal(['contact', 'zichtbaar', 'toestemming']);
    expect(served.version).to.be.greaterThan(1);
    // Loaded again, the turned-off question is still there to turn back on.
    const again = await editor();
    expect(again.draft!.steps[1]!.questions.find((q) => q.source.id === 'talenten')!.on).to.equal(false);
  });

  it('goes back to the built-in questions after a second question', async () => {
    await admin('PUT', siteApi('/intake-flow'), { ...DEFAULT_INTAKE_FLOW, id: 'kort', steps: DEFAULT_INTAKE_FLOW.steps.slice(0, 1) });
    const el = await editor();
    expect(el.draft!.id).to.equal('kort');
    $(el, '.reset').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.classList.contains('reset-no'), { message: 'focus on "no"' });
    await expect(el).to.be.accessible();
    await click(el, '.reset-yes');
    await waitFor(() => $(el, '.status')?.textContent?.includes('Opgeslagen als versie'), { message: 'saved' });
    const served = await publicGet('/intake-flow');
    const { version: _v, ...builtIn } = DEFAULT_INTAKE_FLOW;
    const { version, ...rest } = served;
    expect(rest).to.deep.equal(JSON.parse(JSON.stringify(builtIn)));
    expect(version).to.be.greaterThan(1);
    expect(el.draft!.id).to.equal('welkom');
  });
});

describe('bk-admin-retention', () => {
  const retention = (el: AdminPrivacy) => $<AdminRetention>(el, 'bk-admin-retention');

  it('shows and changes the periods per kind of data, checks them, and shows a refusal at its field', async () => {
    await setViewport({ width: 360, height: 740 });
    // A refusal by the collector (scripted, as the bounds match the form's) is shown at its field.
    let refuse = false;
    const route: Route = (method, path) =>
      refuse && method === 'PUT' && path.endsWith('/settings/retention')
        ? new Response(
            JSON.stringify({
              error: 'invalid_request',
              message: 'The request has errors',
              issues: [{ path: 'intakeMonths', message: 'Too big: expected number to be <=120' }],
            }),
            { status: 422 },
          )
        : undefined;
    const privacy = await fixture<AdminPrivacy>(html`<bk-admin-privacy lang="nl" .api=${api(route)}></bk-admin-privacy>`);
    await waitFor(() => retention(privacy)?.info, { message: 'retention loaded' });
    const el = retention(privacy);
    await el.updateComplete;
    expect($(el, 'label[for=months-ideaContactMonths]').textContent).to.contain('Ideeën: naam, contact en toestemming');
    expect($<HTMLInputElement>(el, '#months-intakeMonths').value).to.equal('12');
    await expect(privacy).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(360);

    await type(el, '#months-pollTextMonths', '0');
    // Said in Dutch while typing, and the browser's own message on the field is the same text.
    await waitFor(() => $(el, '#months-pollTextMonths-error'), { message: 'the message while typing' });
    expect($<HTMLInputElement>(el, '#months-pollTextMonths').validationMessage).to.equal('Vul een aantal maanden in van 1 tot en met 120.');
    await click(el, 'button[type=submit]');
    expect($(el, '#months-pollTextMonths-error').textContent).to.equal('Vul een aantal maanden in van 1 tot en met 120.');
    expect(deepActive()?.id).to.equal('months-pollTextMonths');

    refuse = true;
    await type(el, '#months-pollTextMonths', '6');
    await click(el, 'button[type=submit]');
    await waitFor(() => $(el, '#months-intakeMonths-error'), { message: 'the refusal at the field' });
    expect($(el, '#months-intakeMonths').getAttribute('aria-invalid')).to.equal('true');

    expect($(el, '#months-intakeMonths-error').textContent).to.equal('Vul een aantal maanden in van 1 tot en met 120.');
    refuse = false;
    await type(el, '#months-ideaContactMonths', '3');
    await click(el, 'button[type=submit]');
    await waitFor(() => $(el, '#retention-status').textContent === 'Opgeslagen.', { message: 'saved' });
    const stored = await admin<Json>('GET', siteApi('/settings/retention'));
    expect(stored.body.custom).to.deep.equal({ ideaContactMonths: 3, pollTextMonths: 6 });
    expect(stored.body.retention.intakeMonths).to.equal(12);
    // Back to the defaults: nothing of the site's own remains.
    await click(el, '.defaults');
    await click(el, 'button[type=submit]');
    await waitFor(async () => (await admin<Json>('GET', siteApi('/settings/retention'))).body.custom.ideaContactMonths === undefined, {
      message: 'defaults stored',
    });
  });

  it('shows what a purge would remove now, and runs it after a second question, audited', async () => {
    let dryRuns = 0;
    // The collector's data here is all recent, so nothing is due: the dry run's counts are scripted; the run is real.
    const route: Route = (method, path) => {
      if (method !== 'POST' || !path.endsWith('/purge') || dryRuns > 0) return undefined;
      dryRuns++;
      const lines = [{ action: 'purge.idea-contact', what: 'ideas', months: 12, before: '2025-11-22T10:00:00.000Z', count: 2 }];
      return new Response(JSON.stringify({ dryRun: true, lines }), { headers: { 'Content-Type': 'application/json' } });
    };
    const privacy = await fixture<AdminPrivacy>(html`<bk-admin-privacy lang="nl" .api=${api(route)}></bk-admin-privacy>`);
    await waitFor(() => retention(privacy)?.info, { message: 'retention loaded' });
    const el = retention(privacy);
    $(el, '.purge-dry').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, 'li[data-action="purge.idea-contact"]'), { message: 'the dry run' });
    expect($(el, 'li[data-action="purge.idea-contact"]').textContent).to.contain('2');
    await expect(privacy).to.be.accessible();
    $(el, '.purge-run').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.classList.contains('purge-no'), { message: 'asks once more' });
    expect($(el, '#purge-confirm').textContent).to.contain('2 gegevens');
    await click(el, '.purge-yes');
    await waitFor(() => $(el, '#purge-heading').textContent === 'Opgeruimd', { message: 'purged' });
    expect($$(el, '.purge-lines li')).to.have.length(5);
    const audit = await admin<{ entries: Json[] }>('GET', siteApi('/audit?limit=20'));
    expect(audit.body.entries.filter((e) => e.action.startsWith('purge.')).length).to.be.at.least(5);
  });
});

describe('manage sections with read only', () => {
  it('lists the polls and the questions without anything to change', async () => {
    const polls = await fixture<AdminPolls>(html`<bk-admin-polls lang="nl" .api=${api()}></bk-admin-polls>`);
    await waitFor(() => polls.polls !== undefined, { message: 'polls loaded' });
    await polls.updateComplete;
    expect($(polls, '.new-poll')).to.equal(null);
    expect($$(polls, '.edit')).to.have.length(0);
    expect(polls.shadowRoot!.textContent).to.contain('niet wijzigen');
    await expect(polls).to.be.accessible();
    const intake = await fixture<AdminIntakeFlow>(html`<bk-admin-intake-flow lang="nl" .api=${api()}></bk-admin-intake-flow>`);
    await waitFor(() => intake.flows, { message: 'flow loaded' });
    await intake.updateComplete;
    expect($(intake, 'form')).to.equal(null);
    expect(intake.shadowRoot!.textContent).to.contain('Waarvoor kom je?');
    await expect(intake).to.be.accessible();
  });
});

describe('bk-admin-app manage sections', () => {
  it('offers polls and welcome questions with read, and retention in privacy with admin', async () => {
    const app = await fixture<AdminApp>(
      html`<bk-admin-app lang="nl" .apiFactory=${(s: { token: string; site: string }) => new HttpAdminApi(s.token, s.site, API_BASE, commandFetch())}></bk-admin-app>`,
    );
    await app.signIn({ token: info.token, site: info.manageSite });
    await app.updateComplete;
    const views = $$(app, 'nav button').map((b) => b.dataset.view);
    expect(views).to.include.members(['polls', 'intake', 'privacy']);
    await click(app, 'nav button[data-view="intake"]');
    await waitFor(() => $<AdminIntakeFlow>(app, 'bk-admin-intake-flow')?.draft, { message: 'intake editor' });
    await click(app, 'nav button[data-view="privacy"]');
    await waitFor(() => $(app, 'bk-admin-privacy')?.shadowRoot?.querySelector('bk-admin-retention'), { message: 'retention in privacy' });
    await expect(app).to.be.accessible();
    sessionStorage.clear();
  });
});
