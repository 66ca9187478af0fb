/**
 * `<welcome-intake>` sends from its first download (sealing, envelope, outbox); only the result
 * screen (`result.ts`: activities, today's hours, who to talk to) loads on the way, on the last
 * step. When that screen cannot be fetched (the connection dropped after the page loaded), the
 * press still counts: the visitor is told the truthful outcome, and the screen comes once the
 * browser is back online. (Durability across a reload: welcome-intake-durable.test.ts.)
 *
 * The tests run in order in one page: the screen is blocked before anything loaded it (once
 * loaded, a module stays loaded for the rest of the page).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/welcome-intake.js';
import type { BkSentEvent } from '../../src/core/send-events.js';
import { Outbox } from '../../src/core/outbox.js';
import type { IntakeFlow } from '../../src/schema/welcome-intake-flow.js';
import type { WelcomeIntake } from '../../src/widgets/welcome-intake/welcome-intake.js';
import { blockPaths, receiverLog, receiverUrl, scriptReceiver, setOffline, uniqueKey, waitFor } from './helpers.js';

const RESULT = '/src/widgets/welcome-intake/result.ts';
const resultLoaded = () => performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname === RESULT);
/** Webhook mode has no site key: the intake is kept in this page's memory, never on the device. */
const NOT_STORED =
  'Het versturen lukt nu niet. Je antwoorden zijn niet op dit apparaat bewaard. Laat deze pagina open, dan versturen we ze zodra het kan.';

const FLOW: IntakeFlow = {
  id: 'klein',
  version: 1,
  steps: [
    {
      id: 'a',
      title: 'Kleur',
      questions: [
        {
          id: 'kleur',
          type: 'single',
          label: 'Welke kleur?',
          options: [
            { value: 'rood', label: 'Rood' },
            { value: 'blauw', label: 'Blauw' },
          ],
        },
      ],
    },
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

describe('<welcome-intake>: the result screen loads on demand, sending does not wait for it', () => {
  before(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  after(async () => {
    await blockPaths([]);
    await setOffline(false);
  });

  it('a visitor gets the first steps without the result screen', async () => {
    const po = await make(uniqueKey('first'));
    expect(po.$('.step-title')!.textContent).to.contain('Stap 1 van 3');
    await po.click('#q-kleur-0');
    await po.next();
    expect(po.$('.step-title')!.textContent).to.contain('Stap 2 van 3');
    // The screen is asked for in the update that shows the last step; had an earlier update asked,
    // its load would have started already (a fetch under way is not in the resource list yet).
    const screen = (po.el as unknown as { screen: { value?: unknown; loading?: unknown } }).screen;
    expect([screen.value, screen.loading]).to.deep.equal([undefined, undefined]);
    expect(resultLoaded()).to.equal(false);
    po.el.remove();
  });

  it('offline when sending: the outcome is told at once, the result screen and the intake follow when back online', async () => {
    sessionStorage.clear(); // the first test's draft
    const key = uniqueKey('offline-send');
    await scriptReceiver(key, [{ status: 200 }]);
    // The page loaded, then the connection went: the receiver and the not-yet-loaded screen are out of reach.
    await blockPaths([RESULT]);
    await setOffline(true);
    const po = await make(key);
    await po.click('#q-kleur-1');
    await po.next();
    await po.type('#q-waarom', 'Blauw is rustig');
    await po.next(); // the last step: loading the screen ahead fails quietly
    await po.type('#q-verder', 'Tot ziens');
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.next(); // send

    await waitFor(() => po.el.phase === 'result', { message: 'the outcome' });
    await po.el.updateComplete;
    expect(po.el.matches(':state(queued)')).to.equal(true);
    expect(po.$('.result-title')!.textContent!.trim()).to.equal(NOT_STORED);
    expect(po.el.shadowRoot!.activeElement).to.equal(po.$('.result-title'));
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal(NOT_STORED);
    expect(po.$('[part~="status"]')!.getAttribute('aria-live')).to.equal('polite');
    await expect(po.el).to.be.accessible();
    // The press counted: the draft went, nothing is stored on the device, nothing was sent yet.
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('buurtkit:welcome-intake'))).to.deep.equal([]);
    expect(await new Outbox().items()).to.deep.equal([]);
    expect(await receiverLog(key)).to.have.length(0);

    await blockPaths([]);
    await setOffline(false); // fires `online`: the intake goes, the screen loads
    const { id } = await sent;
    await waitFor(() => po.$('.result-title')?.textContent === 'Dit kun je hier doen', { message: 'the result screen' });
    expect(resultLoaded()).to.equal(true);
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal('Je antwoorden zijn nu verstuurd.');
    // The result screen's styles came with it.
    expect(getComputedStyle(po.$('.result')!).borderTopStyle).to.equal('solid');
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    const envelope = JSON.parse(log[0]!.body);
    expect(envelope.id).to.equal(id);
    expect(envelope.data.answers).to.deep.equal({ kleur: 'blauw', waarom: 'Blauw is rustig', verder: 'Tot ziens' });
  });

  it('kiosk: sent offline; the idle reset leaves no trace, and it is still sent once', async () => {
    sessionStorage.clear();
    const key = uniqueKey('kiosk-offline');
    await scriptReceiver(key, [{ status: 200 }]);
    await setOffline(true);
    const po = await make(key, 'mode="kiosk" idle-seconds="1"');
    await po.click('#q-kleur-0');
    await po.next();
    await po.type('#q-waarom', 'Rood is warm');
    await po.next();
    await po.next(); // send
    await waitFor(() => po.el.phase === 'result', { message: 'the outcome' });
    await po.el.updateComplete;
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal(NOT_STORED);
    // Nobody touches the tablet: it starts over, and nothing of the visitor is on the device.
    await waitFor(() => po.el.phase === 'steps', { message: 'the idle reset' });
    await po.el.updateComplete;
    expect(po.$('.step-title')!.textContent).to.contain('Stap 1 van 3');
    expect(po.$<HTMLInputElement>('#q-kleur-0')!.checked).to.equal(false);
    expect(po.$('[part~="status"]')!.textContent!.trim()).to.equal('');
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    expect(await new Outbox().items()).to.deep.equal([]);
    expect(await receiverLog(key)).to.have.length(0);
    // The page stayed open: back online, the intake goes from memory, once.
    await blockPaths([]);
    await setOffline(false);
    await waitFor(async () => (await receiverLog(key)).length === 1, { message: 'sent' });
    expect(JSON.parse((await receiverLog(key))[0]!.body).data.answers).to.deep.equal({ kleur: 'rood', waarom: 'Rood is warm' });
    po.el.remove();
  });
});
