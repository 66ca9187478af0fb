/**
 * `<welcome-intake>` loads its sending half (`send.ts`: payload, envelope, outbox, result screen)
 * on the way to sending, not with the first step. When that half cannot be fetched at the moment
 * of sending (the connection dropped after the page loaded), nothing is lost: the answers stay,
 * the visitor is told, and the intake is sent once the browser is back online.
 *
 * The tests run in order in one page: the half is blocked before anything loaded it.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/welcome-intake.js';
import type { BkSentEvent } from '../../src/core/send-events.js';
import type { IntakeFlow } from '../../src/schema/welcome-intake-flow.js';
import type { WelcomeIntake } from '../../src/widgets/welcome-intake/welcome-intake.js';
import { blockPaths, receiverLog, receiverUrl, scriptReceiver, setOffline, uniqueKey, waitFor } from './helpers.js';

const SEND = '/src/widgets/welcome-intake/send.ts';
const sendLoaded = () => performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname === SEND);
const OFFLINE = 'Er is nu geen internet. Je antwoorden staan er nog. We versturen ze zodra er weer verbinding is.';

const FLOW: IntakeFlow = {
  id: 'klein',
  version: 1,
  steps: [
    { id: 'a', title: 'Kleur', questions: [{ id: 'kleur', type: 'single', label: 'Welke kleur?', options: [{ value: 'rood', label: 'Rood' }, { value: 'blauw', label: 'Blauw' }] }] },
    { id: 'b', title: 'Nog iets', questions: [{ id: 'waarom', type: 'short-text', label: 'Waarom?' }] },
    { id: 'c', title: 'Tot slot', questions: [{ id: 'verder', type: 'long-text', label: 'Wil je nog iets kwijt?' }] },
  ],
};

async function make(key: string, attrs = '') {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<welcome-intake endpoint="${await receiverUrl()}/json/${key}" site="de-linde" endpoint-type="webhook" lang="nl" ${attrs}></welcome-intake>`;
  const el = wrap.querySelector('welcome-intake') as WelcomeIntake;
  el.flow = FLOW;
  await el.updateComplete;
  const $ = <E extends HTMLElement = HTMLElement>(s: string) => el.shadowRoot!.querySelector<E>(s);
  const click = async (s: string) => {
    $(s)!.click();
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

describe('<welcome-intake>: the sending half loads on demand', () => {
  const databases = indexedDB.databases;
  before(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  after(async () => {
    indexedDB.databases = databases;
    await blockPaths([]);
    await setOffline(false);
  });

  it('a visitor on a device that never sent anything gets the first steps without it', async () => {
    // A device without the outbox database: nothing an earlier page left to send.
    indexedDB.databases = async () => [];
    const po = await make(uniqueKey('first'));
    expect(po.$('.step-title')!.textContent).to.contain('Stap 1 van 3');
    await po.click('#q-kleur-0');
    await po.next();
    expect(po.$('.step-title')!.textContent).to.contain('Stap 2 van 3');
    await new Promise((r) => setTimeout(r, 300));
    expect(sendLoaded()).to.equal(false);
    po.el.remove();
  });

  it('kiosk: answers that could not be sent are not wiped by the idle reset; starting over still leaves no trace', async () => {
    sessionStorage.clear(); // the first test's draft
    const key = uniqueKey('kiosk-offline');
    await blockPaths([SEND]);
    await setOffline(true);
    const po = await make(key, 'mode="kiosk" idle-seconds="1"');
    await po.click('#q-kleur-0');
    await po.next();
    await po.type('#q-waarom', 'Rood is warm');
    await po.next();
    await po.next(); // send
    await waitFor(() => po.$('.form-error'), { message: 'the message' });
    expect(po.$('.form-error')!.textContent!.trim()).to.equal(OFFLINE);
    // Well past the idle time: the answers are still there, waiting for the connection.
    await new Promise((r) => setTimeout(r, 1600));
    expect(po.$('.step-title')!.textContent).to.contain('Stap 3 van 3');
    expect(po.$('.form-error')).to.not.equal(null);
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    // A person chooses to start over: nothing of it stays.
    await po.click('button[part~="start-over"]');
    expect(po.$('.step-title')!.textContent).to.contain('Stap 1 van 3');
    expect(po.$<HTMLInputElement>('#q-kleur-0')!.checked).to.equal(false);
    expect(po.$('.form-error')).to.equal(null);
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal('');
    expect(await receiverLog(key)).to.have.length(0);
    po.el.remove();
  });

  it('offline when sending: the answers stay, the visitor is told, and they are sent when back online', async () => {
    sessionStorage.clear();
    const key = uniqueKey('offline-send');
    await scriptReceiver(key, [{ status: 200 }]);
    // The page loaded, then the connection went: the receiver and the not-yet-loaded half are out of reach.
    await blockPaths([SEND]);
    await setOffline(true);
    const po = await make(key);
    await po.click('#q-kleur-1');
    await po.next();
    await po.type('#q-waarom', 'Blauw is rustig');
    await po.next(); // the last step: loading the half ahead fails quietly
    await po.type('#q-verder', 'Tot ziens');
    await po.next(); // send

    await waitFor(() => po.$('.form-error'), { message: 'the message' });
    await po.el.updateComplete;
    expect(po.el.phase).to.equal('steps');
    expect(po.$('.form-error')!.textContent!.trim()).to.equal(OFFLINE);
    expect(po.el.shadowRoot!.activeElement).to.equal(po.$('.form-error'));
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal(OFFLINE);
    expect(po.$('[part~="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(po.$<HTMLTextAreaElement>('#q-verder')!.value).to.equal('Tot ziens');
    expect(po.$('button[part~="next"]')!.textContent!.trim()).to.equal('Versturen');
    await expect(po.el).to.be.accessible();
    // Nothing was sent, and nothing was lost: the draft still holds every answer.
    const draft = JSON.parse(Object.entries(sessionStorage).find(([k]) => k.startsWith('buurtkit:welcome-intake'))![1]);
    expect(draft.answers).to.deep.equal({ kleur: 'blauw', waarom: 'Blauw is rustig', verder: 'Tot ziens' });
    expect(await receiverLog(key)).to.have.length(0);

    await blockPaths([]);
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await setOffline(false); // fires `online`: the half loads now and sends
    const { id } = await sent;
    await waitFor(() => po.el.phase === 'result', { message: 'the result' });
    await po.el.updateComplete;
    expect(sendLoaded()).to.equal(true);
    expect(po.$('.result-title')!.textContent).to.equal('Dit kun je hier doen');
    expect(po.el.shadowRoot!.activeElement).to.equal(po.$('.result-title'));
    // The result screen's styles came with the half.
    expect(getComputedStyle(po.$('.result')!).borderTopStyle).to.equal('solid');
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    const envelope = JSON.parse(log[0]!.body);
    expect(envelope.id).to.equal(id);
    expect(envelope.data.answers).to.deep.equal({ kleur: 'blauw', waarom: 'Blauw is rustig', verder: 'Tot ziens' });
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('buurtkit:welcome-intake'))).to.deep.equal([]);
  });
});
