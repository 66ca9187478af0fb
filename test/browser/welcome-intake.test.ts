import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/welcome-intake.js';
import type { BkQueuedEvent, BkSentEvent } from '../../src/core/send-events.js';
import { Outbox } from '../../src/core/outbox.js';
import { DEFAULT_INTAKE_FLOW } from '../../src/schema/welcome-intake-default.js';
import type { IntakeFlow } from '../../src/schema/welcome-intake-flow.js';
import type { WelcomeIntake } from '../../src/widgets/welcome-intake/welcome-intake.js';
import {
  admin,
  clearOutboxDb,
  collectorInfo,
  receiverLog,
  receiverUrl,
  scriptReceiver,
  setOffline,
  uniqueKey,
  waitFor,
  type CollectorInfo,
} from './helpers.js';

/** Reads and drives `<welcome-intake>` through its shadow root. */
class IntakeObject {
  constructor(readonly el: WelcomeIntake) {}
  get root() {
    return this.el.shadowRoot!;
  }
  $<E extends HTMLElement = HTMLElement>(selector: string) {
    return this.root.querySelector<E>(selector);
  }
  get stepTitle() {
    return this.$('.step-title')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }
  get focused() {
    return this.root.activeElement as HTMLElement | null;
  }
  async click(selector: string) {
    const node = this.$(selector);
    if (!node) throw new Error(`nothing matches ${selector}`);
    node.click();
    await this.el.updateComplete;
  }
  async type(selector: string, value: string) {
    const f = this.$<HTMLInputElement>(selector)!;
    f.value = value;
    f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await this.el.updateComplete;
  }
  next = () => this.click('button[part~="next"]');
  skip = () => this.click('button[part~="skip"]');
  /** Presses Tab until the focused control inside the widget matches. */
  async tabTo(selector: string) {
    for (let n = 0; n < 60; n++) {
      if (this.focused?.matches(selector)) return;
      await sendKeys({ press: 'Tab' });
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  async waitForPhase(phase: WelcomeIntake['phase']) {
    await waitFor(() => this.el.phase === phase, { message: `phase ${phase}` });
    await this.el.updateComplete;
  }
}

const today = new Date();
const weekAgo = new Date(today.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
const ACTIVITIES = [
  {
    id: 'open',
    kind: 'opening-hours',
    title: 'Inloop',
    start: `${weekAgo}T00:30`,
    end: `${weekAgo}T23:30`,
    recurrence: { rrule: 'FREQ=DAILY' },
  },
  {
    id: 'koken',
    title: 'Samen koken',
    start: `${weekAgo}T17:30`,
    end: `${weekAgo}T20:00`,
    recurrence: { rrule: 'FREQ=DAILY' },
    category: 'eten-en-drinken',
    location: 'De keuken',
  },
  {
    id: 'bingo',
    title: 'Bingo',
    start: `${weekAgo}T14:00`,
    end: `${weekAgo}T16:00`,
    recurrence: { rrule: 'FREQ=DAILY' },
    category: 'spel',
  },
];

let c: CollectorInfo;

async function make(attrs = '', props: Partial<WelcomeIntake> = {}) {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<welcome-intake endpoint="${c.url}" site="${c.site}" contact-person="Fatima, gastvrouw" ${attrs}></welcome-intake>`;
  const el = wrap.querySelector('welcome-intake') as WelcomeIntake;
  Object.assign(el, { activities: ACTIVITIES, ...props });
  await waitFor(() => el.currentFlow, { message: 'the flow' });
  await el.updateComplete;
  return new IntakeObject(el);
}

const intakeKeys = () => Object.keys(sessionStorage).filter((k) => k.startsWith('buurtkit:welcome-intake'));

describe('<welcome-intake>', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(async () => {
    await clearOutboxDb();
    sessionStorage.clear();
    localStorage.clear();
  });

  it('goes one step at a time: progress, focus on the step heading, axe on every step and the result', async () => {
    const po = await make('lang="nl"');
    const titles: string[] = [];
    for (let step = 1; step <= 5; step++) {
      await expect(po.el).to.be.accessible();
      titles.push(po.stepTitle);
      expect(po.stepTitle).to.match(new RegExp(`^Stap ${step} van 5 `));
      if (step === 1) {
        await po.click('#q-voor-wie-1');
        await po.click('#q-reden-0');
      }
      if (step === 2) await po.click('#q-interesses-0'); // koken
      if (step === 3) await po.click('#q-themas-3');
      if (step === 5) break;
      await po.next();
      expect(po.focused?.classList.contains('step-title'), 'focus on the step heading').to.equal(true);
    }
    expect(titles[2]).to.contain('Over welk onderwerp');
    // Cards have an icon and a text, never an icon alone.
    await po.click('button[part~="back"]');
    await po.click('button[part~="back"]');
    const card = po.$('label.card')!;
    expect(card.querySelector('.icon')!.getAttribute('aria-hidden')).to.equal('true');
    expect(card.querySelector('.text')!.textContent!.trim()).to.equal('Contact en eenzaamheid');
    expect(card.getBoundingClientRect().height).to.be.at.least(44);
    await po.next();
    await po.next();
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.next();
    const { id } = await sent;
    await po.waitForPhase('result');
    await waitFor(() => po.$('.activities'), { message: 'matching activities' });
    await expect(po.el).to.be.accessible();
    const result = po.$('[part~="result"]')!.textContent!.replace(/\s+/g, ' ');
    expect(result).to.contain('Samen koken');
    expect(result).to.not.contain('Bingo');
    expect(result).to.match(/Vandaag open van 0\.30 tot 23\.30 uur/);
    expect(po.$('.contact')!.textContent).to.equal('Fatima, gastvrouw');
    expect(result).to.contain('Bij wie kun je terecht?');
    expect(po.focused?.classList.contains('result-title')).to.equal(true);
    const stored = await admin<{ forSomeoneElse: boolean; visibility: string; answers: null }>(
      'GET',
      `/v1/admin/sites/${c.site}/intakes/${id}`,
    );
    expect(stored.status).to.equal(200);
    // The test token has no `sensitive` scope and the visitor chose nobody: no answers for it.
    expect(stored.body).to.include({ forSomeoneElse: true, visibility: 'professional', answers: null });
    expect(intakeKeys()).to.deep.equal([]);
  });

  it('can be completed with the keyboard only', async () => {
    const po = await make();
    await po.tabTo('#q-voor-wie-0');
    await sendKeys({ press: 'ArrowDown' }); // voor iemand anders
    await po.tabTo('#q-reden-2');
    await sendKeys({ press: 'Space' });
    await po.tabTo('button[part~="next"]');
    await sendKeys({ press: 'Enter' });
    await po.el.updateComplete;
    expect(po.stepTitle).to.match(/^Stap 2 van 5/);
    await po.tabTo('#q-talenten');
    await sendKeys({ type: 'Ik kan goed luisteren' });
    await po.tabTo('button[part~="next"]');
    await sendKeys({ press: 'Enter' });
    await po.el.updateComplete;
    await po.tabTo('#q-themas-3');
    await sendKeys({ press: 'Space' });
    await po.tabTo('button[part~="next"]');
    await sendKeys({ press: 'Enter' });
    await po.el.updateComplete;
    await po.tabTo('button[part~="skip"]');
    await sendKeys({ press: 'Enter' });
    await po.el.updateComplete;
    expect(po.stepTitle).to.match(/^Stap 5 van 5/);
    await po.tabTo('#q-contact-0');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // bel me
    await po.el.updateComplete;
    await po.tabTo('#q-contact-detail');
    await sendKeys({ type: '06 12345678' });
    await po.tabTo('#q-zichtbaar-0');
    await sendKeys({ press: 'ArrowDown' }); // de gastvrouw mag het ook zien
    await po.tabTo('#q-toestemming');
    await sendKeys({ press: 'Space' });
    await po.tabTo('button[part~="next"]');
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await sendKeys({ press: 'Enter' });
    const { id, envelope } = await sent;
    expect(envelope!.consent?.textVersion).to.equal('intake:welkom:1');
    await po.waitForPhase('result');
    const stored = await admin<{ forSomeoneElse: boolean; visibility: string; answers: Record<string, unknown> }>(
      'GET',
      `/v1/admin/sites/${c.site}/intakes/${id}`,
    );
    // Shown to the host as well: the non-sensitive answers, never the topics, text or phone number.
    expect(stored.body.visibility).to.equal('host');
    expect(stored.body.answers).to.deep.equal({ 'voor-wie': 'other', reden: ['luisterend-oor'], toestemming: true });
  });

  it('shows an error summary that links to the field, and keeps the answers', async () => {
    const po = await make();
    for (let n = 0; n < 4; n++) await po.next();
    await po.click('#q-contact-2');
    await po.type('#q-contact-detail', 'bel maar');
    await po.next();
    const summary = po.$('[part~="error-summary"]')!;
    expect(po.focused).to.equal(summary);
    expect(summary.textContent).to.contain('Vul een telefoonnummer in');
    await expect(po.el).to.be.accessible();
    await po.click('[part~="error-summary"] a');
    expect(po.focused?.id).to.equal('q-contact-detail');
    expect(po.$<HTMLInputElement>('#q-contact-detail')!.getAttribute('aria-invalid')).to.equal('true');
    await po.type('#q-contact-detail', '06 12345678');
    await po.next();
    expect(po.$('[part~="error-summary"]')!.textContent).to.contain('Vink dit aan als we contact mogen opnemen');
    expect(po.el.phase).to.equal('steps');
  });

  it('personal mode keeps a draft in sessionStorage only, and clears it on submit', async () => {
    const po = await make();
    await po.click('#q-reden-1');
    await po.next();
    await po.type('#q-talenten', 'Fietsen maken');
    expect(intakeKeys()).to.have.length(1);
    expect(Object.keys(localStorage)).to.deep.equal([]);
    po.el.remove();
    const again = await make();
    expect(again.stepTitle).to.match(/^Stap 2 van 5/);
    expect(again.$<HTMLTextAreaElement>('#q-talenten')!.value).to.equal('Fietsen maken');
    for (let n = 0; n < 4; n++) await again.next();
    await again.waitForPhase('result');
    expect(intakeKeys()).to.deep.equal([]);
  });

  it('kiosk: no draft, a visible start over, and an idle reset that leaves no trace after delivery', async () => {
    const po = await make('mode="kiosk" idle-seconds="1"');
    expect(po.el.matches(':state(kiosk)')).to.equal(true);
    await po.click('#q-reden-0');
    await po.next();
    await po.type('#q-talenten', `Breien ${uniqueKey()}`);
    expect(intakeKeys()).to.deep.equal([]);
    await po.click('button[part~="start-over"]');
    expect(po.stepTitle).to.match(/^Stap 1 van 5/);
    expect(po.$<HTMLInputElement>('#q-reden-0')!.checked).to.equal(false);
    await expect(po.el).to.be.accessible();

    await po.click('#q-reden-0');
    for (let n = 0; n < 4; n++) await po.next();
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.next();
    const { id, envelope } = await sent;
    // Sealed in the browser: the envelope carries no answers; the collector opened it.
    expect(envelope!.data).to.have.keys(['kind', 'sealed']);
    expect((await admin<{ assisted: boolean }>('GET', `/v1/admin/sites/${c.site}/intakes/${id}`)).body.assisted).to.equal(true);
    await po.waitForPhase('result');
    // Nobody touches the tablet: it starts over by itself.
    await po.waitForPhase('steps');
    expect(po.stepTitle).to.match(/^Stap 1 van 5/);
    expect(po.$<HTMLInputElement>('#q-reden-0')!.checked).to.equal(false);
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    expect(await new Outbox().items()).to.deep.equal([]);
  });

  it('offline: the result says the answers are kept, and they are sent when back online', async () => {
    const po = await make();
    await po.click('#q-reden-0');
    await setOffline(true);
    try {
      for (let n = 0; n < 4; n++) await po.next();
      const queued = oneEvent(po.el, 'bk-queued') as unknown as Promise<BkQueuedEvent>;
      await po.next();
      await queued;
      await po.waitForPhase('result');
      expect(po.el.matches(':state(queued)')).to.equal(true);
      expect(po.$('[part~="result"]')!.textContent).to.contain('Je antwoorden staan veilig op dit apparaat: niemand kan ze hier lezen.');
      expect(await new Outbox().items()).to.have.length(1);
    } finally {
      await setOffline(false);
    }
    await waitFor(async () => (await new Outbox().items()).length === 0, { message: 'delivered' });
  });

  it('speaks Arabic right to left, with the flow in Arabic', async () => {
    const po = await make('lang="ar"');
    await waitFor(() => po.$('[part~="next"]')!.textContent!.includes('التالي'), { message: 'Arabic strings' });
    expect(po.$('.base')!.getAttribute('dir')).to.equal('rtl');
    expect(po.stepTitle).to.contain('الخطوة 1 من 5');
    expect(po.stepTitle).to.contain('ما الذي أتى بك إلى هنا؟');
    await expect(po.el).to.be.accessible();
  });

  it('uses an inline flow, with "show if" on earlier answers', async () => {
    const flow: IntakeFlow = {
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
        {
          id: 'b',
          title: 'Waarom rood?',
          showIf: { question: 'kleur', anyOf: ['rood'] },
          questions: [{ id: 'waarom', type: 'short-text', label: 'Waarom?' }],
        },
      ],
    };
    const po = await make('', { flow });
    expect(po.stepTitle).to.equal('Stap 1 van 1 Kleur');
    await po.click('#q-kleur-0');
    expect(po.stepTitle).to.equal('Stap 1 van 2 Kleur');
    await po.next();
    expect(po.stepTitle).to.equal('Stap 2 van 2 Waarom rood?');
  });

  it('works with any endpoint: the built-in flow, and the envelope posted to a webhook', async () => {
    const key = uniqueKey('intake');
    await scriptReceiver(key, [{ status: 200 }]);
    const rx = await receiverUrl();
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<welcome-intake endpoint="${rx}/json/${key}" site="de-linde" endpoint-type="webhook"></welcome-intake>`;
    const el = wrap.querySelector('welcome-intake') as WelcomeIntake;
    await waitFor(() => el.currentFlow, { message: 'the built-in flow' });
    await el.updateComplete;
    const po = new IntakeObject(el);
    expect(el.currentFlow!.id).to.equal('welkom');
    await po.click('#q-reden-1');
    const sent = oneEvent(el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    for (let n = 0; n < 5; n++) await po.next();
    const { id } = await sent;
    await po.waitForPhase('result');
    // No calendar source: the result still says who to go to and what next, without activities.
    expect(po.$('.activities')).to.equal(null);
    await expect(el).to.be.accessible();
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    const envelope = JSON.parse(log[0]!.body);
    expect(envelope).to.include({ id, widget: 'welcome-intake' });
    expect(envelope.data).to.deep.equal({
      kind: 'intake',
      flow: { id: 'welkom', version: 1 },
      answers: { reden: ['activiteiten'] },
      visibility: 'professional',
      forSomeoneElse: false,
      assisted: false,
    });
  });

  // Last: it changes the site's flow on the shared test collector.
  it('takes the flow a coordinator saved at the collector', async () => {
    const saved = await admin<{ version: number }>('PUT', `/v1/admin/sites/${c.site}/intake-flow`, {
      ...DEFAULT_INTAKE_FLOW,
      id: 'centrum',
      steps: DEFAULT_INTAKE_FLOW.steps.slice(0, 2),
    });
    expect(saved.status).to.equal(201);
    const po = await make();
    expect(po.el.currentFlow).to.include({ id: 'centrum', version: saved.body.version });
    expect(po.stepTitle).to.match(/^Stap 1 van 2/);
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.next();
    await po.next();
    const { id } = await sent;
    const intake = await admin<{ flow: unknown }>('GET', `/v1/admin/sites/${c.site}/intakes/${id}`);
    expect(intake.body.flow).to.deep.equal({ id: 'centrum', version: saved.body.version });
  });
});
