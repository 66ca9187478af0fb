import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/feedback-poll.js';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import { collectorInfo, waitFor } from './helpers.js';

// Its own file, so the page has not loaded the poll's sending part before this test.

const sendLoaded = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/feedback-poll/poll-sending-part'));

describe('<feedback-poll> sending part', () => {
  it('follows right after the first render, without any interaction', async () => {
    localStorage.clear();
    const c = await collectorInfo();
    const poll = { id: 'prefetch', kind: 'smileys', question: 'Voelde je je welkom?' };
    const el = await fixture<FeedbackPoll>(html`<feedback-poll endpoint=${c.url} site=${c.site} .poll=${poll}></feedback-poll>`);
    await waitFor(() => el.phase === 'form', { message: 'form' });
    await el.updateComplete;
    // The poll is there at once; the part (not in the first download, see `npm run size`) follows.
    expect(el.shadowRoot!.querySelectorAll('[part~="answer"]')).to.have.length(4);
    await waitFor(() => el.send, { timeout: 5000, message: 'the sending part' });
    expect(sendLoaded()).to.equal(true);
  });
});
