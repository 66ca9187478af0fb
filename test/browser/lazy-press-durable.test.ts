/**
 * `<idea-box>` and `<feedback-poll>` load their sending part (checks' messages, thank-you,
 * results) on demand. A press made before that part could arrive (the network dropped right after
 * the page loaded) is still durable: the widget builds the envelope and hands it to the outbox
 * from its first download, so the press is on the device before the visitor is told anything, and
 * any later page of the site sends it, exactly once.
 *
 * Real pages of this origin in iframes (their own module graph and outbox, as a reload or a
 * later visit would have), the test receiver counting what arrives, `bk-network` cutting the
 * connection and `bk-block` making every chunk on the way unreachable.
 *
 * Also here: "once per browser" of a poll holds across two tabs, offline.
 */
import { expect } from '@open-wc/testing';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { blockPaths, clearOutboxDb, receiverLog, receiverUrl, scriptReceiver, setOffline, uniqueKey, waitFor } from './helpers.js';

/** Everything loaded on demand between a press and the network, both sending parts included. */
const LAZY = [
  '/src/widgets/idea-box/idea-sending-part.ts',
  '/src/widgets/feedback-poll/poll-sending-part.ts',
  '/src/core/outbox-delivery.ts',
  '/src/core/collector-guards.ts',
  '/src/core/render-token.ts',
  '/src/core/pow.ts',
];

const frames: HTMLIFrameElement[] = [];

async function openPage(body: string, define: string): Promise<HTMLIFrameElement> {
  const f = document.createElement('iframe');
  f.style.cssText = 'width: 700px; height: 700px';
  f.srcdoc = `<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>${body}<script type="module">import '/src/define/${define}.ts';</script></body></html>`;
  const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
  document.body.append(f);
  frames.push(f);
  await loaded;
  await waitFor(() => f.contentWindow!.customElements.get(define), { message: `${define} defined` });
  return f;
}

async function reload(f: HTMLIFrameElement, define: string) {
  const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
  f.contentWindow!.location.reload();
  await loaded;
  await waitFor(() => f.contentWindow!.customElements.get(define), { message: `${define} defined again` });
}

/** Cut off or reconnect, and tell the framed pages too (the browser would tell every page). */
async function network(offline: boolean) {
  await setOffline(offline);
  for (const f of frames) f.contentWindow?.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

/** The outbox rows of one widget, straight from IndexedDB. */
async function outboxRows(widget: string): Promise<{ id: string; body: string }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('buurtkit');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    if (!db.objectStoreNames.contains('outbox')) return [];
    const rows = await new Promise<{ id: string; body: string; widget: string }[]>((resolve, reject) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    return rows.filter((r) => r.widget === widget);
  } finally {
    db.close();
  }
}

const status = (el: HTMLElement) => el.shadowRoot!.querySelector('[part~="status"]')!.textContent!.trim();
async function pollPage(key: string, pollId: string): Promise<{ frame: HTMLIFrameElement; el: FeedbackPoll }> {
  const frame = await openPage(
    `<feedback-poll endpoint="${await receiverUrl()}/json/${key}" site="de-linde" endpoint-type="webhook"></feedback-poll>`,
    'feedback-poll',
  );
  const el = frame.contentDocument!.querySelector('feedback-poll') as FeedbackPoll;
  el.poll = { id: pollId, kind: 'yes-no', question: 'Was het gezellig?' } as unknown as FeedbackPoll['poll'];
  await waitFor(() => el.phase === 'form' || el.phase === 'done', { message: 'the poll' });
  await el.updateComplete;
  return { frame, el };
}

const tap = (el: FeedbackPoll, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="answer"]')].find((b) => b.textContent!.includes(label))!.click();

describe('a press before the sending part arrived is durable', () => {
  beforeEach(async () => {
    await clearOutboxDb();
    localStorage.clear();
  });
  afterEach(async () => {
    for (const f of frames.splice(0)) f.remove();
    await blockPaths([]);
    await setOffline(false);
  });

  it('<idea-box>: pressed offline without its sending part, the tab closed, the site reopened online: it arrives exactly once', async () => {
    const key = uniqueKey('press-idea');
    await scriptReceiver(key, [{ status: 200 }]);
    const page = async () =>
      openPage(
        `<idea-box endpoint="${await receiverUrl()}/json/${key}" site="de-linde" endpoint-type="webhook" hide-list></idea-box>`,
        'idea-box',
      );
    // The connection drops as the page loads: the sending part never arrives.
    await blockPaths(LAZY);
    const frame = await page();
    await network(true);
    const el = frame.contentDocument!.querySelector('idea-box') as IdeaBox;
    await el.updateComplete;
    const text = `Een ruilkast in de hal ${key}`;
    const area = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea')!;
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitFor(() => el.phase === 'queued', { message: 'kept on the device' });
    await el.updateComplete;
    expect(el.send, 'the sending part').to.equal(undefined);
    const told = 'Je idee staat veilig op deze telefoon of computer. We sturen het als er weer internet is.';
    expect(status(el)).to.equal(told);
    expect(el.shadowRoot!.querySelector('.thanks-title')!.textContent!.trim()).to.equal(told);
    expect(el.shadowRoot!.textContent).to.not.contain('Laat deze pagina open');
    const held = await outboxRows('idea-box');
    expect(held).to.have.length(1);
    expect(JSON.parse(held[0]!.body).data.text).to.equal(text);
    expect(await receiverLog(key)).to.have.length(0);

    // The tab goes; later, online, the visitor opens the site again.
    frame.remove();
    frames.splice(0);
    await blockPaths([]);
    await network(false);
    await page();
    await waitFor(async () => (await outboxRows('idea-box')).length === 0, { timeout: 15_000, message: 'an empty outbox' });
    await waitFor(async () => (await receiverLog(key)).length > 0, { message: 'the idea at the receiver' });
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body)).to.deep.include({ id: held[0]!.id });
    expect(JSON.parse(log[0]!.body).data.text).to.equal(text);
  });

  it('<feedback-poll>: a tap offline without its sending part, the page reloaded, back online: it arrives exactly once', async () => {
    const key = uniqueKey('press-poll');
    await scriptReceiver(key, [{ status: 200 }]);
    const pollId = `press-${key}`;
    await blockPaths(LAZY);
    const { frame, el } = await pollPage(key, pollId);
    await network(true);
    tap(el, 'Een beetje');
    await waitFor(() => el.phase === 'queued', { message: 'kept on the device' });
    await el.updateComplete;
    expect(el.send, 'the sending part').to.equal(undefined);
    expect(status(el)).to.equal('Je antwoord staat veilig op deze telefoon of computer. We sturen het als er weer internet is.');
    const held = await outboxRows('feedback-poll');
    expect(held).to.have.length(1);

    // Reloaded while still offline: it reads as answered, and sends nothing yet.
    await reload(frame, 'feedback-poll');
    const again = frame.contentDocument!.querySelector('feedback-poll') as FeedbackPoll;
    again.poll = { id: pollId, kind: 'yes-no', question: 'Was het gezellig?' } as unknown as FeedbackPoll['poll'];
    await waitFor(() => again.phase === 'done', { message: 'answered in this browser' });
    expect(await outboxRows('feedback-poll')).to.have.length(1);
    await blockPaths([]);
    await network(false);
    await waitFor(async () => (await outboxRows('feedback-poll')).length === 0, { timeout: 15_000, message: 'an empty outbox' });
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body)).to.deep.include({ id: held[0]!.id });
    expect(JSON.parse(log[0]!.body).data).to.deep.include({ kind: 'poll-response', pollId, answer: 'een-beetje' });
  });

  it('<feedback-poll>: two tabs of one browser answer the same poll offline; one response is queued, the other tab reads "answered"', async () => {
    const key = uniqueKey('two-tabs');
    await scriptReceiver(key, [{ status: 200 }]);
    const pollId = `tabs-${key}`;
    const one = await pollPage(key, pollId);
    const two = await pollPage(key, pollId);
    await waitFor(() => one.el.send && two.el.send, { message: 'both sending parts' });
    await network(true);
    // Both tabs tap in the same task: neither has seen the other's answer yet.
    tap(one.el, 'Ja');
    tap(two.el, 'Nee');
    await waitFor(() => [one.el.phase, two.el.phase].sort().join() === 'done,queued', {
      message: 'one queued, the other answered',
    });
    await Promise.all([one.el.updateComplete, two.el.updateComplete]);
    const other = one.el.phase === 'done' ? one.el : two.el;
    expect(other.shadowRoot!.querySelector('.thanks-title')!.textContent).to.equal('Je hebt deze peiling al ingevuld. Bedankt!');
    expect(await outboxRows('feedback-poll')).to.have.length(1);

    // A third tab opened later, still offline, reads it as answered too.
    const three = await pollPage(key, pollId);
    expect(three.el.phase).to.equal('done');

    await network(false);
    await waitFor(async () => (await outboxRows('feedback-poll')).length === 0, { timeout: 15_000, message: 'an empty outbox' });
    expect(await receiverLog(key)).to.have.length(1);
  });

  it('<feedback-poll>: an answer given in one tab turns the poll in another open tab to "answered"', async () => {
    const key = uniqueKey('other-tab');
    await scriptReceiver(key, [{ status: 200 }]);
    const pollId = `other-${key}`;
    const one = await pollPage(key, pollId);
    const two = await pollPage(key, pollId);
    await waitFor(() => one.el.send, { message: 'the sending part' });
    tap(one.el, 'Ja');
    await waitFor(() => one.el.phase === 'sent', { message: 'sent' });
    await waitFor(() => two.el.phase === 'done', { message: 'the other tab answered' });
    expect(await receiverLog(key)).to.have.length(1);
  });
});
