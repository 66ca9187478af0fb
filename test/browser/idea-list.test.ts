import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, admin, clearOutboxDb, collectorInfo, postEnvelope, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;

/** Post an idea straight to the collector, as a widget would, and return its id. */
async function postIdea(text: string): Promise<string> {
  const envelope = buildEnvelope({
    site: c.site,
    widget: 'idea-box',
    locale: 'nl',
    data: { kind: 'idea', text, wantsToHelp: false },
    trap: { honeypot: '', elapsedMs: 5000 },
  });
  const res = await postEnvelope(c, envelope);
  expect(res.status).to.equal(201);
  return envelope.id;
}

async function make(attrs = '') {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<idea-box endpoint="${c.url}" site="${c.site}" ${attrs}></idea-box>`;
  const el = wrap.querySelector('idea-box') as IdeaBox;
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

const votesOf = async (id: string) => (await admin<{ votes: number }>('GET', `/v1/admin/sites/${c.site}/ideas/${id}`)).body.votes;

describe('<idea-box> public list and votes', () => {
  let planned: string;
  let refused: string;
  let hostile: string;
  const tag = uniqueKey('t');

  before(async () => {
    c = await collectorInfo();
    await clearOutboxDb();
    await postIdea(`Niet gepubliceerd ${tag}`);
    planned = await postIdea(`Een wandelgroep ${tag}\nElke dinsdag`);
    refused = await postIdea(`Een zwembad in de tuin ${tag}`);
    hostile = await postIdea(`<img src=x onerror="window.__xss=1"> <b>vet</b> ${tag}`);
    const publish = (id: string, body: object) => admin('PATCH', `/v1/admin/sites/${c.site}/ideas/${id}`, { published: true, ...body });
    expect((await publish(planned, { status: 'gepland', publicAnswer: 'We starten in maart. <script>alert(1)</script>' })).status).to.equal(
      200,
    );
    expect((await publish(refused, { status: 'niet-mogelijk', statusReason: 'Daar is geen ruimte voor.' })).status).to.equal(200);
    expect((await publish(hostile, {})).status).to.equal(200);
  });

  it('shows only published ideas, newest first, with status, reason and answer as text', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    await waitFor(() => po.ideas.length > 0, { message: 'the list' });
    const ours = po.ideas.filter((li) => li.textContent!.includes(tag));
    expect(ours).to.have.length(3);
    expect(po.root.textContent).not.to.contain('Niet gepubliceerd');
    // Newest first (the collector's default sort for this site).
    expect(ours.map((li) => li.querySelector('.idea-text')!.textContent)).to.deep.equal([
      `<img src=x onerror="window.__xss=1"> <b>vet</b> ${tag}`,
      `Een zwembad in de tuin ${tag}`,
      `Een wandelgroep ${tag}\nElke dinsdag`,
    ]);
    const [xss, no, yes] = ours as [HTMLElement, HTMLElement, HTMLElement];
    expect(xss.querySelector('img, b')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    expect(xss.querySelector('[part~="badge"]')!.textContent).to.contain('Ontvangen');
    expect(yes.querySelector('[part~="badge"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Stand van zaken: Gepland');
    expect(yes.querySelector('[part~="answer"]')!.textContent).to.contain('Wat we ermee doen');
    expect(yes.querySelector('.answer-text')!.textContent).to.equal('We starten in maart. <script>alert(1)</script>');
    expect(yes.querySelector('script')).to.equal(null);
    expect(no.querySelector('[part~="badge"]')!.textContent).to.contain('Niet mogelijk');
    expect(no.querySelector('.reason')!.textContent).to.contain('Waarom niet: Daar is geen ruimte voor.');
    await expect(po.el).to.be.accessible();
  });

  it('upvotes once per browser: aria-pressed, count +1, a second click sends nothing', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    await waitFor(() => po.ideas.length > 0, { message: 'the list' });
    const item = () => po.ideas.find((li) => li.textContent!.includes(`Een wandelgroep ${tag}`))!;
    const button = () => item().querySelector<HTMLButtonElement>('[part~="vote-button"]')!;
    expect(button().textContent!.trim()).to.equal('Ik vind dit ook een goed idee');
    expect(button().getAttribute('aria-pressed')).to.equal('false');
    expect(item().querySelector('.count')).to.equal(null);
    const before = await votesOf(planned);
    button().click();
    await waitFor(() => button().getAttribute('aria-pressed') === 'true', { message: 'pressed' });
    expect(item().querySelector('.count')!.textContent).to.equal(`${before + 1} persoon vindt dit een goed idee`);
    await waitFor(async () => (await votesOf(planned)) === before + 1, { message: 'vote stored' });
    await waitFor(() => po.$('.list .status')!.textContent === 'Bedankt voor je stem!', { message: 'vote thanks' });
    await expect(po.el).to.be.accessible();
    // A vote is handed over in the click itself (bk-submit comes before anything is sent): none now.
    const submits: Event[] = [];
    po.el.addEventListener('bk-submit', (e) => submits.push(e));
    button().click();
    expect(submits).to.deep.equal([]);
    await po.el.updateComplete;
    expect(button().getAttribute('aria-pressed')).to.equal('true');
    expect(await votesOf(planned)).to.equal(before + 1);
    expect(localStorage.getItem(`buurtkit:votes:${c.site}`)).to.contain(planned);

    // A new widget (a reload): the vote is remembered and counted by the collector.
    const again = await make();
    await waitFor(() => again.ideas.length > 0, { message: 'the list again' });
    const li = again.ideas.find((x) => x.textContent!.includes(`Een wandelgroep ${tag}`))!;
    expect(li.querySelector('[part~="vote-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    expect(li.querySelector('.count')!.textContent).to.equal(`${before + 1} persoon vindt dit een goed idee`);
  });

  it('loads English only where it is asked for', () => {
    // Every widget in this file is Dutch: the English strings (a lazy chunk) were never fetched.
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.filter((url) => url.includes('/locales/en'))).to.deep.equal([]);
    expect(loaded.some((url) => url.includes('idea-list'))).to.equal(true);
  });

  it('respects list-limit and hide-list; a list that cannot load shows nothing', async () => {
    const limited = await make('list-limit="1"');
    await expect(limited.el).to.be.accessible();
    await waitFor(() => limited.ideas.length > 0, { message: 'the list' });
    expect(limited.ideas).to.have.length(1);
    const hidden = await make('hide-list');
    await expect(hidden.el).to.be.accessible();
    // Hidden, the list's code is not even fetched: nothing could show it later.
    expect(hidden.el.list).to.equal(undefined);
    expect(hidden.$('[part~="list"]')).to.equal(null);
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<idea-box endpoint="http://127.0.0.1:9" site="${c.site}"></idea-box>`;
    const broken = new IdeaBoxObject(wrap.querySelector('idea-box') as IdeaBox);
    await waitFor(() => broken.el.list?.read.phase === 'failed', { message: 'the list could not load' });
    await broken.el.updateComplete;
    expect(broken.$('[part~="list"]')).to.equal(null);
    expect(broken.$('form')).not.to.equal(null);
    await expect(broken.el).to.be.accessible();
  });
});
