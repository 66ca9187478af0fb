/**
 * The volunteers section's roles and shifts against the real collector of the test run, on a site
 * of their own (`rolesSite`, so the sign-ups other files make stay as they expect): a role and a
 * recurring shift made with the forms and served by the public roster, a refusal (422) at its
 * field, more places offering the waitlist a place, deleting with what happens to sign-ups said.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/admin/define.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminVolunteerCatalogue } from '../../src/admin/volunteers/volunteer-catalogue.js';
import type { AdminVolunteerForm } from '../../src/admin/volunteers/volunteer-form.js';
import type { AdminVolunteers } from '../../src/admin/volunteers/volunteers.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import { API_BASE, commandFetch } from './admin-helpers.js';
import { admin, collectorInfo, postEnvelope, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

type Json = Record<string, any>;
let info: CollectorInfo;
const api = () => new HttpAdminApi(info.token, info.rolesSite, API_BASE, commandFetch());
const siteApi = (path: string) => `/v1/admin/sites/${info.rolesSite}${path}`;
const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
/** A local date in the site's zone, `days` from today. */
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + days * 86_400_000);

function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function type(el: Element & { updateComplete: Promise<boolean> }, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function click(el: Element & { updateComplete: Promise<boolean> }, selector: string) {
  $(el, selector).click();
  await el.updateComplete;
}

/** The public roster a visitor's `<volunteer-signup>` loads (CORS, no token). */
async function roster(from: string, to: string): Promise<Json> {
  const res = await fetch(`${info.url}/v1/sites/${info.rolesSite}/volunteer?from=${from}&to=${to}`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return res.json() as Promise<Json>;
}

async function section(attrs: { canEdit?: boolean; lang?: string; from?: string; to?: string } = {}) {
  const el = await fixture<AdminVolunteers>(html`<bk-admin-volunteers lang=${attrs.lang ?? 'nl'} ?can-edit=${attrs.canEdit ?? true}
    .from=${attrs.from ?? dayAhead(0)} .to=${attrs.to ?? dayAhead(13)} .api=${api()}></bk-admin-volunteers>`);
  await waitFor(() => el.catalogue !== undefined, { message: 'the catalogue loaded' });
  await el.updateComplete;
  const list = $<AdminVolunteerCatalogue>(el, 'bk-admin-volunteer-catalogue');
  await list.updateComplete;
  return { el, list };
}

const form = (list: AdminVolunteerCatalogue) => $<AdminVolunteerForm>(list, 'bk-admin-volunteer-form');

before(async () => {
  info = await collectorInfo();
});

afterEach(async () => setViewport({ width: 800, height: 600 }));

describe('bk-admin-volunteer-catalogue', () => {
  it('makes a role and a weekday shift with the forms at 360 px by keyboard; a refusal shows at its field; the website serves both', async () => {
    await setViewport({ width: 360, height: 740 });
    const key = uniqueKey('gast');
    const { el, list } = await section();
    await expect(el).to.be.accessible();

    // A new role, opened with the keyboard: focus goes to the form's heading.
    $(list, '.new-role').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'volunteer-form-heading', { message: 'focus on the form heading' });
    const roleForm = form(list);
    await click(roleForm, 'button[type=submit]');
    expect($(roleForm, '#name-error').textContent, 'a name is needed').to.contain('Vul dit in');
    expect(deepActive()?.id).to.equal('name');
    await type(roleForm, '#name', `Gastvrouw ${key}`);
    await type(roleForm, '#whatYouDo', 'Je heet bezoekers welkom en zet koffie.');
    await type(roleForm, '#notAsked', 'Geen hulpverlening.');
    // Every text on the card has its English and Arabic next to it; the Arabic right to left.
    expect([$(roleForm, '#notAsked-ar').getAttribute('lang'), $(roleForm, '#notAsked-ar').getAttribute('dir')]).to.deep.equal([
      'ar',
      'rtl',
    ]);
    await type(roleForm, '#notAsked-ar', 'لا نطلب منك تقديم المساعدة المهنية.');
    await type(roleForm, '#timePerWeek', 'Eén ochtend per week');
    await type(roleForm, '#training', 'Een middag uitleg.');
    await type(roleForm, '#contactPerson', 'Fatima');
    await click(roleForm, '#host');
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    await expect(roleForm).to.be.accessible();
    $(roleForm, 'button[type=submit]').focus();
    await sendKeys({ press: 'Enter' });
    const roleItem = (await waitFor(() => $$(list, '.list > li').find((li) => li.textContent!.includes(`Gastvrouw ${key}`)), {
      message: 'the role listed',
    }))!;
    const roleId = roleItem.dataset.id!;
    expect($(list, '[role=status]').textContent).to.contain('is opgeslagen');
    await waitFor(() => deepActive()?.closest('li')?.dataset.id === roleId, { message: 'focus on the saved role' });

    // A shift for it, Monday to Friday 9.45–12.15, from next Monday.
    $(list, '.new-shift').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.id === 'volunteer-form-heading', { message: 'focus on the shift form' });
    const shiftForm = form(list);
    await type(shiftForm, '#roleId', roleId);
    const ahead = Array.from({ length: 7 }, (_, n) => n + 1).find((n) => new Date(`${dayAhead(n)}T12:00:00Z`).getUTCDay() === 1)!;
    const start = dayAhead(ahead);
    await type(shiftForm, '#date', start);
    await type(shiftForm, '#startTime', '09:45');
    await type(shiftForm, '#endTime', '12:15');
    expect($<HTMLInputElement>(shiftForm, '#repeat-weekly').checked, 'weekly by default').to.equal(true);
    for (const day of ['MO', 'TU', 'WE', 'TH', 'FR']) {
      if (!$<HTMLInputElement>(shiftForm, `#day-${day}`).checked) await click(shiftForm, `#day-${day}`);
    }
    await type(shiftForm, '#capacity', '2');
    // The collector knows no such time zone: its 422 lands on that field, what was typed stays.
    await type(shiftForm, '#timeZone', 'Europe/Nergenshuizen');
    await click(shiftForm, 'button[type=submit]');
    await waitFor(() => $(shiftForm, '#timeZone-error'), { message: 'the refusal at the field' });
    expect($(shiftForm, '[role=alert]').textContent).to.contain('Niet opgeslagen');
    expect($(shiftForm, '#timeZone').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()?.id).to.equal('timeZone');
    expect($<HTMLInputElement>(shiftForm, '#startTime').value).to.equal('09:45');
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    await expect(shiftForm).to.be.accessible();

    await type(shiftForm, '#timeZone', '');
    await click(shiftForm, 'button[type=submit]');
    const shiftItem = (await waitFor(
      () => $$(list, '.list > li').find((li) => li.dataset.id !== roleId && li.textContent!.includes(`Gastvrouw ${key}`)),
      {
        message: 'the shift listed',
      },
    ))!;
    const shiftId = shiftItem.dataset.id!;
    expect(shiftItem.textContent).to.contain('Elke week op maandag, dinsdag, woensdag, donderdag en vrijdag');
    expect(shiftItem.textContent).to.contain('9.45 tot 12.15 uur');
    expect(shiftItem.textContent).to.contain('2 plekken');
    await expect(el).to.be.accessible();

    // What the sign-up widget gets: the role with its texts, the shift on weekdays only.
    const served = await roster(start, dayAhead(ahead + 6));
    expect(served.roles.find((r: Json) => r.id === roleId)).to.deep.include({
      name: `Gastvrouw ${key}`,
      whatYouDo: 'Je heet bezoekers welkom en zet koffie.',
      notAsked: { nl: 'Geen hulpverlening.', ar: 'لا نطلب منك تقديم المساعدة المهنية.' },
      timePerWeek: 'Eén ochtend per week',
      training: 'Een middag uitleg.',
      contactPerson: 'Fatima',
      host: true,
    });
    const occurrences = served.occurrences.filter((o: Json) => o.shiftId === shiftId);
    expect(occurrences.length).to.equal(5);
    for (const o of occurrences) {
      expect(new Date(`${o.date}T12:00:00Z`).getUTCDay()).to.be.within(1, 5);
      expect(o).to.deep.include({ capacity: 2, remaining: 2, title: `Gastvrouw ${key}` });
    }

    // A role that still has a shift is not deleted: the confirmation says why and only goes back.
    $(list, `[data-id="${roleId}"] .delete`).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.classList.contains('confirm-no'), { message: 'focus in the confirmation' });
    expect($(list, `[data-id="${roleId}"] .confirm`).textContent).to.contain('heeft nog 1 dienst');
    expect($(list, `[data-id="${roleId}"] .confirm-yes`)).to.equal(null);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.classList.contains('delete'), { message: 'back on the delete button' });
  });

  it('more places offer the waitlist a place at once; deleting a shift says who stays signed up', async () => {
    const key = uniqueKey('bar');
    const date = dayAhead(3);
    const role = await admin<{ id: string }>('POST', siteApi('/volunteer/roles'), { name: `Bardienst ${key}` });
    const shift = await admin<{ id: string }>('POST', siteApi('/volunteer/shifts'), {
      roleId: role.body.id,
      start: `${date}T13:00`,
      end: `${date}T17:00`,
      capacity: 1,
    });
    expect(shift.status).to.equal(201);
    const rolesInfo = { ...info, site: info.rolesSite };
    for (const firstName of ['Anna', 'Bram']) {
      const cancelToken = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      const envelope = buildEnvelope({
        site: info.rolesSite,
        widget: 'volunteer-signup',
        locale: 'nl',
        data: {
          kind: 'shifts',
          shifts: [{ shiftId: shift.body.id, date }],
          firstName,
          contact: `${firstName.toLowerCase()}.${key}@example.nl`,
          cancelToken,
        },
        trap: { honeypot: '', elapsedMs: 9000 },
      });
      expect((await postEnvelope(rolesInfo, envelope)).status).to.equal(201);
    }
    const { el, list } = await section({ from: date, to: date });
    const occurrence = (await waitFor(() => el.shadowRoot!.querySelector(`[aria-labelledby="occ-${shift.body.id}-${date}"]`), {
      message: 'the occurrence',
    }))!;
    expect(occurrence.querySelector('.waitlist')!.textContent).to.contain('Bram');

    // Two places instead of one: Bram is offered the place as soon as it is saved.
    await click(list, `[data-id="${shift.body.id}"] .edit`);
    const shiftForm = form(list);
    expect($<HTMLInputElement>(shiftForm, '#repeat-none').checked, 'a one-off shift').to.equal(true);
    expect($<HTMLSelectElement>(shiftForm, '#roleId').value).to.equal(role.body.id);
    await type(shiftForm, '#capacity', '2');
    await click(shiftForm, 'button[type=submit]');
    await waitFor(
      () => el.shadowRoot!.querySelector(`[aria-labelledby="occ-${shift.body.id}-${date}"] .coming`)?.textContent?.includes('Bram'),
      {
        message: 'Bram among who is coming',
      },
    );
    const refreshed = el.shadowRoot!.querySelector(`[aria-labelledby="occ-${shift.body.id}-${date}"]`)!;
    expect(refreshed.querySelector('.coming')!.textContent).to.contain('plek aangeboden');
    expect(refreshed.querySelector('.waitlist')).to.equal(null);
    expect($(el, 'p.status[role=status]').textContent).to.contain('1 persoon van de wachtlijst kreeg een plek aangeboden');
    expect((await roster(date, date)).occurrences.find((o: Json) => o.shiftId === shift.body.id)).to.deep.include({
      capacity: 2,
      remaining: 0,
    });
    await expect(el).to.be.accessible();

    // Delete: the confirmation says the two stay signed up and get no message.
    $(list, `[data-id="${shift.body.id}"] .delete`).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.classList.contains('confirm-no'), { message: 'focus in the confirmation' });
    const confirm = $(list, `[data-id="${shift.body.id}"] .confirm`).textContent!;
    expect(confirm).to.contain('verdwijnt van de website');
    expect(confirm).to.contain('In deze periode zijn 2 mensen aangemeld');
    expect(confirm).to.contain('krijgen geen bericht');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !$(list, `[data-id="${shift.body.id}"]`), { message: 'the shift gone from the list' });
    expect($(list, '[role=status]').textContent).to.contain('is verwijderd');
    expect(deepActive()?.id).to.equal('catalogue-heading');
    expect((await roster(date, date)).occurrences.some((o: Json) => o.shiftId === shift.body.id)).to.equal(false);
    // Who signed up stays listed, under a name that says the shift is gone.
    await waitFor(() => el.shadowRoot!.querySelector(`#occ-${shift.body.id}-${date}`)?.textContent?.includes('Verwijderde dienst'), {
      message: 'the deleted shift',
    });

    // The role has no shifts left: now it can go.
    await click(list, `[data-id="${role.body.id}"] .delete`);
    await click(list, `[data-id="${role.body.id}"] .confirm-yes`);
    await waitFor(() => !$(list, `[data-id="${role.body.id}"]`), { message: 'the role gone' });
    expect((await roster(date, date)).roles.some((r: Json) => r.id === role.body.id)).to.equal(false);
  });

  it('shows a read-only token the roles and shifts without buttons, in English', async () => {
    const key = uniqueKey('kring');
    await admin('POST', siteApi('/volunteer/roles'), { name: `Kringloop ${key}` });
    const { el, list } = await section({ canEdit: false, lang: 'en' });
    await waitFor(() => $$(list, '.list > li').some((li) => li.textContent!.includes(`Kringloop ${key}`)), { message: 'the role listed' });
    await waitFor(() => $(list, '#catalogue-heading').textContent === 'Roles and shifts', { message: 'the section in English' });
    expect($$(list, 'button')).to.deep.equal([]);
    expect(list.shadowRoot!.textContent).to.contain('but not change');
    await expect(el).to.be.accessible();
  });
});
