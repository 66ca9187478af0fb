import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import type { BkErrorEvent } from '../../src/core/events.js';
import type { BkQueuedEvent, BkSentEvent } from '../../src/core/send-events.js';
import { IdbOutboxStore, type OutboxItem, type OutboxStore } from '../../src/core/outbox-store.js';
import { Outbox, OutboxEvent, type OutboxOutcome } from '../../src/core/outbox.js';
import {
  IdeaBoxObject,
  admin,
  clearOutboxDb,
  outboxRequest,
  outboxesSettled,
  collectorInfo,
  receiverLog,
  receiverUrl,
  scriptReceiver,
  setOffline,
  uniqueKey,
  waitFor,
  type CollectorInfo,
} from './helpers.js';

let c: CollectorInfo;
let rx: string;
const outboxes: Outbox[] = [];

/** A widget with its own outbox (set before it connects, so the page's shared one is not used). */
async function make(attrs: string, outbox = track(new Outbox())) {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('idea-box');
  el.outbox = outbox;
  for (const m of attrs.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) el.setAttribute(m[1]!, m[2] ?? '');
  wrap.append(el);
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

function track(outbox: Outbox): Outbox {
  outboxes.push(outbox);
  return outbox.start();
}

const outcomes = (outbox: Outbox) => {
  const list: OutboxOutcome[] = [];
  outbox.addEventListener('outcome', (e) => list.push((e as OutboxEvent).outcome));
  return list;
};

describe('outbox: offline, retries, single flight', () => {
  before(async () => {
    c = await collectorInfo();
    rx = await receiverUrl();
  });
  beforeEach(clearOutboxDb);
  afterEach(async () => {
    await setOffline(false);
    outboxes.splice(0).forEach((o) => o.stop());
  });

  it('offline → queued (stored before sending) → delivered exactly once after going online', async () => {
    const po = await make(`endpoint="${c.url}" site="${c.site}" hide-list`);
    await expect(po.el).to.be.accessible();
    await setOffline(true);
    const text = `Een buurtmoestuin ${uniqueKey()}`;
    await po.type('idea', text);
    const queued = oneEvent(po.el, 'bk-queued') as unknown as Promise<BkQueuedEvent>;
    await po.submit();
    const { id } = await queued;
    await po.waitForPhase('queued');
    expect(po.el.matches(':state(queued)')).to.equal(true);
    expect(po.thanks!.textContent).to.contain('Bedankt voor je idee!');
    expect(po.status).to.equal('Je idee staat veilig op deze telefoon of computer. We sturen het als er weer internet is.');
    await expect(po.el).to.be.accessible();
    // The outbox holds it (in IndexedDB), so the form was cleared.
    const stored = await new Outbox().items();
    expect(stored.map((i) => i.id)).to.deep.equal([id]);
    expect(stored[0]!.attempts).to.be.at.least(1);
    expect(stored[0]!.lastStatus).to.equal(0);

    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await setOffline(false);
    expect((await sent).id).to.equal(id);
    await po.waitForPhase('sent');
    expect(po.status).to.equal('Verstuurd');
    expect(await new Outbox().items()).to.have.length(0);
    // Flush triggers after delivery find nothing to send: once the flushes they started are over, the idea is there once.
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
    await outboxesSettled(...outboxes);
    const { body } = await admin<{ ideas: { id: string; text: string }[] }>('GET', `/v1/admin/sites/${c.site}/ideas`);
    expect(body.ideas.filter((i) => i.text === text)).to.have.length(1);
  });

  it('sends once when online, visibilitychange and a flush race each other', async () => {
    const key = uniqueKey('race');
    const outbox = track(new Outbox());
    await setOffline(true);
    const { outcome } = await outbox.enqueue(outboxRequest(`${rx}/json/${key}`, { id: key }), { id: key, site: 's', widget: 'idea-box' });
    expect(outcome.kind).to.equal('retrying');
    await setOffline(false); // fires `online`
    document.dispatchEvent(new Event('visibilitychange'));
    await Promise.all([outbox.flush('online'), outbox.flush('load'), track(new Outbox()).flush('load')]);
    await waitFor(async () => (await new Outbox().items()).length === 0, { message: 'empty outbox' });
    await outboxesSettled(...outboxes);
    expect(await receiverLog(key)).to.have.length(1);
  });

  it('two outbox instances flushing at once send an item once', async () => {
    const key = uniqueKey('two');
    const a = track(new Outbox());
    const b = track(new Outbox());
    await setOffline(true);
    await a.enqueue(outboxRequest(`${rx}/json/${key}`, { id: key }), { id: key, site: 's', widget: 'idea-box' });
    await scriptReceiver(key, [{ status: 201, delayMs: 300 }]);
    await setOffline(false);
    const seenA = outcomes(a);
    const seenB = outcomes(b);
    await Promise.all([a.flush('load'), b.flush('load'), a.flush('online'), b.flush('online')]);
    await waitFor(() => seenA.length + seenB.length > 0, { message: 'an outcome' });
    await outboxesSettled(a, b);
    expect(await receiverLog(key)).to.have.length(1);
    // One sent it; the other heard the outcome through the BroadcastChannel.
    await waitFor(() => seenA.length && seenB.length, { message: 'both instances hear the outcome' });
    expect(seenA.map((o) => o.kind)).to.deep.equal(['delivered']);
    expect(seenB.map((o) => o.kind)).to.deep.equal(['delivered']);
  });

  it('a press whose first attempt failed, delivered by another outbox (another tab) before the hand-over ends, is reported sent', async () => {
    const key = uniqueKey('race');
    // The first answer asks for a retry at once, so the item is due for whichever outbox looks next.
    await scriptReceiver(key, [{ status: 503, headers: { 'Retry-After': '0' } }]);
    // This page's outbox reads its store through a gate: closed right after its first attempt, the
    // hand-over stays open (rescheduling) while another tab's outbox takes the item and delivers it.
    let gate: Promise<void> | undefined;
    let open = () => {};
    const idb = new IdbOutboxStore();
    const store: OutboxStore = {
      put: (item: OutboxItem) => idb.put(item),
      delete: (id: string) => idb.delete(id),
      clear: () => idb.clear(),
      all: async () => {
        await gate;
        return idb.all();
      },
    };
    const mine = track(new Outbox({ store, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 1 }));
    const heard = outcomes(mine);
    mine.addEventListener('outcome', (e) => {
      if ((e as OutboxEvent).outcome.kind === 'retrying' && !gate) gate = new Promise((r) => (open = r));
    });
    const po = await make(`endpoint-type="webhook" endpoint="${rx}/json/${key}" site="s" hide-list`, mine);
    const events: string[] = [];
    for (const type of ['bk-sent', 'bk-queued', 'bk-error']) po.el.addEventListener(type, () => events.push(type));
    await po.type('idea', 'Een ruilkast voor boeken in de hal');
    await po.submit();
    await waitFor(() => !!gate, { message: 'the first attempt answered 503' });
    const other = track(new Outbox());
    await other.flush('load');
    // The other tab's outcome reaches this page's outbox through the BroadcastChannel, mid hand-over.
    await waitFor(() => heard.some((o) => o.kind === 'delivered'), { message: 'the delivery heard here' });
    expect(events).to.deep.equal([]);
    open();
    await po.waitForPhase('sent');
    expect(events).to.deep.equal(['bk-sent']);
    expect(await receiverLog(key)).to.have.length(2);
    expect(await new Outbox().items()).to.deep.equal([]);
  });

  it('retries 503 with Retry-After and with backoff, then delivers; the widget goes from queued to sent', async () => {
    const key = uniqueKey('retry');
    await scriptReceiver(key, [{ status: 503, headers: { 'Retry-After': '1' } }, { status: 503 }, { status: 201 }]);
    // Jitter pinned to its top, so the second retry is scheduled exactly 200 ms after its answer.
    const outbox = track(new Outbox({ backoff: { baseMs: 100, capMs: 300 }, random: () => 1 }));
    const seen = outcomes(outbox);
    // When each outcome was heard: the delay it schedules is read from its nextAttemptAt, not from
    // wall-clock gaps between requests, which a loaded machine stretches with IndexedDB work.
    const heardAt: number[] = [];
    outbox.addEventListener('outcome', () => heardAt.push(Date.now()));
    const po = await make(`endpoint-type="webhook" endpoint="${rx}/json/${key}" site="s"`, outbox);
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'Huiswerkbegeleiding voor kinderen');
    await po.submit();
    await po.waitForPhase('queued');
    await po.waitForPhase('sent', 10_000);
    const log = await receiverLog(key);
    expect(log).to.have.length(3);
    const [t0, t1, t2] = log.map((l) => l.at) as [number, number, number];
    expect(t1 - t0, 'Retry-After: 1 honoured').to.be.within(950, 2500);
    const [first, second] = seen as unknown as [{ nextAttemptAt: number }, { nextAttemptAt: number }];
    // Browser and receiver read the same system clock: the third request waits for its turn.
    expect(t2, 'backoff attempt 2 not sent early').to.be.at.least(second.nextAttemptAt);
    // The delay is fixed before the outcome is stored and heard, so what is left of it is at most the delay.
    const firstDelay = first.nextAttemptAt - heardAt[0]!;
    const secondDelay = second.nextAttemptAt - heardAt[1]!;
    expect(firstDelay, 'Retry-After: 1 scheduled').to.be.at.most(1000);
    expect(secondDelay, 'backoff attempt 2: at most 200 ms').to.be.at.most(200);
    expect(seen.map((o) => o.kind)).to.deep.equal(['retrying', 'retrying', 'delivered']);
    expect(seen.map((o) => o.status)).to.deep.equal([503, 503, 201]);
  });

  it('reads a 429 Retry-After given as an HTTP date', async () => {
    const key = uniqueKey('date');
    const at = new Date(Date.now() + 60_000).toUTCString();
    await scriptReceiver(key, [{ status: 429, headers: { 'Retry-After': at } }]);
    const outbox = track(new Outbox());
    const { outcome } = await outbox.enqueue(outboxRequest(`${rx}/json/${key}`, {}), { id: key, site: 's', widget: 'idea-box' });
    expect(outcome.kind).to.equal('retrying');
    const wait = (outcome as { nextAttemptAt: number }).nextAttemptAt - Date.now();
    expect(wait).to.be.within(55_000, 61_000);
    // A later `online` does not override a server's Retry-After.
    await outbox.flush('online');
    expect(await receiverLog(key)).to.have.length(1);
  });

  it('a refusal that arrives after queueing puts the text back, with the 422 issues on the fields', async () => {
    const key = uniqueKey('late');
    const outbox = track(new Outbox());
    const po = await make(`endpoint-type="webhook" endpoint="${rx}/json/${key}" site="s"`, outbox);
    await expect(po.el).to.be.accessible();
    await setOffline(true);
    await po.type('idea', 'Taalspelletjes');
    await po.submit();
    await po.waitForPhase('queued');
    expect(po.$('#idea'), 'the form was cleared').to.equal(null);
    await scriptReceiver(key, [{ status: 422, body: JSON.stringify({ issues: [{ path: 'data.text', message: 'Too small' }] }) }]);
    const error = oneEvent(po.el, 'bk-error') as unknown as Promise<BkErrorEvent>;
    await setOffline(false);
    expect((await error).reason).to.equal('invalid');
    await po.waitForPhase('failed');
    expect(po.field<HTMLTextAreaElement>('idea').value).to.equal('Taalspelletjes');
    expect(po.field('idea').getAttribute('aria-invalid')).to.equal('true');
    await expect(po.el).to.be.accessible();
  });

  it('when the device cannot store it, says so, keeps it in memory and still delivers it', async () => {
    class BrokenStore implements OutboxStore {
      async put(_item: OutboxItem): Promise<void> {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      }
      async delete() {}
      async all() {
        return [];
      }
      async clear() {}
    }
    const key = uniqueKey('nostore');
    await scriptReceiver(key, [{ status: 503 }]);
    // No jitter: the retry comes 1.5 s later, so the queued state can be checked first.
    const outbox = track(new Outbox({ store: new BrokenStore(), backoff: { baseMs: 1500, capMs: 1500 }, random: () => 1 }));
    const po = await make(`endpoint-type="webhook" endpoint="${rx}/json/${key}" site="s"`, outbox);
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'Een veilige speelplek');
    const storage = oneEvent(po.el, 'bk-error') as unknown as Promise<BkErrorEvent>;
    await po.submit();
    expect((await storage).reason).to.equal('storage');
    await po.waitForPhase('queued');
    expect(po.thanks!.textContent).to.contain('niet op dit apparaat bewaren');
    expect(outbox.storageFailed).to.equal(true);
    await expect(po.el).to.be.accessible();
    await po.waitForPhase('sent', 5000);
    expect(await receiverLog(key)).to.have.length(2);
  });
});
