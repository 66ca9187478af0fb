/**
 * Render tokens against the real collector (which requires them): a person who is quick is never
 * refused, and an idea typed on a page opened offline is accepted once the network is back.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import type { BkQueuedEvent, BkSentEvent } from '../../src/core/send-events.js';
import { takeReadyToken } from '../../src/core/render-token-cache.js';
import { Outbox, type OutboxEvent } from '../../src/core/outbox.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, admin, clearOutboxDb, collectorInfo, setOffline, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;

async function make() {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<idea-box endpoint="${c.url}" site="${c.site}" hide-list lang="nl"></idea-box>`;
  const el = wrap.querySelector('idea-box') as IdeaBox;
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

const storedTexts = async () =>
  (await admin<{ ideas: { text: string }[] }>('GET', `/v1/admin/sites/${c.site}/ideas`)).body.ideas.map((i) => i.text);

describe('render tokens with a real collector', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(clearOutboxDb);
  afterEach(() => setOffline(false));

  it('sends an idea submitted right after the form appeared (the outbox waits out the 2 s), answered 201', async () => {
    const po = await make();
    const outbox = new Outbox().start();
    const statuses: number[] = [];
    outbox.addEventListener('outcome', (e) => statuses.push((e as OutboxEvent).outcome.status));
    po.el.outbox = outbox;
    const text = `Snel getypt idee ${uniqueKey()}`;
    await po.type('idea', text);
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.submit();
    await sent;
    outbox.stop();
    // One attempt, accepted: never refused as too fast, never queued.
    expect(statuses).to.deep.equal([201]);
    expect(await storedTexts()).to.include(text);
  });

  it('keeps an idea typed on a page opened offline, and delivers it once with a fresh token when back online', async () => {
    await setOffline(true);
    const po = await make();
    const outbox = new Outbox({ backoff: { baseMs: 200, capMs: 400 } }).start();
    const statuses: number[] = [];
    outbox.addEventListener('outcome', (e) => statuses.push((e as OutboxEvent).outcome.status));
    po.el.outbox = outbox;
    const text = `Offline getypt idee ${uniqueKey()}`;
    await po.type('idea', text);
    // As on a page opened offline: no token is ready. Fetching one fails now; one an earlier test
    // prefetched is dropped here, just before the press, whenever it landed.
    takeReadyToken(`${c.url}/v1/sites/${c.site}/render-token`);
    const queued = oneEvent(po.el, 'bk-queued') as unknown as Promise<BkQueuedEvent>;
    await po.submit();
    await queued;
    expect((await outbox.items()).map((i) => i.renderToken)).to.deep.equal([undefined]);

    await setOffline(false);
    await waitFor(() => statuses.includes(201), { timeout: 10_000, message: 'delivery after reconnecting' });
    outbox.stop();
    // Network errors while offline (0), then one accepted attempt: no 428 or 429 on the way.
    expect(statuses.filter((s) => s !== 0)).to.deep.equal([201]);
    expect((await storedTexts()).filter((t) => t === text)).to.have.length(1);
    expect(await outbox.items()).to.deep.equal([]);
  });

  it('fetches a new token when the stored one was already used (428), and still delivers exactly once', async () => {
    const tokenAnswer = await (await fetch(`${c.url}/v1/sites/${c.site}/render-token`)).json();
    // Stays: the collector's own clock must see the token 2 s old, and it runs in another process.
    await new Promise((r) => setTimeout(r, 2_200));
    // Use the token for another submission first, as a replay would.
    const { buildEnvelope } = await import('../../src/core/envelope.js');
    const first = buildEnvelope({
      site: c.site,
      widget: 'idea-box',
      locale: 'nl',
      data: { kind: 'idea', text: `Eerste ${uniqueKey()}`, wantsToHelp: false },
      trap: { honeypot: '', elapsedMs: 3000 },
    });
    const used = await fetch(`${c.url}/v1/sites/${c.site}/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Buurtkit-Render-Token': tokenAnswer.token },
      body: JSON.stringify(first),
    });
    expect(used.status).to.equal(201);

    const outbox = new Outbox({ backoff: { baseMs: 100, capMs: 200 } }).start();
    const statuses: number[] = [];
    outbox.addEventListener('outcome', (e) => statuses.push((e as OutboxEvent).outcome.status));
    const text = `Met een gebruikt token ${uniqueKey()}`;
    const second = buildEnvelope({
      site: c.site,
      widget: 'idea-box',
      locale: 'nl',
      data: { kind: 'idea', text, wantsToHelp: false },
      trap: { honeypot: '', elapsedMs: 3000 },
    });
    const url = `${c.url}/v1/sites/${c.site}`;
    // An item that carries the used token, as one restored from IndexedDB after a reload might.
    const item = {
      id: second.id,
      site: c.site,
      widget: 'idea-box',
      url: `${url}/submissions`,
      method: 'POST' as const,
      contentType: 'application/json',
      body: JSON.stringify(second),
      mode: 'cors' as const,
      tokenUrl: `${url}/render-token`,
      createdAt: Date.now(),
      attempts: 0,
      nextAttemptAt: Date.now(),
      renderToken: tokenAnswer.token,
    };
    const { IdbOutboxStore } = await import('../../src/core/outbox-store.js');
    await new IdbOutboxStore().put(item);
    await outbox.flush('load');
    await waitFor(() => statuses.includes(201), { timeout: 10_000, message: 'delivery with a fresh token' });
    outbox.stop();
    expect(statuses).to.deep.equal([428, 201]);
    expect((await storedTexts()).filter((t) => t === text)).to.have.length(1);
  });
});
