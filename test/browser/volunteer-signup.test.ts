import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/volunteer-signup.js';
import '../../src/define/host-today.js';
import type { HostToday } from '../../src/widgets/host-today/host-today.js';
import type { VolunteerSignup } from '../../src/widgets/volunteer-signup/volunteer-signup.js';
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

let c: CollectorInfo;

/** The date `days` from today on the site's clock (Europe/Amsterdam). */
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + days * 86_400_000);

async function makeShift(capacity: number, date: string, start = '09:45', end = '12:15', host = false) {
  const role = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/roles`, {
    name: `Rol ${uniqueKey()}`,
    whatYouDo: 'Je zet koffie en maakt een praatje.',
    notAsked: 'Geen hulpverlening.',
    host,
  });
  const shift = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
    roleId: role.body.id,
    start: `${date}T${start}`,
    end: `${date}T${end}`,
    capacity,
  });
  expect(shift.status).to.equal(201);
  return { roleId: role.body.id, shiftId: shift.body.id };
}

async function make(attrs = '') {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<volunteer-signup endpoint="${c.url}" site="${c.site}" lang="nl" ${attrs}></volunteer-signup>`;
  const el = wrap.querySelector('volunteer-signup') as VolunteerSignup;
  await el.updateComplete;
  return el;
}

const root = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => root(el).querySelector<T>(sel);
const statusText = (el: Element) => $(el, '[part="status"]')!.textContent!.trim();
const shiftFor = (el: Element, shiftId: string) => $<HTMLInputElement>(el, `input[id^="s-${shiftId}"]`);

async function typeInto(el: Element, id: string, text: string) {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = '';
  input.dispatchEvent(new Event('input'));
  input.focus();
  await sendKeys({ type: text });
}

/** Chooses a shift, fills in the form and sends it, with the keyboard only. */
async function chooseAndSend(el: VolunteerSignup, shiftId: string, name: string) {
  const box = (await waitFor(() => shiftFor(el, shiftId), { message: 'the shift in the list' }))!;
  box.focus();
  await sendKeys({ press: 'Space' });
  expect(box.checked).to.equal(true);
  await typeInto(el, 'firstName', name);
  await typeInto(el, 'contact', `${name.toLowerCase()}@example.nl`);
  await sendKeys({ press: 'Enter' });
}

/** Signs up through the form with the keyboard only; returns the personal link's token. */
async function signUpWithKeyboard(el: VolunteerSignup, shiftId: string, name: string) {
  await chooseAndSend(el, shiftId, name);
  const link = (await waitFor(() => $<HTMLInputElement>(el, '#link'), { message: 'the personal link' }))!;
  return new URL(link.value).hash.replace('#bk-cancel=', '');
}

describe('<volunteer-signup> with a real collector', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(clearOutboxDb);

  it('shows roles and places, signs up by keyboard, confirms with an .ics and a personal link; the next one waits', async () => {
    const date = dayAhead(9);
    const { shiftId } = await makeShift(1, date);
    const el = await make();
    await waitFor(() => shiftFor(el, shiftId), { message: 'shift' });
    expect(root(el).textContent).to.contain('Geen hulpverlening.');
    expect(shiftFor(el, shiftId)!.closest('li')!.textContent).to.contain('nog 1 plek');
    await expect(el).to.be.accessible();

    const token = await signUpWithKeyboard(el, shiftId, 'Fatima');
    expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
    await waitFor(() => root(el).textContent!.includes('Je staat op het rooster'), { message: 'confirmed status' });
    expect(statusText(el)).to.equal('Aangemeld');
    const ics = $<HTMLAnchorElement>(el, 'a[download]')!;
    expect(decodeURIComponent(ics.href)).to.contain('BEGIN:VEVENT').and.to.contain(`#bk-cancel=${token}`);
    expect(el.matches(':state(sent)')).to.equal(true);
    await expect(el).to.be.accessible();

    // Back to the list: it is full now, so the next person joins the waitlist.
    $<HTMLButtonElement>(el, '.done > button')!.click();
    await waitFor(() => shiftFor(el, shiftId)?.closest('li')!.textContent!.includes('vol'), { message: 'full' });
    await signUpWithKeyboard(el, shiftId, 'Bram');
    await waitFor(() => root(el).textContent!.includes('Op de wachtlijst'), { message: 'waitlisted' });
  });

  it('warns when chosen shifts overlap, and lists what is missing', async () => {
    const date = dayAhead(10);
    const a = await makeShift(3, date, '10:00', '12:00');
    const b = await makeShift(3, date, '11:30', '13:00');
    const el = await make();
    await waitFor(() => shiftFor(el, b.shiftId), { message: 'shifts' });
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    const summary = (await waitFor(() => $(el, '.summary')))!;
    expect(summary.textContent).to.contain('Kies minstens één dienst.').and.to.contain('Vul je voornaam in.');
    expect(root(el).activeElement).to.equal(summary);
    shiftFor(el, a.shiftId)!.click();
    shiftFor(el, b.shiftId)!.click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('.warn')).to.have.length(2);
    expect(shiftFor(el, a.shiftId)!.getAttribute('aria-describedby')).to.match(/-c$/);
    await expect(el).to.be.accessible();
  });

  it('the personal link cancels; the first on the waitlist is offered the place and confirms it', async () => {
    const date = dayAhead(11);
    const { shiftId } = await makeShift(1, date);
    const first = await make();
    const annaToken = await signUpWithKeyboard(first, shiftId, 'Anna');
    first.remove();
    const second = await make();
    const dirkToken = await signUpWithKeyboard(second, shiftId, 'Dirk');
    await waitFor(() => root(second).textContent!.includes('Op de wachtlijst'), { message: 'waitlisted' });
    second.remove();

    const anna = await make(`cancel-token="${annaToken}"`);
    await waitFor(() => root(anna).textContent!.includes('Je staat op het rooster'), { message: 'Anna sees her shift' });
    expect($(anna, '.heading')!.textContent).to.equal('Je aanmelding');
    await expect(anna).to.be.accessible();
    const cancel = [...root(anna).querySelectorAll('button')].find((b) => b.textContent === 'Afmelden')!;
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root(anna).textContent!.includes('Afgemeld'), { message: 'cancelled' });
    expect(statusText(anna)).to.contain('Je bent afgemeld');

    const dirk = await make(`cancel-token="${dirkToken}"`);
    await waitFor(() => root(dirk).textContent!.includes('Er is plek voor je!'), { message: 'Dirk is offered the place' });
    await expect(dirk).to.be.accessible();
    [...root(dirk).querySelectorAll('button')].find((b) => b.textContent === 'Ja, ik kom')!.click();
    await waitFor(() => root(dirk).textContent!.includes('Je staat op het rooster'), { message: 'Dirk confirmed' });
    const { body } = await admin<{ notifications: { payload: { firstName: string; event: string } }[] }>(
      'GET',
      `/v1/admin/sites/${c.site}/volunteer/notifications`,
    );
    expect(body.notifications.some((n) => n.payload.firstName === 'Dirk' && n.payload.event === 'volunteer.offered')).to.equal(true);
  });

  it('offline: keeps the sign-up and says so honestly; sends it when the connection is back', async () => {
    const date = dayAhead(12);
    const { shiftId } = await makeShift(2, date);
    const el = await make();
    await waitFor(() => shiftFor(el, shiftId));
    await import('../../src/widgets/volunteer-signup/own-view.js');
    shiftFor(el, shiftId)!.click();
    await typeInto(el, 'firstName', 'Karim');
    await typeInto(el, 'contact', '06 1234 5678');
    await setOffline(true);
    try {
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitFor(() => statusText(el) === 'Je aanmelding staat veilig op deze telefoon of computer. We laten weten of er plek is.', {
        message: 'queued',
      });
      expect(root(el).textContent).to.contain('We laten je weten of er plek is');
      expect($<HTMLInputElement>(el, '#link')!.value).to.contain('#bk-cancel=');
    } finally {
      await setOffline(false);
    }
    await waitFor(() => root(el).textContent!.includes('Je staat op het rooster'), { timeout: 15000, message: 'late delivery' });
  });

  it('the general sign-up: only a contact is needed; it reaches the coordinator', async () => {
    const el = await make();
    await waitFor(() => $(el, 'button.link'));
    $<HTMLButtonElement>(el, 'button.link')!.click();
    const heading = await waitFor(() => $(el, '.apply h3'), { message: 'the general form' });
    await waitFor(() => root(el).activeElement === heading, { message: 'focus on the form heading' });
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.apply [part~="submit"]')!.click();
    await waitFor(() => $(el, '#apply-contact-error'), { message: 'contact error' });
    expect($(el, '#apply-contact')!.getAttribute('aria-invalid')).to.equal('true');
    const contact = `${uniqueKey('z')}@example.nl`;
    await typeInto(el, 'apply-contact', contact);
    $<HTMLInputElement>(el, 'input[value="di-ochtend"]')!.click();
    $<HTMLInputElement>(el, 'input[value="werkervaring"]')!.click();
    await typeInto(el, 'needs', 'Een rustige plek');
    $<HTMLButtonElement>(el, '.apply [part~="submit"]')!.click();
    await waitFor(() => root(el).textContent!.includes('We nemen contact met je op'), { message: 'thanks' });
    const { body } = await admin<{
      applications: { data: { contact: string; availability: string[]; motivation: string[]; needs: string } }[];
    }>('GET', `/v1/admin/sites/${c.site}/volunteer/applications`);
    expect(body.applications.find((a) => a.data.contact === contact)?.data).to.deep.include({
      availability: ['di-ochtend'],
      motivation: ['werkervaring'],
      needs: 'Een rustige plek',
    });
  });

  it('webhook mode: shifts from the page, no places or personal link; the envelope reaches the receiver', async () => {
    const key = uniqueKey('vol');
    await scriptReceiver(key, [{ status: 200 }]);
    const rx = await receiverUrl();
    const date = dayAhead(3);
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<volunteer-signup endpoint="${rx}/json/${key}" site="de-linde" endpoint-type="webhook" lang="nl"></volunteer-signup>`;
    const el = wrap.querySelector('volunteer-signup') as VolunteerSignup;
    el.roster = {
      timeZone: 'Europe/Amsterdam',
      roles: [{ id: 'r1', name: 'Bardienst', host: false }],
      occurrences: [
        {
          shiftId: '0190f3a0-0000-7000-8000-000000000001',
          roleId: 'r1',
          title: 'Bardienst',
          date,
          start: `${date}T12:00:00Z`,
          end: `${date}T14:00:00Z`,
          capacity: 2,
          remaining: 1,
          waitlist: 0,
        },
      ],
    };
    await el.updateComplete;
    expect($(el, '[part="places"]')).to.equal(null);
    expect(root(el).querySelectorAll('[part="shift"]')).to.have.length(1);
    await expect(el).to.be.accessible();
    await chooseAndSend(el, '0190f3a0-0000-7000-8000-000000000001', 'Noor');
    await waitFor(() => $(el, '.done'), { message: 'done' });
    expect($(el, '#link')).to.equal(null);
    expect(root(el).textContent).to.contain('We laten je weten of er plek is');
    const log = await waitFor(async () => ((await receiverLog(key)) as { body: string }[]).find(Boolean));
    const envelope = JSON.parse(log!.body);
    expect(envelope).to.deep.include({ widget: 'volunteer-signup', site: 'de-linde' });
    expect(envelope.data).to.deep.include({
      kind: 'shifts',
      firstName: 'Noor',
      shifts: [{ shiftId: '0190f3a0-0000-7000-8000-000000000001', date }],
    });
  });

  it('speaks English and Arabic (right to left)', async () => {
    const el = await make('lang="ar"');
    el.setAttribute('lang', 'ar');
    await waitFor(() => $(el, '.heading')!.textContent === 'كن متطوعًا', { message: 'Arabic' });
    expect($(el, '.base')!.getAttribute('dir')).to.equal('rtl');
    el.setAttribute('lang', 'en');
    await waitFor(() => $(el, '.heading')!.textContent === 'Become a volunteer', { message: 'English' });
    await expect(el).to.be.accessible();
  });
});

describe('<host-today>', () => {
  it('says who hosts today, or asks who will', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<host-today lang="nl" signup-url="/vrijwilligers"></host-today>`;
    const el = wrap.querySelector('host-today') as HostToday;
    el.answer = {
      timeZone: 'Europe/Amsterdam',
      date: '2026-11-23',
      hosts: [
        {
          shiftId: 's',
          title: 'Gastvrouw',
          start: '2026-11-23T09:00:00+01:00',
          end: '2026-11-23T11:00:00+01:00',
          filled: true,
          firstName: 'Fatima',
        },
      ],
    };
    await el.updateComplete;
    expect(el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Vandaag is Fatima je gastvrouw of gastheer — 9.00 tot 11.00 uur',
    );
    await expect(el).to.be.accessible();
    el.answer = { ...el.answer, hosts: [{ ...el.answer.hosts[0]!, filled: false, firstName: undefined }] };
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('nog geen gastvrouw of gastheer — wil jij?');
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('/vrijwilligers');
    await expect(el).to.be.accessible();
  });

  it('reads today from the collector', async () => {
    c = await collectorInfo();
    const today = dayAhead(0);
    await makeShift(1, today, '23:58', '23:59', true);
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<host-today endpoint="${c.url}" site="${c.site}" lang="nl" signup-url="#aanmelden"></host-today>`;
    const el = wrap.querySelector('host-today') as HostToday;
    await waitFor(() => el.shadowRoot!.textContent!.includes('wil jij?'), { message: 'open host shift' });
    expect(el.shadowRoot!.querySelector('a')!.textContent).to.equal('Meld je aan');
  });
});
