import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/feedback-poll.js';
import { Outbox, sharedOutbox } from '../../src/core/outbox.js';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import {
  admin,
  blockPaths,
  clearOutboxDb,
  collectorInfo,
  outboxRequest,
  receiverLog,
  receiverUrl,
  moduleSettled,
  outboxesSettled,
  setOffline,
  uniqueKey,
  waitFor,
} from './helpers.js';

// The poll's sending part (envelope, outbox hand-over, states, results) is its own chunk, fetched a
// second after the first render (feedback-poll-prefetch.test.ts). Here it cannot be fetched, as
// when the network dropped right after the page loaded. Its own file: once loaded, a module stays
// loaded for the rest of the page, so the order of these tests matters.

const SEND_CHUNK = '/src/widgets/feedback-poll/poll-sending-part.ts';

const $ = <E extends Element = HTMLElement>(el: FeedbackPoll, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: FeedbackPoll, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const answerButton = (el: FeedbackPoll, label: string) =>
  $$<HTMLButtonElement>(el, '[part~="answer"]').find((b) => b.textContent!.includes(label))!;
const status = (el: FeedbackPoll) => $(el, '[part~="status"]')!.textContent!;

/** A poll posting to the test receiver (webhook mode), so what arrives can be counted. */
async function webhookPoll(key: string, poll: Record<string, unknown>): Promise<FeedbackPoll> {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('feedback-poll');
  el.setAttribute('endpoint', `${await receiverUrl()}/json/${key}`);
  el.setAttribute('site', 'de-linde');
  el.setAttribute('endpoint-type', 'webhook');
  el.poll = poll as unknown as FeedbackPoll['poll'];
  wrap.append(el);
  await waitFor(() => el.phase === 'form', { message: 'form' });
  await el.updateComplete;
  return el;
}

describe('<feedback-poll> when its sending part cannot be fetched', () => {
  before(async () => {
    await clearOutboxDb();
    localStorage.clear();
    await blockPaths([SEND_CHUNK]);
  });
  after(async () => {
    await blockPaths([]);
  });

  it('without its sending part, the poll still starts the outbox, which sends what a previous page left', async () => {
    // The previous page: an answer kept on the device while offline, then the page went away.
    // (The first test in this file: no poll has started the page's shared outbox yet.)
    const key = uniqueKey('left');
    const first = new Outbox().start();
    await setOffline(true);
    try {
      const { outcome } = await first.enqueue(outboxRequest(`${await receiverUrl()}/json/${key}`, { id: key }), {
        id: key,
        site: 'de-linde',
        widget: 'feedback-poll',
      });
      expect(outcome.kind).to.be.oneOf(['queued', 'retrying']);
    } finally {
      first.stop();
      await setOffline(false);
    }
    expect(await new Outbox().items()).to.have.length(1);
    await webhookPoll(uniqueKey('next'), { id: 'dag', kind: 'yes-no', question: 'Was het gezellig?' });
    await waitFor(async () => (await new Outbox().items()).length === 0, { message: 'flushed by the poll' });
    expect(await receiverLog(key)).to.have.length(1);
  });

  it('someone who answered before still reads that they did; the results, an extra, are left out', async () => {
    const c = await collectorInfo();
    const pollId = uniqueKey('p').toLowerCase();
    expect(
      (await admin('PUT', `/v1/admin/sites/${c.site}/polls/${pollId}`, { kind: 'yes-no', question: 'Was het fijn?', showResults: true }))
        .status,
    ).to.equal(200);
    localStorage.setItem(`buurtkit:poll:${c.site}:${pollId}`, new Date().toISOString());
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<feedback-poll endpoint="${c.url}" site="${c.site}" poll-id="${pollId}"></feedback-poll>`;
    const el = wrap.querySelector('feedback-poll')!;
    await waitFor(() => el.phase === 'done', { message: 'answered before' });
    await el.updateComplete;
    expect($(el, '.thanks-title')!.textContent).to.equal('Je hebt deze peiling al ingevuld. Bedankt!');
    // The results come with the sending part, which the poll asked for on showing "done": once
    // that fetch has failed, nothing else will bring them.
    expect(await moduleSettled(SEND_CHUNK)).to.equal(false);
    await el.updateComplete;
    expect($(el, '[part~="results"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a multi-part poll is still sent without its part: every answer arrives', async () => {
    const key = uniqueKey('lazy-poll');
    const el = await webhookPoll(key, { id: 'middag', kind: 'scale', question: 'Hoe was de middag?', comment: true });
    answerButton(el, '4').click();
    const comment = $<HTMLTextAreaElement>(el, '#comment')!;
    comment.value = 'Gezellig!';
    comment.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitFor(() => el.phase === 'sent', { message: 'sent' });
    await el.updateComplete;
    expect(el.send).to.equal(undefined);
    expect($(el, '.thanks-title')!.textContent).to.equal('Bedankt!');
    expect(status(el)).to.equal('Verstuurd');
    expect($(el, '[part~="status"]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    await waitFor(async () => (await receiverLog(key)).length > 0, { message: 'the answer at the receiver' });
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body).data).to.deep.include({ pollId: 'middag', answer: '4', comment: 'Gezellig!' });
  });

  it('a one-tap answer goes without its part, exactly once', async () => {
    const key = uniqueKey('lazy-tap');
    const el = await webhookPoll(key, { id: 'dag', kind: 'yes-no', question: 'Was het gezellig?' });
    answerButton(el, 'Een beetje').click();
    await waitFor(() => el.phase === 'sent', { message: 'sent' });
    await el.updateComplete;
    expect(el.send).to.equal(undefined);
    expect($(el, '.thanks-title')!.textContent).to.equal('Bedankt!');
    await waitFor(async () => (await receiverLog(key)).length > 0, { message: 'the answer at the receiver' });
    // The part arrives later (the connection is fully back): nothing is sent again.
    await blockPaths([]);
    window.dispatchEvent(new Event('online'));
    await outboxesSettled(sharedOutbox());
    await el.updateComplete;
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body).data).to.deep.include({ kind: 'poll-response', pollId: 'dag', answer: 'een-beetje' });
  });
});
