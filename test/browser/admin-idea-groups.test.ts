/**
 * Merging duplicate ideas and tagging them on the coordinator page, against the
 * real collector process of the test run (through the `bk-admin` server command, as in
 * admin.test.ts): tag chips by keyboard, the merge search, the "samengevoegd met" link, undo, the
 * tag overview and filter, the agenda grouped by tag, English, and 360 px.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import type { AdminHouseMeeting } from '../../src/admin/inbox/house-meeting.js';
import type { AdminApp } from '../../src/admin/admin-app.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminIdeaMerge } from '../../src/admin/inbox/idea-merge.js';
import type { AdminIdeaTags } from '../../src/admin/inbox/idea-tags.js';
import type { AdminInbox } from '../../src/admin/inbox/inbox.js';
import type { AdminTagOverview } from '../../src/admin/inbox/tag-overview.js';
import type { AdminIdea } from '../../src/schema/admin.js';
import { API_BASE, commandFetch, sendIdeaTo } from './admin-helpers.js';
import { admin, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;
let key: string;
const api = () => new HttpAdminApi(info.token, info.site, API_BASE, commandFetch());

async function storedIdeas(): Promise<AdminIdea[]> {
  return (await admin<{ ideas: AdminIdea[] }>('GET', `/v1/admin/sites/${info.site}/ideas?limit=5000`)).body.ideas;
}
const stored = async (id: string) => (await storedIdeas()).find((i) => i.id === id)!;

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function type(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

before(async () => {
  info = await collectorInfo();
});

beforeEach(() => {
  key = uniqueKey('groups');
});

afterEach(async () => {
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
});

describe('bk-admin-idea-tags', () => {
  it('adds a tag with the keyboard, suggests used tags, removes one, and keeps focus in the field', async () => {
    const id = await sendIdeaTo(info, { text: `Koffie op zondagochtend ${key}` });
    const known = ['koffie', 'tuin', `al-gebruikt-${key}`];
    const el = await fixture<AdminIdeaTags>(
      html`<bk-admin-idea-tags .idea=${await stored(id)} .api=${api()} .known=${known} can-edit></bk-admin-idea-tags>`,
    );
    await expect(el).to.be.accessible();
    expect($(el, 'section').textContent).to.contain('Nog geen labels.');
    expect($$(el, 'datalist option').map((o) => o.getAttribute('value'))).to.deep.equal(known);

    $<HTMLInputElement>(el, '#tag-input').focus();
    await sendKeys({ type: `  #Zondag ${key} ` });
    await sendKeys({ press: 'Enter' });
    const tag = `zondag ${key}`;
    await waitFor(() => $$(el, '.chip').length === 1, { message: 'a chip' });
    expect($(el, '.chip').textContent).to.contain(tag);
    expect($(el, '[role=status]').textContent).to.equal(`Label ${tag} toegevoegd.`);
    expect($<HTMLInputElement>(el, '#tag-input').value).to.equal('');
    expect(deepActive()?.id).to.equal('tag-input');
    expect((await stored(id)).tags).to.deep.equal([tag]);

    await sendKeys({ type: 'koffie' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(el, '.chip').length === 2, { message: 'two chips' });
    // Suggestions leave out what the idea already has.
    expect($$(el, 'datalist option').map((o) => o.getAttribute('value'))).to.deep.equal(['tuin', `al-gebruikt-${key}`]);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    expect($(el, '[role=alert]').textContent).to.equal('Typ eerst een label.');
    expect($(el, '#tag-input').getAttribute('aria-invalid')).to.equal('true');

    const remove = $$(el, '.chip button').find((b) => b.getAttribute('aria-label') === 'Label koffie verwijderen')!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(el, '.chip').length === 1, { message: 'one chip left' });
    await waitFor(() => deepActive()?.id === 'tag-input', { message: 'focus back in the tag field' });
    expect((await stored(id)).tags).to.deep.equal([tag]);
  });

  it('only lists the tags without can-edit', async () => {
    const idea = { ...(await storedIdeas())[0]!, tags: ['koffie'] };
    const el = await fixture<AdminIdeaTags>(html`<bk-admin-idea-tags .idea=${idea} .api=${api()}></bk-admin-idea-tags>`);
    expect($(el, '.chip').textContent!.trim()).to.equal('koffie');
    expect(el.shadowRoot!.querySelector('input, .chip button')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('bk-admin-idea-merge', () => {
  it('finds the other idea, merges, links back, lists the merged text and undoes it', async () => {
    const target = await sendIdeaTo(info, { text: `Een breicafé op woensdag ${key}` });
    const dup = await sendIdeaTo(info, { text: `Samen breien, elke week ${key}` });
    const el = await fixture<AdminIdeaMerge>(
      html`<bk-admin-idea-merge .idea=${await stored(dup)} .ideas=${await storedIdeas()} .api=${api()} can-edit></bk-admin-idea-merge>`,
    );
    await expect(el).to.be.accessible();

    await type($(el, '#merge-search'), `breicafé ${key}`);
    await el.updateComplete;
    expect($(el, '#merge-count').textContent).to.contain('1 idee gevonden.');
    const button = $<HTMLButtonElement>(el, '.candidates button');
    expect(button.dataset['id']).to.equal(target);
    expect(button.getAttribute('aria-label')).to.contain('Samenvoegen met dit idee: Een breicafé');
    await expect(el).to.be.accessible();
    const reload = oneEvent(el, 'bk-reload');
    button.click();
    await reload;
    expect($(el, 'p.status').textContent).to.equal('Samengevoegd.');
    expect((await stored(dup)).mergedInto).to.equal(target);

    // The merged idea links to its target.
    el.ideas = await storedIdeas();
    el.idea = await stored(dup);
    await el.updateComplete;
    expect($(el, 'section').textContent).to.contain('Samengevoegd met');
    const link = $<HTMLAnchorElement>(el, 'a');
    expect(link.textContent).to.contain(`Een breicafé op woensdag ${key}`);
    const opened = oneEvent(el, 'bk-open-idea');
    link.click();
    expect((await opened).detail.id).to.equal(target);
    expect(el.shadowRoot!.querySelector('#merge-search')).to.equal(null);
    await expect(el).to.be.accessible();

    // The target lists the merged idea's text, and separates it again.
    el.idea = await stored(target);
    await el.updateComplete;
    expect($(el, 'ul li .text').textContent).to.equal(`Samen breien, elke week ${key}`);
    expect($(el, '#merge-hint').textContent).to.contain('Er zijn al ideeën met dit idee samengevoegd');
    await expect(el).to.be.accessible();
    const separate = $$(el, 'ul li button').find((b) => b.textContent!.trim() === 'Losmaken')!;
    const reloadAgain = oneEvent(el, 'bk-reload');
    separate.click();
    await reloadAgain;
    expect($(el, 'p.status').textContent).to.equal('Samenvoegen ongedaan gemaakt.');
    expect((await stored(dup)).mergedInto).to.equal(null);
    await waitFor(() => deepActive()?.id === 'merge-heading', { message: 'focus on the section heading' });
  });

  it('says why when the collector refuses, and changes nothing', async () => {
    const a = await sendIdeaTo(info, { text: `Idee A ${key}` });
    const b = await sendIdeaTo(info, { text: `Idee B ${key}` });
    const c = await sendIdeaTo(info, { text: `Idee C ${key}` });
    // Another coordinator merged B into C meanwhile, but this page's list is older.
    const stale = await storedIdeas();
    expect((await admin('POST', `/v1/admin/sites/${info.site}/ideas/${c}/merge`, { ideas: [b] })).status).to.equal(200);
    const el = await fixture<AdminIdeaMerge>(
      html`<bk-admin-idea-merge .idea=${stale.find((i) => i.id === a)} .ideas=${stale} .api=${api()} can-edit></bk-admin-idea-merge>`,
    );
    await type($(el, '#merge-search'), `Idee B ${key}`);
    await el.updateComplete;
    // B's own button: the search is by words within the text, so C may be listed too (when the
    // random key happens to contain a "b").
    $<HTMLButtonElement>(el, `.candidates button[data-id="${b}"]`).click();
    await waitFor(() => el.shadowRoot!.querySelector('[role=alert]')?.textContent, { message: 'an alert' });
    expect($(el, '[role=alert]').textContent).to.equal(
      'Niet gelukt: dat idee is zelf al met een ander idee samengevoegd. Laad de lijst opnieuw en kies dat andere idee.',
    );
    expect((await stored(a)).mergedInto).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('tag overview, inbox filter and agenda', () => {
  it('counts tags, filters the inbox by a chosen tag, and groups the agenda by tag', async () => {
    const tag = `wens-${key}`;
    const a = await sendIdeaTo(info, { text: `Een moestuin ${key}` });
    const b = await sendIdeaTo(info, { text: `Groente kweken ${key}` });
    const c = await sendIdeaTo(info, { text: `Kruiden in bakken ${key}` });
    await admin('POST', `/v1/admin/sites/${info.site}/ideas/${a}/tags`, { add: [tag] });
    await admin('POST', `/v1/admin/sites/${info.site}/ideas/${c}/tags`, { add: [tag] });
    await admin('POST', `/v1/admin/sites/${info.site}/ideas/${a}/merge`, { ideas: [b] });
    const ideas = await storedIdeas();

    const inbox = await fixture<AdminInbox>(html`<bk-admin-inbox .ideas=${ideas}></bk-admin-inbox>`);
    const overview = $<AdminTagOverview>(inbox, 'bk-admin-tag-overview');
    $<HTMLDetailsElement>(overview, 'details').open = true;
    await overview.updateComplete;
    const pick = $$(overview, 'button').find((x) => x.textContent!.includes(tag))!;
    expect(pick.textContent!.trim()).to.equal(`${tag}: 3 ideeën`);
    await expect(inbox).to.be.accessible();
    pick.click();
    await inbox.updateComplete;
    expect($$(inbox, 'ol > li').map((li) => li.querySelector('.text')!.textContent)).to.deep.equal([
      `Kruiden in bakken ${key}`,
      `Een moestuin ${key}`,
    ]);
    expect($<HTMLSelectElement>(inbox, '#tag').value).to.equal(tag);
    await overview.updateComplete;
    expect(pick.getAttribute('aria-pressed')).to.equal('true');
    expect($$(inbox, 'ol > li')[1]!.textContent).to.contain(tag);

    const agenda = await fixture<AdminHouseMeeting>(html`<bk-admin-house-meeting .ideas=${ideas}></bk-admin-house-meeting>`);
    // The duplicate stands for its target: the wish is on the agenda once, mentioned once more.
    const moestuin = $$(agenda, 'li').filter((li) => li.textContent!.includes(key));
    expect(moestuin.map((li) => li.querySelector('.text')!.textContent)).to.deep.equal([`Een moestuin ${key}`, `Kruiden in bakken ${key}`]);
    expect(moestuin[0]!.textContent).to.contain('nog 1 keer genoemd');
    $<HTMLInputElement>(agenda, '#grouped').click();
    await agenda.updateComplete;
    const heading = $$(agenda, 'h4').find((h) => h.textContent === tag)!;
    expect(heading.nextElementSibling!.textContent).to.contain(`Een moestuin ${key}`);
    expect(heading.nextElementSibling!.textContent).to.contain(`Kruiden in bakken ${key}`);
    await expect(agenda).to.be.accessible();
  });
});

describe('bk-admin-app with merged ideas and tags', () => {
  const app = () =>
    fixture<AdminApp>(
      html`<bk-admin-app .apiFactory=${(s: { token: string; site: string }) => new HttpAdminApi(s.token, s.site, API_BASE, commandFetch())}></bk-admin-app>`,
    );

  it('merges from the detail, follows the link to the target, in English and at 360 px', async () => {
    await setViewport({ width: 360, height: 740 });
    const target = await sendIdeaTo(info, { text: `Een repaircafé ${key}` });
    const dup = await sendIdeaTo(info, { text: `Spullen samen repareren ${key}` });
    const el = await app();
    await el.signIn({ token: info.token, site: info.site });
    const inbox = el.shadowRoot!.querySelector<AdminInbox>('bk-admin-inbox')!;
    await waitFor(() => inbox.ideas.some((i) => i.id === dup), { message: 'ideas' });
    inbox.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id: dup }, bubbles: true, composed: true }));
    const merge = (await waitFor(() => el.shadowRoot!.querySelector<AdminIdeaMerge>('bk-admin-idea-merge'), {
      message: 'the merge section',
    }))!;
    expect(el.shadowRoot!.querySelector('bk-admin-idea-tags')).to.exist;
    await type($(merge, '#merge-search'), `repaircafé ${key}`);
    await merge.updateComplete;
    $<HTMLButtonElement>(merge, '.candidates button').click();
    // The app loads the list again, so the detail shows the merge.
    await waitFor(() => merge.shadowRoot!.querySelector('a'), { message: 'the link to the target' });
    const fits = () => document.documentElement.scrollWidth <= 360;
    expect(fits(), `merged ${document.documentElement.scrollWidth}`).to.equal(true);
    await expect(el).to.be.accessible();

    $<HTMLAnchorElement>(merge, 'a').click();
    await waitFor(() => merge.idea?.id === target, { message: 'the target shown' });
    await waitFor(() => deepActive()?.id === 'detail-heading', { message: 'focus on the heading' });
    await merge.updateComplete;
    expect($(merge, 'ul li .text').textContent).to.equal(`Spullen samen repareren ${key}`);
    expect(fits(), `target ${document.documentElement.scrollWidth}`).to.equal(true);

    el.lang = 'en';
    await waitFor(() => $(merge, 'h3').textContent === 'Duplicate ideas', { message: 'English' });
    expect($(merge, 'section').textContent).to.contain('One idea is merged into this one:');
    expect($(el.shadowRoot!.querySelector('bk-admin-idea-tags')!, 'h3').textContent).to.equal('Tags');
    await expect(el).to.be.accessible();
  });
});
