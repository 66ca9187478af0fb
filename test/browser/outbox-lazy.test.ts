import { expect } from '@open-wc/testing';
import { Outbox } from '../../src/core/outbox.js';
import { IdbOutboxStore, type OutboxStore } from '../../src/core/outbox-store.js';
import {
  afterQueuedTimers,
  blockPaths,
  clearOutboxDb,
  outboxRequest,
  receiverLog,
  receiverUrl,
  setOffline,
  uniqueKey,
  waitFor,
} from './helpers.js';

// The outbox's sending code is split off and loaded the first time there is something to send.
// Its own file: once loaded, a module stays loaded for the rest of the page.

const senderLoaded = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/core/outbox-delivery'));

describe('outbox: the sending code loads on demand', () => {
  let rx: string;
  const outboxes: Outbox[] = [];
  before(async () => {
    rx = await receiverUrl();
    await clearOutboxDb();
  });
  after(async () => {
    for (const o of outboxes) o.stop();
    await blockPaths([]);
    await setOffline(false);
  });

  it('a page with nothing to send never loads it', async () => {
    // The outbox looks in its store when the page is idle and on `online`, and only a flush loads
    // the sending code: count the looks and the flushes.
    const idb = new IdbOutboxStore();
    const reads: Promise<unknown>[] = [];
    const store: OutboxStore = {
      put: (item) => idb.put(item),
      delete: (id) => idb.delete(id),
      clear: () => idb.clear(),
      all: () => {
        const read = idb.all();
        reads.push(read);
        return read;
      },
    };
    const outbox = new Outbox({ store });
    const flushes: (string | undefined)[] = [];
    const flush = outbox.flush.bind(outbox);
    outbox.flush = (reason) => (flushes.push(reason), flush(reason));
    outboxes.push(outbox.start());
    window.dispatchEvent(new Event('online'));
    // An idle callback of ours runs after the outbox's own; then both looks are made. Once they
    // are answered and a turn has passed, every reaction to them has run.
    await new Promise((resolve) => requestIdleCallback(resolve));
    expect(reads).to.have.length(2);
    await Promise.allSettled(reads);
    await afterQueuedTimers();
    expect(flushes).to.deep.equal([]);
    expect(senderLoaded()).to.equal(false);
  });

  it('keeps a submission made after the network dropped, then sends it once when the network returns', async () => {
    const key = uniqueKey('lazy');
    const outbox = new Outbox().start();
    outboxes.push(outbox);
    // The page loaded, then the connection went: the collector and not-yet-loaded code are out of reach.
    await setOffline(true);
    await blockPaths(['/src/core/outbox-delivery.ts']);
    const { outcome, stored } = await outbox.enqueue(outboxRequest(`${rx}/json/${key}`, { id: key }), {
      id: key,
      site: 's',
      widget: 'idea-box',
    });
    expect(outcome.kind).to.equal('queued');
    expect(stored).to.equal(true);
    expect((await new Outbox().items()).map((i) => i.id)).to.deep.equal([key]);

    await blockPaths([]);
    await setOffline(false); // fires `online`: the sending code loads now and sends
    await waitFor(async () => (await new Outbox().items()).length === 0, { message: 'empty outbox' });
    expect(senderLoaded()).to.equal(true);
    expect(await receiverLog(key)).to.have.length(1);
  });
});
