/**
 * Proof-of-work against the real collector, on a site that turned it on (`--proof-of-work 5000`):
 * the outbox learns from the 428 that it must solve a challenge, solves it and delivers the idea
 * exactly once — also an idea typed on a page that was offline, and one whose stored solution was
 * already used.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import type { BkQueuedEvent, BkSentEvent } from '../../src/core/send-events.js';
import { takeReadyToken } from '../../src/core/render-token-cache.js';
import { Outbox, type OutboxEvent } from '../../src/core/outbox.js';
import { IdbOutboxStore } from '../../src/core/outbox-store.js';
import { fetchPowSolution } from '../../src/core/pow.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, admin, clearOutboxDb, collectorInfo, setOffline, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;

/**
 * A widget with the test's own outbox, set before it connects: the page's shared outbox is then
 * never started, so every attempt this test watches is made by the outbox it watches.
 */
async function make(outbox: Outbox) {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('idea-box') as IdeaBox;
  el.outbox = outbox;
  for (const [name, value] of Object.entries({ endpoint: c.url, site: c.powSite, 'hide-list': '', lang: 'nl' }))
    el.setAttribute(name, value);
  wrap.append(el);
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

function watched(outbox: Outbox): number[] {
  const statuses: number[] = [];
  outbox.addEventListener('outcome', (e) => statuses.push((e as OutboxEvent).outcome.status));
  return statuses;
}

const storedTexts = async () =>
  (await admin<{ ideas: { text: string }[] }>('GET', `/v1/admin/sites/${c.powSite}/ideas`)).body.ideas.map((i) => i.text);

describe('proof-of-work with a real collector', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(clearOutboxDb);
  afterEach(() => setOffline(false));

  it('solves the challenge the collector asks for and delivers the idea once', async () => {
    const outbox = new Outbox().start();
    const statuses = watched(outbox);
    const po = await make(outbox);
    const text = `Idee met rekenwerk ${uniqueKey()}`;
    await po.type('idea', text);
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.submit();
    await sent;
    outbox.stop();
    // Refused without a solution, then accepted with one: nothing else on the way.
    expect(statuses).to.deep.equal([428, 201]);
    expect((await storedTexts()).filter((t) => t === text)).to.have.length(1);
    expect(await outbox.items()).to.deep.equal([]);
  });

  it('keeps an idea typed on a page opened offline, and delivers it once with a solution when back online', async () => {
    await setOffline(true);
    const outbox = new Outbox({ backoff: { baseMs: 200, capMs: 400 } }).start();
    const statuses = watched(outbox);
    const po = await make(outbox);
    const text = `Offline idee met rekenwerk ${uniqueKey()}`;
    await po.type('idea', text);
    // As on a page opened offline: no token is ready. Fetching one fails now; one an earlier test
    // prefetched is dropped here, just before the press, whenever it landed.
    takeReadyToken(`${c.url}/v1/sites/${c.powSite}/render-token`);
    const queued = oneEvent(po.el, 'bk-queued') as unknown as Promise<BkQueuedEvent>;
    await po.submit();
    await queued;
    expect((await outbox.items()).map((i) => [i.renderToken, i.pow])).to.deep.equal([[undefined, undefined]]);

    await setOffline(false);
    await waitFor(() => statuses.includes(201), { timeout: 15_000, message: 'delivery after reconnecting' });
    outbox.stop();
    expect(statuses.filter((s) => s !== 0 && s !== 428)).to.deep.equal([201]);
    expect((await storedTexts()).filter((t) => t === text)).to.have.length(1);
    expect(await outbox.items()).to.deep.equal([]);
  });

  it('drops a stored solution that another submission used (428 pow_used), solves a new one and delivers once', async () => {
    const base = `${c.url}/v1/sites/${c.powSite}`;
    const solution = (await fetchPowSolution(`${base}/render-token`))!;
    expect(solution).to.be.a('string');
    const envelope = (text: string) =>
      buildEnvelope({
        site: c.powSite,
        widget: 'idea-box',
        locale: 'nl',
        data: { kind: 'idea', text, wantsToHelp: false },
        trap: { honeypot: '', elapsedMs: 3000 },
      });
    // Another submission spends the solution first, as a replay would.
    const token = (await (await fetch(`${base}/render-token`)).json()).token as string;
    // Stays: the collector's own clock must see the token 2 s old, and it runs in another process.
    await new Promise((r) => setTimeout(r, 2_200));
    const first = await fetch(`${base}/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Buurtkit-Render-Token': token, 'Buurtkit-Pow': solution },
      body: JSON.stringify(envelope(`Eerste ${uniqueKey()}`)),
    });
    expect(first.status).to.equal(201);

    const outbox = new Outbox({ backoff: { baseMs: 100, capMs: 200 } }).start();
    const statuses = watched(outbox);
    const text = `Met een gebruikte oplossing ${uniqueKey()}`;
    const second = envelope(text);
    // An item restored from IndexedDB after a reload, carrying the used solution.
    await new IdbOutboxStore().put({
      id: second.id,
      site: c.powSite,
      widget: 'idea-box',
      url: `${base}/submissions`,
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify(second),
      mode: 'cors',
      tokenUrl: `${base}/render-token`,
      createdAt: Date.now(),
      attempts: 0,
      nextAttemptAt: Date.now(),
      powNeeded: true,
      pow: solution,
    });
    await outbox.flush('load');
    await waitFor(() => statuses.includes(201), { timeout: 15_000, message: 'delivery with a new solution' });
    outbox.stop();
    expect(statuses).to.deep.equal([428, 201]);
    expect((await storedTexts()).filter((t) => t === text)).to.have.length(1);
  });
});
