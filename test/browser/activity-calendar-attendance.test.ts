/**
 * "Ik kom" in `<activity-calendar>` against the real collector process: places left, sending a
 * count, remembering it in this browser, an honest "vol" (at once, and later after offline), and
 * no button where nothing counts places.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../src/define/activity-calendar.js';
import { toLocal } from '../../src/calendar/time-zone.js';
import { addDays, formatLocalDate } from '../../src/calendar/wall-clock.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import { uuidv7 } from '../../src/schema/ids.js';
import type { BkQueuedEvent, BkSentEvent } from '../../src/core/send-events.js';
import { makeCalendar, SEED_ITEMS, type CalendarObject } from './activity-calendar-helpers.js';
import { parseIcs } from '../../src/calendar/ics-parse.js';
import { admin, clearOutboxDb, collectorInfo, postWithToken, setOffline, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;
const made: CalendarObject[] = [];

/** Tomorrow at 10.00 in Amsterdam, so the occurrence is in the list and not over. */
function tomorrow(): string {
  return `${formatLocalDate(addDays(toLocal(Date.now(), 'Europe/Amsterdam'), 1))}T10:00`;
}

async function activity(capacity: number): Promise<{ id: string; title: string; occurrence: string }> {
  const title = `Samen koken ${uniqueKey()}`;
  const start = tomorrow();
  const { status, body } = await admin<{ data: { id: string } }>('POST', `/v1/admin/sites/${c.site}/activities`, {
    title,
    start,
    end: start.replace('T10:00', 'T12:00'),
    recurrence: { rrule: 'FREQ=WEEKLY' },
    registration: { kind: 'capacity', capacity },
  });
  expect(status).to.equal(201);
  return { id: body.data.id, title, occurrence: `${start}:00` };
}

/** Someone else says "ik kom" (from Node, as another visitor's browser would). */
async function someoneElse(a: { id: string; occurrence: string }, places = 1) {
  const envelope = buildEnvelope({
    site: c.site,
    widget: 'activity-calendar',
    locale: 'nl',
    data: { kind: 'attendance', activityId: a.id, occurrence: a.occurrence, places },
    trap: { honeypot: '', elapsedMs: 2000 },
  });
  return postWithToken(`/v1/sites/${c.site}/activities/${encodeURIComponent(a.id)}/attendance`, envelope);
}

async function calendar(): Promise<CalendarObject> {
  const po = await makeCalendar({ items: null, now: Date.now(), attrs: { endpoint: c.url, site: c.site, lang: 'nl' } });
  made.push(po);
  await po.ready();
  return po;
}

const places = (po: CalendarObject) => po.text('[part~="places"]');
const said = (po: CalendarObject) => po.text('[part~="attend-status"]');
const button = (po: CalendarObject) => po.$<HTMLButtonElement>('[part~="attend"]');

describe('<activity-calendar> "ik kom"', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(clearOutboxDb);
  afterEach(async () => {
    for (const po of made.splice(0)) po.el.remove();
    await setOffline(false);
  });

  it('shows places left, sends a count, says "je komt", and remembers it in this browser', async () => {
    const a = await activity(3);
    const po = await calendar();
    await po.openEvent(a.title);
    await waitFor(() => places(po) === 'Nog 3 plekken vrij.', { message: 'places shown' });
    await expect(po.el).to.be.accessible();
    // The block's styles came with the lazy chunk: the bots' field is off-screen, the button large.
    expect(getComputedStyle(po.$('.attendance .trap')!).position).to.equal('absolute');
    expect(button(po)!.getBoundingClientRect().height).to.be.at.least(44);
    const select = po.$<HTMLSelectElement>('[part~="select"]')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['1', '2', '3']);
    expect(po.$('label[for="attend-count"]')!.textContent).to.equal('Met hoeveel mensen kom je?');
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    button(po)!.click();
    const { envelope } = await sent;
    expect(envelope!.widget).to.equal('activity-calendar');
    expect(envelope!.data).to.deep.equal({ kind: 'attendance', activityId: a.id, occurrence: a.occurrence, places: 2 });
    await waitFor(() => places(po) === 'Nog 1 plek vrij.', { message: 'places refreshed' });
    expect(said(po)).to.equal('Je komt met 2 mensen. Tot dan!');
    expect(button(po)).to.equal(null);
    await expect(po.el).to.be.accessible();

    // A new page (here: a new calendar) remembers what this browser said.
    po.el.closeDetail();
    const again = await calendar();
    await again.openEvent(a.title);
    await waitFor(() => said(again) === 'Je komt met 2 mensen. Tot dan!', { message: 'remembered' });
    expect(places(again)).to.equal('Nog 1 plek vrij.');
    expect(button(again)).to.equal(null);
  });

  it("offers the collector's feed to subscribe to, and that feed has the activity", async () => {
    const a = await activity(3);
    const po = await calendar();
    await po.openEvent(a.title);
    const link = (await waitFor(() => po.$<HTMLAnchorElement>('[part~="subscribe"]'), { message: 'subscribe link' }))!;
    expect(link.textContent).to.equal('Zet deze agenda in je telefoon');
    const feed = `${c.url.replace(/\/+$/, '')}/v1/sites/${c.site}/activities.ics`;
    expect(link.href).to.equal(feed.replace(/^https?:/, 'webcal:'));
    const text = await (await fetch(feed)).text();
    expect(parseIcs(text).events.map((e) => e.summary)).to.include(a.title);
  });

  it('says "vol" honestly when the last place went to someone else first', async () => {
    const a = await activity(1);
    const po = await calendar();
    await po.openEvent(a.title);
    await waitFor(() => places(po) === 'Nog 1 plek vrij.', { message: 'places shown' });
    expect((await someoneElse(a)).status).to.equal(201);
    const error = oneEvent(po.el, 'bk-error');
    button(po)!.click();
    expect(((await error) as unknown as { detail: { status: number } }).detail.status).to.equal(409);
    await waitFor(() => said(po) === 'Helaas, het is vol. Je aanmelding is niet geteld.', { message: 'full shown' });
    await waitFor(() => places(po) === 'Vol. Er is geen plek meer.', { message: 'places refreshed' });
    expect(button(po)).to.equal(null);
    await expect(po.el).to.be.accessible();
  });

  it('offline: keeps the "ik kom" in the outbox, says so, and shows "vol" when that is the later answer', async () => {
    const a = await activity(1);
    const po = await calendar();
    await po.openEvent(a.title);
    await waitFor(() => places(po) === 'Nog 1 plek vrij.', { message: 'places shown' });
    await setOffline(true);
    const queued = oneEvent(po.el, 'bk-queued') as unknown as Promise<BkQueuedEvent>;
    button(po)!.click();
    await queued;
    await waitFor(
      () =>
        said(po) ===
        'Er is nu geen internet. Je aanmelding staat veilig op deze telefoon of computer. We sturen hem als er weer internet is.',
      {
        message: 'queued shown',
      },
    );
    expect((await someoneElse(a)).status).to.equal(201);
    await setOffline(false);
    await waitFor(() => said(po) === 'Helaas, het is vol. Je aanmelding is niet geteld.', { message: 'late full shown' });
    await waitFor(() => places(po) === 'Vol. Er is geen plek meer.', { message: 'places refreshed' });
  });

  it('finds out what became of an "ik kom" an earlier page queued and nobody heard back about', async () => {
    const counted = await activity(3);
    const full = await activity(1);
    // An earlier page queued both; the first arrived while no page listened, the second never did.
    const arrived = buildEnvelope({
      site: c.site,
      widget: 'activity-calendar',
      locale: 'nl',
      data: { kind: 'attendance', activityId: counted.id, occurrence: counted.occurrence, places: 2 },
      trap: { honeypot: '', elapsedMs: 2000 },
    });
    expect((await postWithToken(`/v1/sites/${c.site}/activities/${counted.id}/attendance`, arrived)).status).to.equal(201);
    expect((await someoneElse(full)).status).to.equal(201);
    localStorage.setItem(
      `buurtkit:ik-kom:${c.site}`,
      JSON.stringify({
        [`${counted.id}|${counted.occurrence}`]: { state: 'queued', places: 2, id: arrived.id },
        [`${full.id}|${full.occurrence}`]: { state: 'queued', places: 1, id: uuidv7() },
      }),
    );
    const po = await calendar();
    await po.openEvent(counted.title);
    await waitFor(() => said(po) === 'Je komt met 2 mensen. Tot dan!', { message: 'counted after all' });
    expect(places(po)).to.equal('Nog 1 plek vrij.'); // counted once, not twice
    po.el.closeDetail();
    await po.openEvent(full.title);
    await waitFor(() => said(po) === 'Helaas, het is vol. Je aanmelding is niet geteld.', { message: 'full after all' });
  });

  it('shows no button where nothing counts places (inline data, webhook mode, a collector that is not there)', async () => {
    const modes: Record<string, string>[] = [
      {},
      { endpoint: c.url, site: c.site, 'endpoint-type': 'webhook' },
      { endpoint: `${location.origin}/__no-collector`, site: c.site },
    ];
    for (const attrs of modes) {
      const po = await makeCalendar({ attrs: { ...attrs, lang: 'nl' }, items: SEED_ITEMS, now: Date.parse('2026-03-31T09:00:00+02:00') });
      made.push(po);
      await po.ready();
      await po.openEvent('Samen koken');
      expect(po.detail).to.contain('Er is plek voor 12 mensen. Meld je aan bij de balie.');
      expect(button(po)).to.equal(null);
      expect(po.$('[part~="attendance"]')).to.equal(null);
      po.el.closeDetail();
    }
  });

  it("with a collector, inline JSON shows at once and the collector's programme replaces it", async () => {
    const a = await activity(5);
    const po = await makeCalendar({ attrs: { endpoint: c.url, site: c.site, lang: 'nl' }, items: SEED_ITEMS, now: Date.now() });
    made.push(po);
    expect(po.el.phase).to.equal('ready');
    await waitFor(() => po.events.some((e) => e.endsWith(`|${a.title}`)), { message: 'collector items' });
    expect(po.events.some((e) => e.endsWith('|Creatief bezig'))).to.equal(false);
    await po.openEvent(a.title);
    await waitFor(() => places(po) === 'Nog 5 plekken vrij.', { message: 'places shown' });
  });
});
