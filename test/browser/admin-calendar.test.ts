/**
 * The calendar section of the coordinator page against the real collector process: list, add,
 * change (fields the form does not show survive), delete after a second question, local checks,
 * read-only tokens, keyboard use and a 360 px screen.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminApp } from '../../src/admin/admin-app.js';
import type { AdminCalendar } from '../../src/admin/calendar/calendar.js';
import type { AdminCalendarForm } from '../../src/admin/calendar/calendar-form.js';
import { API_BASE, commandFetch } from './admin-helpers.js';
import { admin, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;

type Json = Record<string, any>;

async function stored(title: string): Promise<Json | undefined> {
  const res = await admin<{ activities: Json[] }>('GET', `/v1/admin/sites/${info.site}/activities`);
  return res.body.activities.find((a) => a.data.title === title);
}

/** The element that has focus, looking through shadow roots. */
function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function calendar(canEdit = true): Promise<AdminCalendar> {
  const el = await fixture<AdminCalendar>(html`<bk-admin-calendar lang="nl" ?can-edit=${canEdit}
    .api=${new HttpAdminApi(info.token, info.site, API_BASE, commandFetch())}></bk-admin-calendar>`);
  await waitFor(() => !el.loading && el.items !== undefined, { message: 'calendar loaded' });
  await el.updateComplete;
  return el;
}

const form = (el: AdminCalendar) => el.shadowRoot!.querySelector<AdminCalendarForm>('bk-admin-calendar-form')!;
const $f = <E extends Element = HTMLInputElement>(el: AdminCalendar, selector: string) => form(el).shadowRoot!.querySelector<E>(selector)!;

async function set(el: AdminCalendar, selector: string, value: string) {
  const input = $f(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await form(el).updateComplete;
}

async function click(el: AdminCalendar, selector: string) {
  $f<HTMLElement>(el, selector).click();
  await form(el).updateComplete;
}

describe('bk-admin-calendar', () => {
  before(async () => {
    info = await collectorInfo();
  });
  afterEach(async () => setViewport({ width: 800, height: 600 }));

  it('adds a weekly activity with an exception, a cancellation, cost, audience and places, with the keyboard', async () => {
    const title = `Samen koken ${uniqueKey()}`;
    const el = await calendar();
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.new-activity')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'form-heading', { message: 'focus on the form heading' });
    await expect(form(el)).to.be.accessible();

    $f(el, '#title').focus();
    await sendKeys({ type: title });
    await set(el, '#date', '2027-01-05');
    await set(el, '#startTime', '17:00');
    await set(el, '#endTime', '20:00');
    // Weekly is the default; add Thursday too, with the keyboard.
    $f(el, '#day-TH').focus();
    await sendKeys({ press: 'Space' });
    await set(el, '#exception-new', '2027-01-12');
    $f<HTMLButtonElement>(el, '#exception-new').closest('.row')!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await set(el, '#cancel-date', '2027-01-19');
    await set(el, '#cancel-reason', 'De keuken wordt geverfd');
    $f<HTMLInputElement>(el, '#cancel-reason').closest('.row')!.querySelector('button')!.click();
    await form(el).updateComplete;
    $f(el, '#cost-contribution').focus();
    await sendKeys({ press: 'Space' });
    await form(el).updateComplete;
    $f(el, '#amount').focus();
    await sendKeys({ type: '3,50' });
    $f(el, '#audience-senioren').focus();
    await sendKeys({ press: 'Space' });
    $f(el, '#capacity').focus();
    await sendKeys({ type: '12' });
    expect(form(el).shadowRoot!.textContent).to.contain('De keuken wordt geverfd');
    await expect(form(el)).to.be.accessible();
    $f<HTMLButtonElement>(el, 'button[type=submit]').focus();
    await sendKeys({ press: 'Enter' });

    await waitFor(() => !form(el), { message: 'form closed' });
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal(`${title} is opgeslagen.`);
    const row = await stored(title);
    expect(row!.data).to.deep.include({
      title,
      start: '2027-01-05T17:00',
      end: '2027-01-05T20:00',
      cost: { kind: 'contribution', amount: 350, currency: 'EUR' },
      audience: ['senioren'],
      registration: { kind: 'capacity', capacity: 12 },
      status: 'gaat-door',
    });
    expect(row!.data.recurrence).to.deep.include({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', exdates: ['2027-01-12'] });
    expect(row!.data.overrides).to.deep.equal([
      { recurrenceId: '2027-01-19T17:00', status: 'gaat-niet-door', statusReason: 'De keuken wordt geverfd' },
    ]);
    const item = el.shadowRoot!.querySelector(`[data-id="${row!.id}"]`)!;
    expect(item.textContent).to.contain('Elke week op dinsdag en donderdag, 17.00 tot 20.00 uur');
    expect(item.textContent).to.contain('12 plekken');
    expect(deepActive()).to.equal(item.querySelector('.edit'));
    await expect(el).to.be.accessible();
  });

  it('changes an item and keeps the fields the form does not show; cancels it with a reason; deletes after asking', async () => {
    const title = `Huiskamergesprek ${uniqueKey()}`;
    const made = await admin<Json>('POST', `/v1/admin/sites/${info.site}/activities`, {
      title,
      start: '2027-02-03T10:30',
      end: '2027-02-03T11:30',
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1WE' },
      organiser: 'Fatima',
      accessibility: ['lift'],
    });
    expect(made.status).to.equal(201);
    const el = await calendar();
    const item = () => el.shadowRoot!.querySelector(`[data-id="${made.body.id}"]`)!;
    expect(item().textContent).to.contain('Elke eerste woensdag van de maand, 10.30 tot 11.30 uur');
    item().querySelector<HTMLButtonElement>('.edit')!.click();
    await waitFor(() => form(el), { message: 'form open' });
    await form(el).updateComplete;
    expect($f<HTMLInputElement>(el, '#repeat-monthly').checked).to.equal(true);
    await set(el, '#title', `${title} (nieuw)`);
    await click(el, '#cancelled');
    await set(el, '#cancelReason', 'Geen begeleider');
    await click(el, 'button[type=submit]');
    await waitFor(() => !form(el), { message: 'form closed' });
    const row = await stored(`${title} (nieuw)`);
    expect(row!.data).to.deep.include({ organiser: 'Fatima', status: 'gaat-niet-door', statusReason: 'Geen begeleider' });
    expect(row!.data.accessibility).to.deep.equal(['lift']);
    expect(row!.data.recurrence.rrule).to.equal('FREQ=MONTHLY;BYDAY=1WE');
    expect(item().classList.contains('is-cancelled')).to.equal(true);
    expect(item().textContent).to.contain('Gaat niet door: Geen begeleider');

    item().querySelector<HTMLButtonElement>('.delete')!.click();
    await el.updateComplete;
    await waitFor(() => deepActive()?.classList.contains('confirm-no'), { message: 'focus on "no"' });
    await expect(el).to.be.accessible();
    item().querySelector<HTMLButtonElement>('.confirm-yes')!.click();
    await waitFor(() => !item(), { message: 'row gone' });
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal(`${title} (nieuw) is verwijderd.`);
    expect(await stored(`${title} (nieuw)`)).to.equal(undefined);
  });

  it('says what is missing before sending, and what the collector refused', async () => {
    const el = await calendar();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.new-hours')!.click();
    await waitFor(() => form(el), { message: 'form open' });
    await form(el).updateComplete;
    expect($f(el, '#amount')).to.equal(null); // no cost for opening hours
    await set(el, '#endTime', '09:00');
    await click(el, 'button[type=submit]');
    expect($f(el, '#title').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal($f(el, '#title'));
    expect(form(el).shadowRoot!.querySelector('#endTime-error')!.textContent).to.equal('Het einde moet na het begin komen.');
    await expect(form(el)).to.be.accessible();
    // What the collector refuses (scripted: a 422 on `start`) is shown at its field; the form keeps what was typed.
    await set(el, '#title', 'Inloop');
    await set(el, '#endTime', '12:00');
    const api = new HttpAdminApi(
      info.token,
      info.site,
      API_BASE,
      commandFetch((method) =>
        method === 'POST'
          ? new Response(
              JSON.stringify({
                error: 'invalid_request',
                message: 'The request has errors',
                issues: [{ path: 'start', message: 'Expected a date-time' }],
              }),
              { status: 422 },
            )
          : undefined,
      ),
    );
    form(el).api = api;
    await click(el, 'button[type=submit]');
    await waitFor(() => form(el).shadowRoot!.querySelector('[role=alert]')?.textContent?.includes('Niet opgeslagen'), {
      message: 'refusal shown',
    });
    expect(form(el).shadowRoot!.querySelector('#date-error')!.textContent).to.equal('Expected a date-time');
    expect($f<HTMLInputElement>(el, '#title').value).to.equal('Inloop');
  });

  it('with export: shows the figures of a period and downloads the activities as CSV', async () => {
    const title = `Taalcafé ${uniqueKey()}`;
    const made = await admin<Json>('POST', `/v1/admin/sites/${info.site}/activities`, {
      title,
      start: '2025-03-03T10:00',
      end: '2025-03-03T11:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO' },
      overrides: [{ recurrenceId: '2025-03-17T10:00', status: 'gaat-niet-door', statusReason: 'Ziek' }],
    });
    expect(made.status).to.equal(201);
    const csv = '\uFEFFBegin;Eind;Activiteit\r\n2025-03-03 10:00;2025-03-03 11:00;Taalcafé\r\n';
    const api = new HttpAdminApi(
      info.token,
      info.site,
      API_BASE,
      commandFetch((_method, path) =>
        // The command that carries API calls speaks JSON only; the CSV itself is tested on the collector.
        path.includes('/export/activities.csv?from=2025-03-01&to=2025-03-31')
          ? new Response(csv, { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="activiteiten.csv"' } })
          : undefined,
      ),
    );
    const el = await fixture<AdminCalendar>(html`<bk-admin-calendar lang="nl" can-export .api=${api}></bk-admin-calendar>`);
    await waitFor(() => !el.loading, { message: 'loaded' });
    await el.updateComplete;
    const figures = el.shadowRoot!.querySelector('bk-admin-activity-figures')!;
    await figures.updateComplete;
    const $g = <E extends Element = HTMLInputElement>(s: string) => figures.shadowRoot!.querySelector<E>(s)!;
    for (const [id, value] of [
      ['#figures-from', '2025-03-01'],
      ['#figures-to', '2025-03-31'],
    ]) {
      $g(id!).value = value!;
      $g(id!).dispatchEvent(new Event('input'));
    }
    $g<HTMLButtonElement>('.show-figures').click();
    await waitFor(() => $g('[data-figure=sessionsHeld]'), { message: 'figures' });
    const figure = (k: string) => $g(`[data-figure=${k}]`).textContent;
    expect([figure('activitiesHeld'), figure('sessionsHeld'), figure('sessionsCancelled'), figure('participants')]).to.deep.equal([
      '1',
      '4',
      '1',
      '0',
    ]);
    await expect(el).to.be.accessible();
    const downloaded = oneEvent(figures, 'bk-downloaded');
    $g<HTMLButtonElement>('.download-activities').click();
    expect((await downloaded).detail).to.deep.equal({ fileName: 'activiteiten.csv', rows: 1 });
    expect($g('[role=status]').textContent).to.equal('activiteiten.csv gedownload: 1 rij.');
    await admin('DELETE', `/v1/admin/sites/${info.site}/activities/${made.body.id}`);
  });

  it('without moderate: lists, but offers no changes; the app shows the section only to readers', async () => {
    const el = await calendar(false);
    expect(el.shadowRoot!.querySelector('.new-activity')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.edit')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('niet wijzigen');
    await expect(el).to.be.accessible();

    await setViewport({ width: 360, height: 740 });
    const app = await fixture<AdminApp>(
      html`<bk-admin-app .apiFactory=${(s: { token: string; site: string }) => new HttpAdminApi(s.token, s.site, API_BASE, commandFetch())}></bk-admin-app>`,
    );
    await app.signIn({ token: info.token, site: info.site });
    app.shadowRoot!.querySelector<HTMLButtonElement>('nav button[data-view=calendar]')!.click();
    await app.updateComplete;
    const section = app.shadowRoot!.querySelector<AdminCalendar>('bk-admin-calendar')!;
    await waitFor(() => section.items.length > 0, { message: 'items' });
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    section.shadowRoot!.querySelector<HTMLButtonElement>('.new-activity')!.click();
    await waitFor(() => section.shadowRoot!.querySelector('bk-admin-calendar-form'), { message: 'form' });
    await section.updateComplete;
    expect(document.documentElement.scrollWidth, 'form').to.be.at.most(360);
    await expect(app).to.be.accessible();
  });
});
