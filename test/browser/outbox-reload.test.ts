/**
 * "After a reload": what one page left in IndexedDB is sent by the next one. Simulated inside one
 * page: the first outbox stops (the page went away), then a fresh outbox, or a newly connected
 * widget using the page's shared outbox, flushes it. (The real reload is in the e2e test.)
 * No widget in this file may touch the shared outbox before the last test.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import { Outbox } from '../../src/core/outbox.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import {
  IdeaBoxObject,
  admin,
  collectorInfo,
  outboxesSettled,
  receiverLog,
  receiverUrl,
  setOffline,
  uniqueKey,
  waitFor,
} from './helpers.js';

async function queueWhileOffline(attrs: Record<string, string>, text: string) {
  const first = new Outbox().start();
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('idea-box') as IdeaBox;
  el.outbox = first;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  wrap.append(el);
  await el.updateComplete;
  await expect(el).to.be.accessible();
  const po = new IdeaBoxObject(el);
  await setOffline(true);
  await po.type('idea', text);
  await po.submit();
  await po.waitForPhase('queued');
  // The page goes away: its outbox stops, the widget is gone, the item stays in IndexedDB.
  first.stop();
  el.remove();
  await setOffline(false);
  return first;
}

describe('outbox after a reload', () => {
  afterEach(() => setOffline(false));

  it('a fresh outbox sends what the previous page left, exactly once', async () => {
    const key = uniqueKey('reload');
    await queueWhileOffline({ 'endpoint-type': 'webhook', endpoint: `${await receiverUrl()}/json/${key}`, site: 's' }, 'Een wandelgroep');
    expect(await new Outbox().items()).to.have.length(1);
    expect(await receiverLog(key)).to.have.length(0);

    const next = new Outbox();
    const other = new Outbox();
    next.start();
    other.start();
    await waitFor(async () => (await next.items()).length === 0, { message: 'flushed on load' });
    await outboxesSettled(next, other);
    next.stop();
    other.stop();
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body).data.text).to.equal('Een wandelgroep');
  });

  it('the first widget connected on the next page flushes it to the collector', async () => {
    const c = await collectorInfo();
    const text = `Bijeenkomsten voor naasten ${uniqueKey()}`;
    await queueWhileOffline({ endpoint: c.url, site: c.site, 'hide-list': '' }, text);
    expect(await new Outbox().items()).to.have.length(1);
    // A widget on the "next page" (for any site) starts the page's shared outbox.
    await fixture(html`<idea-box endpoint="http://127.0.0.1:9" site="other" hide-list></idea-box>`);
    await waitFor(async () => (await new Outbox().items()).length === 0, { message: 'flushed by the new widget' });
    const { body } = await admin<{ ideas: { text: string }[] }>('GET', `/v1/admin/sites/${c.site}/ideas`);
    expect(body.ideas.filter((i) => i.text === text)).to.have.length(1);
  });
});
