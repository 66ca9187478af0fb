/**
 * `<feedback-poll>` in Chromium against a real collector: axe on every state, one-tap submit, the
 * statement set by keyboard only, one response per browser with results after voting, kiosk mode
 * (no limit, reset, hidden exit), Arabic right to left, webhook mode, and the outbox offline.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/feedback-poll.js';
import type { BkSentEvent } from '../../src/core/send-events.js';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import { accessibleNames } from './accessible-name.js';
import {
  admin,
  clearOutboxDb,
  collectorInfo,
  receiverLog,
  receiverUrl,
  setOffline,
  uniqueKey,
  waitFor,
  type CollectorInfo,
} from './helpers.js';

let c: CollectorInfo;

interface StoredResponse {
  id: string;
  answer: string | null;
  statements: Record<string, string> | null;
  respondentType: string | null;
  story: string | null;
  mode: string | null;
}

/** A fresh poll id per test: the collector rate-limits per poll, and the browser flags answered polls. */
async function definePoll(poll: Record<string, unknown>): Promise<string> {
  const id = uniqueKey('p').toLowerCase();
  const answer = await admin('PUT', `/v1/admin/sites/${c.site}/polls/${id}`, poll);
  expect(answer.status).to.equal(200);
  return id;
}

const responses = async (pollId: string) =>
  (await admin<{ responses: StoredResponse[] }>('GET', `/v1/admin/sites/${c.site}/polls/${pollId}/responses`)).body.responses;

async function make(attrs: string): Promise<FeedbackPoll> {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<feedback-poll endpoint="${c.url}" site="${c.site}" ${attrs}></feedback-poll>`;
  const el = wrap.querySelector('feedback-poll')!;
  await waitFor(() => el.phase !== 'loading', { message: 'poll loaded' });
  await el.updateComplete;
  return el;
}

const $ = <E extends Element = HTMLElement>(el: FeedbackPoll, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: FeedbackPoll, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const answerButton = (el: FeedbackPoll, label: string) =>
  $$<HTMLButtonElement>(el, '[part~="answer"]').find((b) => b.textContent!.includes(label))!;

describe('<feedback-poll>', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(async () => {
    await clearOutboxDb();
    localStorage.clear();
  });

  it('sends a one-question poll with a single tap, then shows the results as a chart with the numbers in text', async () => {
    const pollId = await definePoll({ kind: 'smileys', question: 'Voelde je je welkom?', showResults: true });
    const el = await make(`poll-id="${pollId}" lang="nl"`);
    await expect(el).to.be.accessible();
    expect($(el, 'legend')!.textContent).to.equal('Voelde je je welkom?');
    // Each smiley has its text label; the emoji itself is hidden from screen readers.
    const labels = $$(el, '[part~="answer"]').map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels).to.deep.equal(['😀 Heel goed', '🙂 Goed', '😐 Gaat wel', '🙁 Niet goed']);
    expect($$(el, '.emoji').every((e) => e.getAttribute('aria-hidden') === 'true')).to.equal(true);
    expect($(el, '[part~="submit"]')).to.equal(null);

    const sent = oneEvent(el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    answerButton(el, 'Goed').click();
    const event = await sent;
    expect(event.envelope!.data).to.deep.include({ kind: 'poll-response', pollId, answer: 'goed', mode: 'inline' });
    const stored = await responses(pollId);
    expect(stored.map((r) => [r.id, r.answer])).to.deep.equal([[event.id, 'goed']]);

    await waitFor(() => $(el, '[part~="results"]'), { message: 'results' });
    await expect(el).to.be.accessible();
    expect($(el, '.thanks-title')!.textContent).to.equal('Bedankt!');
    expect($(el, 'svg.chart')!.getAttribute('aria-hidden')).to.equal('true');
    const lines = $$(el, '.results-list li').map((li) => li.textContent!.trim());
    expect(lines).to.deep.equal(['Heel goed: 0 (0%)', 'Goed: 1 (100%)', 'Gaat wel: 0 (0%)', 'Niet goed: 0 (0%)']);
    expect($(el, '.results-title')!.textContent).to.contain('1 antwoord');
  });

  it('allows one response per poll per browser (a local flag, no cookie)', async () => {
    const pollId = await definePoll({ kind: 'yes-no', question: 'Heb je vandaag iemand nieuw leren kennen?' });
    const first = await make(`poll-id="${pollId}"`);
    const sent = oneEvent(first, 'bk-sent');
    answerButton(first, 'Een beetje').click();
    await sent;
    await waitFor(() => first.phase === 'sent', { message: 'sent' });
    expect(document.cookie).to.equal('');
    expect(localStorage.getItem(`buurtkit:poll:${c.site}:${pollId}`)).to.be.a('string');
    const again = await make(`poll-id="${pollId}"`);
    expect(again.phase).to.equal('done');
    expect($(again, '.thanks-title')!.textContent).to.equal('Je hebt deze peiling al ingevuld. Bedankt!');
    expect($(again, '[part~="answer"]')).to.equal(null);
    await expect(again).to.be.accessible();
    expect((await responses(pollId)).length).to.equal(1);
  });

  it('answers the statement set with the keyboard only: radio groups, respondent type, story', async () => {
    const pollId = await definePoll({
      kind: 'statements',
      subject: 'De Linde',
      statements: [
        { id: 'ken-buurtbewoners', text: 'ken ik andere buurtbewoners.' },
        { id: 'praatje', text: 'maak ik vaker een praatje met mensen uit de buurt.' },
      ],
      respondentType: true,
      story: true,
    });
    const el = await make(`poll-id="${pollId}"`);
    await expect(el).to.be.accessible();
    expect($(el, '.stem')!.textContent).to.equal('Door de activiteiten van De Linde …');
    const groups = $$(el, 'fieldset[part~="statement"]');
    // Seen as the end of the stem's sentence; heard as the whole sentence (the stem is in the name).
    expect(groups.map((g) => g.querySelector('legend')!.textContent!.replace(/\s+/g, ' '))).to.deep.equal([
      'Door de activiteiten van De Linde …ken ik andere buurtbewoners.',
      'Door de activiteiten van De Linde …maak ik vaker een praatje met mensen uit de buurt.',
    ]);
    expect(await accessibleNames(groups)).to.deep.equal([
      'Door de activiteiten van De Linde ken ik andere buurtbewoners.',
      'Door de activiteiten van De Linde maak ik vaker een praatje met mensen uit de buurt.',
    ]);
    expect(groups[0]!.querySelectorAll('input[type=radio]').length).to.equal(6);
    expect($(el, 'label[for=story]')!.textContent).to.contain('Vertel in een paar zinnen wat De Linde voor je betekent');

    // Tab into the first group, arrows pick "helemaal oneens" → "oneens" → … ; Space checks.
    $<HTMLInputElement>(el, 'input[name="s-ken-buurtbewoners"]')!.focus();
    await sendKeys({ press: 'Space' });
    for (let n = 0; n < 3; n++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' }); // to the next group
    await sendKeys({ press: 'Space' }); // helemaal oneens
    for (let n = 0; n < 5; n++) await sendKeys({ press: 'ArrowRight' }); // weet niet
    await sendKeys({ press: 'Tab' }); // respondent type
    await sendKeys({ press: 'Space' }); // bezoeker
    await sendKeys({ press: 'Tab' }); // story
    await sendKeys({ type: 'Hier leerde ik mijn buren kennen.' });
    await sendKeys({ press: 'Tab' }); // send button
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.contain('submit');
    const sent = oneEvent(el, 'bk-sent');
    await sendKeys({ press: 'Enter' });
    await sent;
    const [stored] = await responses(pollId);
    expect(stored).to.deep.include({
      statements: { 'ken-buurtbewoners': 'eens', praatje: 'weet-niet' },
      respondentType: 'bezoeker',
      story: 'Hier leerde ik mijn buren kennen.',
    });
  });

  it('asks for an answer before sending a multi-part poll, without sending anything', async () => {
    const pollId = await definePoll({ kind: 'scale', question: 'Hoe was de middag?', comment: true });
    const el = await make(`poll-id="${pollId}"`);
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await el.updateComplete;
    expect($(el, '.error')!.textContent).to.equal('Kies eerst een antwoord, of schrijf iets op.');
    await expect(el).to.be.accessible();
    // With a comment field, a tap chooses (aria-pressed) and the send button sends both together.
    answerButton(el, '4').click();
    await el.updateComplete;
    expect(answerButton(el, '4').getAttribute('aria-pressed')).to.equal('true');
    expect(await responses(pollId)).to.deep.equal([]);
  });

  it('kiosk mode: "Bedankt!", then the next person, no per-device limit, and a hidden coordinator exit', async () => {
    const pollId = await definePoll({ kind: 'smileys', question: 'Hoe was het vandaag?', showResults: true });
    const el = await make(`poll-id="${pollId}" mode="kiosk" reset-seconds="1"`);
    for (const label of ['Heel goed', 'Gaat wel']) {
      await waitFor(() => el.phase === 'form' && answerButton(el, label), { message: 'form back' });
      const sent = oneEvent(el, 'bk-sent');
      answerButton(el, label).click();
      await sent;
      await waitFor(() => el.phase === 'sent', { message: 'sent' });
      await el.updateComplete;
      expect($(el, '.thanks-title')!.textContent).to.equal('Bedankt!');
      expect($(el, '[part~="results"]')).to.equal(null); // the next person should not see them
    }
    await waitFor(() => el.phase === 'form', { message: 'reset after the thank-you' });
    expect(localStorage.getItem(`buurtkit:poll:${c.site}:${pollId}`)).to.equal(null);
    expect((await responses(pollId)).map((r) => r.mode)).to.deep.equal(['kiosk', 'kiosk']);

    const heading = $(el, '[part~="heading"]')!;
    const exit = oneEvent(el, 'bk-kiosk-exit');
    heading.click();
    heading.click();
    heading.click();
    await exit;
    await el.updateComplete;
    expect($(el, '.thanks-title')!.textContent).to.equal('Deze tablet staat niet meer klaar.');
    expect($(el, '[part~="thanks"]')!.textContent).to.contain('2 antwoorden gegeven op dit apparaat.');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="thanks"] button')!.click();
    await el.updateComplete;
    expect(el.phase).to.equal('form');
    // The keyboard shortcut for coordinators with a keyboard.
    answerButton(el, 'Goed').focus();
    const again = oneEvent(el, 'bk-kiosk-exit');
    await sendKeys({ press: 'Control+Alt+KeyK' });
    await again;
  });

  it('says a poll tied to a period that has ended is closed', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('feedback-poll');
    el.setAttribute('endpoint', c.url);
    el.setAttribute('site', c.site);
    el.poll = { id: 'voorbij', kind: 'yes-no', question: 'Was het fijn?', period: { from: '2020-01-01', to: '2020-01-31' } };
    wrap.append(el);
    await waitFor(() => el.phase === 'missing', { message: 'closed' });
    await el.updateComplete;
    expect($(el, '[part~="notice"]')!.textContent).to.equal('Deze peiling is gesloten. Bedankt voor je interesse!');
    expect($(el, '[part~="answer"]')).to.equal(null);
  });

  it('speaks Arabic right to left, including the default statements', async () => {
    const el = await make('poll-id="impact" lang="ar"');
    await waitFor(() => $(el, '.stem')?.textContent?.startsWith('بفضل'), { message: 'Arabic' });
    expect($(el, '.base')!.getAttribute('dir')).to.equal('rtl');
    expect($(el, 'fieldset[part~="statement"] legend')!.textContent!.replace(/\s+/g, ' ')).to.match(
      /^بفضل .+ …أعرف سكانًا آخرين في الحي\.$/,
    );
    expect($(el, '.choice')!.textContent).to.contain('أعارض بشدة');
    await expect(el).to.be.accessible();
  });

  it('posts the envelope to a webhook with an inline poll, and hides results there', async () => {
    const key = uniqueKey('poll');
    const url = `${await receiverUrl()}/json/${key}`;
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('feedback-poll');
    el.setAttribute('endpoint', url);
    el.setAttribute('site', c.site);
    el.setAttribute('endpoint-type', 'webhook');
    el.setAttribute('poll', JSON.stringify({ id: 'dag', kind: 'yes-no', question: 'Was het gezellig?', showResults: true }));
    wrap.append(el);
    await waitFor(() => el.phase === 'form', { message: 'form' });
    const sent = oneEvent(el, 'bk-sent');
    answerButton(el, 'Ja').click();
    await sent;
    const [request] = await receiverLog(key);
    expect(JSON.parse(request!.body)).to.deep.include({
      widget: 'feedback-poll',
      data: { kind: 'poll-response', pollId: 'dag', answer: 'ja', mode: 'inline' },
    });
    expect($(el, '[part~="results"]')).to.equal(null);
  });

  it('keeps a response on the device when offline and delivers it once back online', async () => {
    const pollId = await definePoll({ kind: 'yes-no', question: 'Voelde je je gehoord?' });
    const el = await make(`poll-id="${pollId}"`);
    await setOffline(true);
    try {
      const queued = oneEvent(el, 'bk-queued');
      answerButton(el, 'Ja').click();
      await queued;
      await waitFor(() => el.phase === 'queued', { message: 'queued' });
      await el.updateComplete;
      expect($(el, '.status')!.textContent).to.contain('Je antwoord staat veilig op deze telefoon of computer');
    } finally {
      await setOffline(false);
    }
    await waitFor(async () => (await responses(pollId)).length === 1, { message: 'delivered later' });
  });
});
