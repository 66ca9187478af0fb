/**
 * A press of "Versturen" on `<welcome-intake>` is durable before anything lazy is needed, and what
 * it stores cannot be read on the device. Real pages of this origin in iframes (their own module
 * graph, their own outbox, as a reload or another visit would have), the real collector, and the
 * network cut with `bk-network`:
 * - filled in offline from the first step, with the result screen's chunk unreachable, sent, then
 *   the page reloaded (still offline), then back online: the intake arrives exactly once;
 * - the same, but the page closed and a new page of the site opened when back online;
 * - kiosk: the same, with every field free of autofill, and a later page that shows only an idea
 *   box sending it;
 * - meanwhile the raw IndexedDB of the origin, every database and store, holds no plaintext of the
 *   answers nor the title of the chosen theme card.
 */
import { expect } from '@open-wc/testing';
import type { WelcomeIntake } from '../../src/widgets/welcome-intake/welcome-intake.js';
import { admin, blockPaths, collectorInfo, setOffline, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

/** Everything loaded on demand on the way from a press to the network: none of it may be needed to store the press. */
const LAZY = [
  '/src/widgets/welcome-intake/result.ts',
  '/src/core/outbox-delivery.ts',
  '/src/core/collector-guards.ts',
  '/src/core/render-token.ts',
];
const THEME_TITLE = 'Contact en eenzaamheid';

let c: CollectorInfo;

/** A page of this site in an iframe: the body, and the define module of the widget it shows. */
async function openPage(body: string, define = 'welcome-intake'): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 600px; height: 800px';
  frame.srcdoc = `<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>${body}<script type="module">import '/src/define/${define}.ts';</script></body></html>`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

async function reload(frame: HTMLIFrameElement) {
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  frame.contentWindow!.location.reload();
  await loaded;
}

/** Cut off or reconnect, and tell the framed page too (the browser would tell every page). */
async function network(frame: HTMLIFrameElement | undefined, offline: boolean) {
  await setOffline(offline);
  frame?.contentWindow?.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

async function intakeIn(frame: HTMLIFrameElement, { online = true } = {}) {
  const win = frame.contentWindow!;
  await waitFor(() => win.customElements.get('welcome-intake'), { message: 'the widget defined' });
  const el = frame.contentDocument!.querySelector('welcome-intake') as WelcomeIntake;
  await waitFor(() => el.currentFlow && el.shadowRoot?.querySelector('.step-title'), { message: 'the first step' });
  // The site key comes with the first step, while there is a connection.
  if (online)
    await waitFor(() => win.performance.getEntriesByType('resource').some((e) => e.name.includes('/intake-key')), {
      message: 'the site key',
    });
  const $ = <E extends HTMLElement = HTMLElement>(s: string) => el.shadowRoot!.querySelector<E>(s);
  const click = async (s: string) => {
    const node = $(s);
    if (!node) throw new Error(`nothing matches ${s}`);
    node.click();
    await el.updateComplete;
  };
  const type = async (s: string, value: string) => {
    const f = $<HTMLInputElement>(s)!;
    f.value = value;
    f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  };
  return { el, $, click, type, next: () => click('button[part~="next"]') };
}

type Intake = Awaited<ReturnType<typeof intakeIn>>;

/** Every step of the built-in flow, with free text, a theme card, a phone number and consent. */
async function fillIn(po: Intake, text: string, phone: string) {
  await po.click('#q-voor-wie-0');
  for (const n of [0, 1, 3]) await po.click(`#q-reden-${n}`);
  await po.next();
  await po.type('#q-talenten', text);
  await po.next();
  await po.click('#q-themas-0'); // "Contact en eenzaamheid"
  expect(po.$('label[part~="card"]')!.textContent).to.contain(THEME_TITLE);
  await po.next();
  await po.next();
  await po.click('#q-contact-2'); // phone
  await po.type('#q-contact-detail', phone);
  await po.click('#q-zichtbaar-1'); // the host may see it too: the open answers are readable without the sensitive scope
  await po.click('#q-toestemming');
}

/** Every record of every IndexedDB database of this origin, as text. */
async function rawIndexedDb(): Promise<string> {
  const texts: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name!);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      for (const store of db.objectStoreNames) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        texts.push(JSON.stringify(rows));
      }
    } finally {
      db.close();
    }
  }
  return texts.join('\n');
}

/** What this origin keeps in IndexedDB, sessionStorage and localStorage holds none of `secrets`. */
async function expectNothingReadable(secrets: string[]) {
  const stored = [await rawIndexedDb(), JSON.stringify({ ...sessionStorage }), JSON.stringify({ ...localStorage })].join('\n');
  for (const secret of secrets) expect(stored, `"${secret}" stored in clear`).to.not.contain(secret);
}

/** The intakes the outbox holds (raw records), read straight from IndexedDB. */
async function outboxIntakes(): Promise<{ id: string; body: string }[]> {
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
    return rows.filter((r) => r.widget === 'welcome-intake');
  } finally {
    db.close();
  }
}

interface IntakeView {
  id: string;
  assisted: boolean;
  visibility: string;
  answers: Record<string, unknown> | null;
  sensitiveAnswers: string;
}

/** The collector has this intake exactly once, as sent: open answers readable, the sealed ones there. */
async function expectArrivedOnce(id: string, assisted: boolean) {
  await waitFor(async () => (await admin('GET', `/v1/admin/sites/${c.site}/intakes/${id}`)).status === 200, {
    timeout: 15_000,
    message: 'the intake at the collector',
  });
  const list = await admin<{ intakes: IntakeView[] }>('GET', `/v1/admin/sites/${c.site}/intakes?limit=500`);
  const rows = list.body.intakes.filter((i) => i.id === id);
  expect(rows).to.have.length(1);
  const [row] = rows;
  expect(row).to.include({ assisted, visibility: 'host', sensitiveAnswers: 'withheld' });
  expect(row!.answers).to.deep.include({ 'voor-wie': 'self', reden: ['praatje', 'activiteiten', 'hulp-bij-iets'] });
  await waitFor(async () => (await outboxIntakes()).length === 0, { message: 'an empty outbox' });
}

describe('<welcome-intake>: a press of send is durable and sealed', () => {
  let frame: HTMLIFrameElement | undefined;
  before(async () => {
    c = await collectorInfo();
  });
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    await blockPaths([]);
    await setOffline(false);
    sessionStorage.clear();
  });

  it('offline from step 1, sent, the page reloaded: sealed on the device, and it arrives exactly once', async () => {
    frame = await openPage(`<welcome-intake endpoint="${c.url}" site="${c.site}"></welcome-intake>`);
    const po = await intakeIn(frame);
    const text = `Ik help graag met fietsen ${uniqueKey('reload')}`;
    const phone = '06 1357 9246';
    // The connection goes at the first step; nothing loaded on demand can be fetched any more either.
    await blockPaths(LAZY);
    await network(frame, true);
    await fillIn(po, text, phone);
    await po.next(); // send
    await waitFor(() => po.el.phase === 'result', { message: 'the outcome' });
    await po.el.updateComplete;
    const told =
      'Er is nu geen internet. Je antwoorden staan veilig op dit apparaat: niemand kan ze hier lezen. We sturen ze als er weer internet is.';
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal(told);
    expect(po.$('.result-title')!.textContent!.trim()).to.equal(told);
    expect(po.el.matches(':state(queued)')).to.equal(true);
    expect(po.el.shadowRoot!.activeElement).to.equal(po.$('.result-title'));
    const held = await outboxIntakes();
    expect(held).to.have.length(1);
    expect(JSON.parse(held[0]!.body).data).to.have.keys(['kind', 'sealed']);
    await expectNothingReadable([text, '1357 9246', THEME_TITLE, 'eenzaamheid', '"themas"', '"talenten"', 'hulp-bij-iets']);

    // Reloaded while still offline: the new page starts with an empty first step and sends nothing yet.
    await reload(frame);
    const again = await intakeIn(frame, { online: false });
    expect(again.$('.step-title')!.textContent).to.contain('Stap 1 van 5');
    expect(await outboxIntakes()).to.have.length(1);
    await blockPaths([]);
    await network(frame, false);
    await expectArrivedOnce(held[0]!.id, false);
  });

  it('offline, sent, the tab closed; the site opened again later when online: it arrives exactly once', async () => {
    frame = await openPage(`<welcome-intake endpoint="${c.url}" site="${c.site}"></welcome-intake>`);
    const po = await intakeIn(frame);
    const text = `Ik kook graag voor anderen ${uniqueKey('reopen')}`;
    await blockPaths(LAZY);
    await network(frame, true);
    await fillIn(po, text, '06 2468 1357');
    await po.next();
    await waitFor(() => po.el.phase === 'result', { message: 'the outcome' });
    const [held] = await outboxIntakes();
    expect(held).to.not.equal(undefined);
    await expectNothingReadable([text, '2468 1357', THEME_TITLE, 'eenzaamheid']);
    // The tab goes; later, online, the visitor opens the site again.
    frame.remove();
    await blockPaths([]);
    await network(undefined, false);
    frame = await openPage(`<welcome-intake endpoint="${c.url}" site="${c.site}"></welcome-intake>`);
    await intakeIn(frame);
    await expectArrivedOnce(held!.id, false);
  });

  it('kiosk: no autofill, the truth on screen, nothing readable stored; a later page with only an idea box sends it once', async () => {
    frame = await openPage(`<welcome-intake endpoint="${c.url}" site="${c.site}" mode="kiosk" idle-seconds="3"></welcome-intake>`);
    const po = await intakeIn(frame);
    expect(po.$('[part~="toolbar"] .hint')!.textContent!.trim()).to.equal(
      'Samen invullen. Na het versturen kan niemand je antwoorden op dit apparaat teruglezen.',
    );
    const text = `Ik maak graag muziek ${uniqueKey('kiosk')}`;
    await network(frame, true);
    await fillIn(po, text, '06 9753 1864');
    // Every field a kiosk shows: no autofill offered, none remembered for the next visitor.
    expect(po.$('form')!.getAttribute('autocomplete')).to.equal('off');
    const fields = [...po.el.shadowRoot!.querySelectorAll<HTMLInputElement>('input:not([type=radio]):not([type=checkbox]), textarea')];
    expect(fields.map((f) => f.id)).to.include.members(['q-contact-detail', 'q-contact-note']);
    for (const f of fields) expect(f.getAttribute('autocomplete'), f.id).to.equal('off');
    await po.next(); // send
    await waitFor(() => po.el.phase === 'result', { message: 'the outcome' });
    const [held] = await outboxIntakes();
    await expectNothingReadable([text, '9753 1864', THEME_TITLE, 'eenzaamheid', '"talenten"']);
    // Nobody touches the tablet: it starts over, and shows nothing of the last visitor.
    await waitFor(() => po.el.phase === 'steps', { message: 'the idle reset' });
    await po.el.updateComplete;
    expect(po.$('.step-title')!.textContent).to.contain('Stap 1 van 5');
    expect(po.el.shadowRoot!.textContent).to.not.contain(text);
    frame.remove();
    await network(undefined, false);
    frame = await openPage(`<idea-box endpoint="${c.url}" site="${c.site}" hide-list></idea-box>`, 'idea-box');
    await expectArrivedOnce(held!.id, true);
  });

  it('without the site key (webhook mode) nothing is stored on the device; the visitor is told to keep the page open', async () => {
    const { receiverUrl, receiverLog, scriptReceiver } = await import('./helpers.js');
    const key = uniqueKey('memory');
    await scriptReceiver(key, [{ status: 200 }]);
    frame = await openPage(
      `<welcome-intake endpoint="${await receiverUrl()}/json/${key}" site="de-linde" endpoint-type="webhook"></welcome-intake>`,
    );
    const win = frame.contentWindow!;
    await waitFor(() => win.customElements.get('welcome-intake'), { message: 'the widget defined' });
    const el = frame.contentDocument!.querySelector('welcome-intake') as WelcomeIntake;
    await waitFor(() => el.currentFlow && el.shadowRoot?.querySelector('.step-title'), { message: 'the first step' });
    const $ = (s: string) => el.shadowRoot!.querySelector<HTMLElement>(s)!;
    await network(frame, true);
    const text = `Ik tuinier graag ${key}`;
    $('#q-reden-0').click();
    await el.updateComplete;
    $('button[part~="next"]').click();
    await el.updateComplete;
    const area = $('#q-talenten') as HTMLTextAreaElement;
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    for (let n = 0; n < 4; n++) {
      $('button[part~="next"]').click();
      await el.updateComplete;
    }
    await waitFor(() => el.phase === 'result', { message: 'the outcome' });
    await el.updateComplete;
    expect($('[part~="status"]').textContent!.trim()).to.equal(
      'Het versturen lukt nu niet. Je antwoorden zijn niet op dit apparaat bewaard. Laat deze pagina open, dan versturen we ze zodra het kan.',
    );
    expect(await outboxIntakes()).to.have.length(0);
    await expectNothingReadable([text]);
    // The page stays open: back online, it is sent from memory, once.
    await network(frame, false);
    await waitFor(async () => (await receiverLog(key)).length === 1, { message: 'sent from memory' });
    expect(JSON.parse((await receiverLog(key))[0]!.body).data.answers.talenten).to.equal(text);
  });
});
