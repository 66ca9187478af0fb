import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import { sharedOutbox } from '../../src/core/outbox.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import {
  IdeaBoxObject,
  admin,
  blockPaths,
  clearOutboxDb,
  collectorInfo,
  postEnvelope,
  receiverLog,
  receiverUrl,
  outboxesSettled,
  uniqueKey,
  waitFor,
} from './helpers.js';

// The idea box's sending part (checks, envelope, outbox hand-over, thank-you) is its own chunk,
// fetched right after the first render (idea-box-prefetch.test.ts). Here it cannot be fetched,
// as when the network dropped right after the page loaded. Its own file: once loaded, a module
// stays loaded for the rest of the page, so the order of these tests matters.

const SEND_CHUNK = '/src/widgets/idea-box/idea-sending-part.ts';
const sendLoaded = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/idea-box/idea-sending-part'));

async function make(attrs: string) {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<idea-box ${attrs}></idea-box>`;
  const el = wrap.querySelector('idea-box') as IdeaBox;
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

/** Press send at once, without waiting for the sending part as `IdeaBoxObject.submit` does. */
async function pressSend(po: IdeaBoxObject) {
  po.$<HTMLButtonElement>('button[type=submit]')!.click();
  await po.el.updateComplete;
}

describe('<idea-box> when its sending part cannot be fetched', () => {
  before(() => clearOutboxDb());
  after(async () => {
    await blockPaths([]);
  });

  it('with the part out of reach, a vote still counts: the outbox hand-over is in the first download', async () => {
    const c = await collectorInfo();
    const key = uniqueKey('vote');
    const envelope = buildEnvelope({
      site: c.site,
      widget: 'idea-box',
      locale: 'nl',
      data: { kind: 'idea', text: `Een stem zonder verbinding ${key}`, wantsToHelp: false },
      trap: { honeypot: '', elapsedMs: 5000 },
    });
    expect((await postEnvelope(c, envelope)).status).to.equal(201);
    expect((await admin('PATCH', `/v1/admin/sites/${c.site}/ideas/${envelope.id}`, { published: true })).status).to.equal(200);
    await blockPaths([SEND_CHUNK]);
    const po = await make(`endpoint="${c.url}" site="${c.site}"`);
    await waitFor(() => po.ideas.some((li) => li.textContent!.includes(key)), { message: 'the list' });
    const ours = po.ideas.find((li) => li.textContent!.includes(key))!;
    const button = ours.querySelector<HTMLButtonElement>('[part~="vote-button"]')!;
    button.click();
    await waitFor(() => button.getAttribute('aria-pressed') === 'true', { message: 'the vote counted' });
    await po.el.updateComplete;
    expect(po.el.send).to.equal(undefined);
    expect(po.root.textContent).to.not.include('Je stem kon niet worden verstuurd.');
  });

  it('with the part out of reach, send still hands the idea to the outbox and it arrives exactly once', async () => {
    const rx = await receiverUrl();
    const key = uniqueKey('lazy-send');
    await blockPaths([SEND_CHUNK]);
    const po = await make(`endpoint="${rx}/json/${key}" site="de-linde" endpoint-type="webhook"`);
    po.field('idea').focus();
    await po.type('idea', 'Een moestuin achter het buurthuis');
    await pressSend(po);
    await po.waitForPhase('sent');
    expect(po.el.send).to.equal(undefined);
    expect(sendLoaded()).to.equal(true); // tried, and failed: blocked
    expect(po.status).to.equal('Verstuurd');
    expect(po.thanks).to.exist;
    await expect(po.el).to.be.accessible();
    await waitFor(async () => (await receiverLog(key)).length > 0, { message: 'the idea at the receiver' });
    await outboxesSettled(sharedOutbox());
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body).data.text).to.equal('Een moestuin achter het buurthuis');
  });
});
