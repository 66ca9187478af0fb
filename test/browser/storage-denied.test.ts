/**
 * A widget in a cross-site iframe, where Chromium denies third-party storage (IndexedDB open
 * fails, Web Locks and localStorage throw SecurityError): the idea is kept in memory and sent,
 * retries included; the visitor is told it is not saved on this device and to keep the page open.
 * The host page is written here and served from another site (`127.0.0.1` inside `localhost`);
 * nothing of the widget is patched.
 */
import { expect } from '@open-wc/testing';
import { admin, collectorInfo, servePage, setOffline, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;

/** The framed page: loads `<idea-box>` and answers the test's messages about what it shows. */
const framePage = (endpoint: string, site: string) => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Buurthuis in een iframe</title></head>
<body>
  <idea-box endpoint="${endpoint}" site="${site}" hide-list></idea-box>
  <script type="module">
    import '/src/define/idea-box.ts';
    const el = document.querySelector('idea-box');
    const reasons = [];
    const seen = [];
    el.addEventListener('bk-error', (e) => reasons.push(e.reason));
    for (const t of ['bk-queued', 'bk-sent']) el.addEventListener(t, () => seen.push(t));
    const probe = {};
    try {
      const open = indexedDB.open('probe');
      open.onsuccess = () => (probe.idb = 'allowed');
      open.onerror = (e) => { probe.idb = 'denied'; e.preventDefault(); };
    } catch { probe.idb = 'throws'; }
    const $ = (s) => el.shadowRoot.querySelector(s);
    const text = (s) => $(s)?.textContent.replace(/\\s+/g, ' ').trim() ?? '';
    addEventListener('message', async (e) => {
      const { action, value } = e.data;
      if (action === 'type') {
        const area = $('#idea');
        area.value = value;
        area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        area.focus();
        await customElements.whenDefined('idea-box');
      } else if (action === 'send') {
        $('button[type=submit]').click();
      } else if (action === 'online') {
        dispatchEvent(new Event('online'));
      }
      await el.updateComplete;
      parent.postMessage({ reasons, seen, probe, ready: !!el.send, status: text('.base > .status'), title: text('.thanks-title'),
        thanks: text('[part~="thanks"]'), origin: location.origin }, '*');
    });
    parent.postMessage({ loaded: true }, '*');
  </script>
</body></html>`;

interface FrameState {
  reasons: string[];
  seen: string[];
  probe: { idb?: string };
  ready: boolean;
  status: string;
  title: string;
  thanks: string;
  origin: string;
}

describe('storage denied in a cross-site iframe', function () {
  this.timeout(40_000);
  let frame: HTMLIFrameElement;

  before(async () => {
    c = await collectorInfo();
  });
  after(async () => {
    await setOffline(false);
    frame?.remove();
  });

  /** Ask the frame to do something and wait for its answer. */
  function ask(action: string, value?: string): Promise<FrameState> {
    return new Promise((resolve) => {
      const onMessage = (e: MessageEvent) => {
        if (e.source !== frame.contentWindow || !('reasons' in e.data)) return;
        removeEventListener('message', onMessage);
        resolve(e.data as FrameState);
      };
      addEventListener('message', onMessage);
      frame.contentWindow!.postMessage({ action, value }, '*');
    });
  }

  it('keeps the idea in memory, says honestly it is not saved here, and sends it once back online', async () => {
    const key = uniqueKey('frame');
    await servePage(key, framePage(c.url, c.site));
    frame = document.createElement('iframe');
    frame.src = `${c.frameOrigin}/__page/${key}`;
    const loaded = new Promise<void>((resolve) =>
      addEventListener('message', function on(e) {
        if (e.source === frame.contentWindow && e.data?.loaded) {
          removeEventListener('message', on);
          resolve();
        }
      }),
    );
    document.body.append(frame);
    await loaded;

    const text = `Een leesclub in het iframe ${key}`;
    let state = await ask('type', text);
    expect(state.origin).to.equal(c.frameOrigin);
    await waitFor(async () => (state = await ask('state')).probe.idb, { message: 'the IndexedDB probe' });
    expect(state.probe.idb, 'IndexedDB is really denied in this frame').to.be.oneOf(['denied', 'throws']);
    await waitFor(async () => (state = await ask('state')).ready, { message: 'the sending part in the frame' });

    // Offline: the first attempt fails; the idea can only live in this page's memory.
    await setOffline(true);
    state = await ask('send');
    await waitFor(async () => (state = await ask('state')).seen.includes('bk-queued'), { message: 'queued in the frame' });
    expect(state.reasons).to.include('storage');
    expect(state.reasons).to.not.include('rejected');
    expect(state.title).to.equal('Je idee is nog niet verstuurd.');
    expect(state.thanks).to.contain(
      'We konden je idee niet op dit apparaat bewaren. Laat deze pagina open, dan proberen we het te blijven versturen.',
    );
    expect(state.thanks).to.not.contain('veilig op dit apparaat');
    expect(state.status).to.equal(
      'We konden je idee niet op dit apparaat bewaren. Laat deze pagina open, dan proberen we het te blijven versturen.',
    );

    // Back online: the retry from memory delivers it, once.
    await setOffline(false);
    await ask('online');
    await waitFor(async () => (state = await ask('state')).seen.includes('bk-sent'), { message: 'sent from memory', timeout: 15_000 });
    expect(state.title).to.equal('Bedankt! Je idee is binnen.');
    const { body } = await admin<{ ideas: { text: string }[] }>('GET', `/v1/admin/sites/${c.site}/ideas?limit=500`);
    expect(body.ideas.filter((i) => i.text === text)).to.have.length(1);
  });
});
