/**
 * "Ik kom" in `<activity-calendar>` on a page the collector no longer lets in: the calendar loaded
 * and showed the places, then the site's allowed websites stopped including this page (a coordinator
 * edited the list, a site moved to a new address). The press is refused with 403
 * `origin_not_allowed`: the visitor reads that the calendar is not connected yet and that nothing was
 * counted, never "je komt"; nothing is kept to send later, nothing is remembered in this browser.
 *
 * On a site of its own (`unlinkSite`), so no test file running at the same time loses its website.
 */
import { expect } from '@open-wc/testing';
import '../../src/define/activity-calendar.js';
import { toLocal } from '../../src/calendar/time-zone.js';
import { addDays, formatLocalDate } from '../../src/calendar/wall-clock.js';
import type { BkErrorEvent } from '../../src/core/events.js';
import { Outbox } from '../../src/core/outbox.js';
import { makeCalendar, type CalendarObject } from './activity-calendar-helpers.js';
import { admin, clearOutboxDb, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

const NOT_CONNECTED = 'Aanmelden kan hier nog niet. Je aanmelding is niet geteld. Meld je aan bij de balie.';

let c: CollectorInfo;
let allowed: string[] = [];
const made: CalendarObject[] = [];
const originsPath = () => `/v1/admin/sites/${c.unlinkSite}/settings/origins`;

async function activity(capacity: number): Promise<{ id: string; title: string }> {
  const title = `Taalcafé ${uniqueKey()}`;
  const start = `${formatLocalDate(addDays(toLocal(Date.now(), 'Europe/Amsterdam'), 1))}T10:00`;
  const { status, body } = await admin<{ data: { id: string } }>('POST', `/v1/admin/sites/${c.unlinkSite}/activities`, {
    title,
    start,
    end: start.replace('T10:00', 'T12:00'),
    registration: { kind: 'capacity', capacity },
  });
  expect(status).to.equal(201);
  return { id: body.data.id, title };
}

describe('<activity-calendar> "ik kom" on a page that is not connected', () => {
  before(async () => {
    c = await collectorInfo();
    allowed = (await admin<{ origins: string[] }>('GET', originsPath())).body.origins;
    expect(allowed).to.include(location.origin);
  });
  beforeEach(async () => {
    await clearOutboxDb();
    localStorage.clear();
  });
  afterEach(async () => {
    for (const po of made.splice(0)) po.el.remove();
    expect((await admin('PUT', originsPath(), { origins: allowed })).status).to.equal(200);
  });

  it('says it is not connected and nothing was counted; no "je komt", nothing kept or remembered', async () => {
    const a = await activity(3);
    const po = await makeCalendar({ items: null, now: Date.now(), attrs: { endpoint: c.url, site: c.unlinkSite, lang: 'nl' } });
    made.push(po);
    await po.ready();
    await po.openEvent(a.title);
    await waitFor(() => po.text('[part~="places"]') === 'Nog 3 plekken vrij.', { message: 'places shown' });
    const button = (await waitFor(() => po.$<HTMLButtonElement>('[part~="attend"]'), { message: 'the "ik kom" button' }))!;
    await expect(po.el).to.be.accessible();

    // The site's websites change while the page is open: this page is no longer one of them.
    expect((await admin('PUT', originsPath(), { origins: ['https://www.buurthuis-de-linde.nl'] })).status).to.equal(200);
    const events: string[] = [];
    const refusals: BkErrorEvent[] = [];
    for (const type of ['bk-sent', 'bk-queued', 'bk-error']) po.el.addEventListener(type, () => events.push(type));
    po.el.addEventListener('bk-error', (e) => refusals.push(e as BkErrorEvent));
    button.click();

    await waitFor(() => refusals.length > 0, { message: 'the refusal' });
    expect(refusals.map((e) => [e.reason, e.detail.error])).to.deep.equal([['not-connected', 'origin_not_allowed']]);
    await waitFor(() => po.text('[part~="attend-status"]') === NOT_CONNECTED, { message: 'not connected shown' });
    await expect(po.el).to.be.accessible();
    expect(events).to.deep.equal(['bk-error']);
    expect(po.el.shadowRoot!.textContent).to.not.contain('Je komt');
    expect(po.el.shadowRoot!.textContent).to.not.contain('staat veilig');
    // Nothing waits to be sent later, and this browser does not remember an "ik kom".
    expect(await new Outbox().items()).to.deep.equal([]);
    expect(Object.values(JSON.parse(localStorage.getItem(`buurtkit:ik-kom:${c.unlinkSite}`) ?? '{}'))).to.deep.equal([]);
    // The collector counted nothing.
    const claims = await admin<{ claims: unknown[] }>('GET', `/v1/admin/sites/${c.unlinkSite}/activities/${a.id}/attendance`);
    expect(claims.status).to.equal(200);
    expect(claims.body.claims).to.deep.equal([]);
  });
});
