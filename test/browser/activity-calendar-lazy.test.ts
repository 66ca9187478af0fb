/**
 * `<activity-calendar>` loads some parts only when they are needed: the week, day and month views,
 * the detail, the filters, and the recurrence engine (for inline JSON and ICS feeds; the collector sends its
 * occurrences already expanded). A part that cannot be fetched — the connection dropped before the
 * visitor asked for it — says so clearly, the rest keeps working, and asking again loads it.
 *
 * The tests run in order in one page: the parts are blocked before anything loaded them.
 */
import { expect } from '@open-wc/testing';
import '../../src/define/activity-calendar.js';
import { toLocal } from '../../src/calendar/time-zone.js';
import { addDays, addMonths, formatLocalDate } from '../../src/calendar/wall-clock.js';
import { makeCalendar, type CalendarObject } from './activity-calendar-helpers.js';
import { admin, blockPaths as block, collectorInfo, sleep, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

const PERIODS = '/src/widgets/activity-calendar/periods.ts';
const DETAIL = '/src/widgets/activity-calendar/detail.ts';
const ENGINE = '/src/activities/recurrence.ts';
const FILTERS = '/src/widgets/activity-calendar/filter-panel.ts';
const PART_FAILED = 'Dit deel van de agenda kon niet laden. Kijk of je internet hebt en probeer het opnieuw.';

let c: CollectorInfo;
let title: string;
const made: CalendarObject[] = [];
/** When the latest calendar was made: its idle prefetch of every part starts 1 s later. */
let lastMadeAt = 0;

async function calendar(options?: Parameters<typeof makeCalendar>[0]): Promise<CalendarObject> {
  lastMadeAt = performance.now();
  const po = await makeCalendar(options);
  made.push(po);
  await po.ready();
  return po;
}

const collectorCalendar = () => calendar({ items: null, now: Date.now(), attrs: { endpoint: c.url, site: c.site, lang: 'nl' } });

/**
 * Lets blocked parts through again, as when the connection comes back, once no fetch that started
 * while they were blocked is still on its way. Each calendar fetches every part 1 s after its first
 * render; the browser hands a second `import()` of a module to the fetch already under way, so a
 * visitor's "try again" just after the connection came back could still get that old failure. On a
 * busy machine a blocked fetch takes a while to fail, so the test waits for the prefetch timers and
 * then for each blocked fetch to settle, and only then opens the network.
 */
async function unblock(stillBlocked: string[]): Promise<void> {
  const prefetchStarts = lastMadeAt + 1_000 + 250;
  // Stays: the calendar's own 1 s prefetch timer starts these fetches, and nothing tells when.
  if (performance.now() < prefetchStarts) await sleep(prefetchStarts - performance.now());
  await Promise.all([PERIODS, DETAIL, ENGINE, FILTERS].map((path) => import(/* @vite-ignore */ path).catch(() => undefined)));
  await block(stillBlocked);
}

describe('<activity-calendar> parts loaded on demand', () => {
  before(async () => {
    c = await collectorInfo();
    await block([PERIODS, DETAIL, ENGINE, FILTERS]);
    // An activity tomorrow, every week (for seniors: the filters have a choice), and opening hours every day.
    const tomorrow = formatLocalDate(addDays(toLocal(Date.now(), 'Europe/Amsterdam'), 1));
    title = `Buurtsoep ${uniqueKey()}`;
    const activity = await admin('POST', `/v1/admin/sites/${c.site}/activities`, {
      title,
      start: `${tomorrow}T12:00`,
      end: `${tomorrow}T13:00`,
      recurrence: { rrule: 'FREQ=WEEKLY' },
      audience: ['senioren'],
    });
    expect(activity.status).to.equal(201);
    const hours = await admin('POST', `/v1/admin/sites/${c.site}/activities`, {
      kind: 'opening-hours',
      title: 'Inloop',
      start: `${tomorrow}T10:00`,
      end: `${tomorrow}T12:00`,
      recurrence: { rrule: 'FREQ=DAILY' },
    });
    expect(hours.status).to.equal(201);
  });
  after(async () => {
    await block([]);
    for (const po of made) po.el.remove();
  });

  it('inline JSON whose recurrence engine cannot load shows an error, not a blank calendar', async () => {
    const po = await calendar();
    expect(po.el.phase).to.equal('error');
    expect(po.notice).to.equal('Kon de agenda niet laden. Probeer het later nog eens.');
    expect(po.events).to.deep.equal([]);
  });

  it('the collector expands for the widget: list and "open today" need no recurrence engine', async () => {
    const po = await collectorCalendar();
    expect(po.el.phase).to.equal('ready');
    expect(po.events.some((e) => e === `12.00 tot 13.00 uur|${title}`)).to.equal(true);
    expect(po.openStatus).to.match(/^Nu (open|gesloten)/);
    await expect(po.el).to.be.accessible();
  });

  it('a view that cannot load says so; the list keeps working', async () => {
    const po = await collectorCalendar();
    await po.setView('Maand');
    await po.el.updateComplete;
    expect(po.grid).to.equal(null);
    const notice = po.$('[part~="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(po.notice).to.equal(PART_FAILED);
    await expect(po.el).to.be.accessible();
    await po.setView('Binnenkort');
    expect(po.events.some((e) => e.endsWith(`|${title}`))).to.equal(true);
  });

  it('filters that cannot load say so where they open; the list keeps working; opening again loads them', async () => {
    const po = await collectorCalendar();
    const toggle = po.$<HTMLButtonElement>('[part~="filters-toggle"]')!;
    await po.openFilters();
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    // A cold test server transforms each chunk on first request: on a busy machine that takes
    // seconds, so these waits allow most of the test's time instead of the usual 8 s.
    await waitFor(() => po.$('#filter-panel [part~="notice"]'), { timeout: 15_000, message: 'the failure notice in the panel' });
    const notice = po.$('#filter-panel [part~="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent!.trim()).to.equal(PART_FAILED);
    expect(po.events.some((e) => e.endsWith(`|${title}`))).to.equal(true);
    await expect(po.el).to.be.accessible();
    await unblock([PERIODS, DETAIL, ENGINE]);
    // The same button again: it tries again instead of closing.
    await po.openFilters();
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    // The filters arrive with a chunk: wait for the re-opened panel's choices, not for one update.
    await waitFor(() => po.$$<HTMLInputElement>('#filter-panel input').some((i) => i.parentElement!.textContent!.includes('senioren')), {
      timeout: 15_000,
      message: 'the re-opened panel with its choices',
    });
    const senioren = po.$$<HTMLInputElement>('#filter-panel input').find((i) => i.parentElement!.textContent!.includes('senioren'))!;
    senioren.click();
    await po.el.updateComplete;
    expect(po.events.some((e) => e.endsWith(`|${title}`))).to.equal(true);
    expect(po.status).to.match(/^\d+ activiteit(en)?$/);
    expect(po.el.matches(':state(filtered)')).to.equal(true);
  });

  it('a detail that cannot load says so in the status line; the dialog stays closed', async () => {
    const po = await collectorCalendar();
    po.eventRow(title).querySelector<HTMLButtonElement>('button')!.click();
    await waitFor(() => po.status === PART_FAILED, { message: 'the failure is told' });
    expect(po.$('[part~="status"]')!.dataset['tone']).to.equal('error');
    expect(po.dialog.open).to.equal(false);
  });

  it('once the connection is back, asking again loads the part', async () => {
    const po = made.at(-1)!;
    await po.setView('Maand');
    expect(po.notice).to.equal(PART_FAILED);
    await unblock([]);
    // The same view button again.
    await po.setView('Maand');
    await waitFor(() => po.grid, { message: 'month grid' });
    expect(po.notice).to.equal('');
    await po.setView('Binnenkort');
    await po.openEvent(title);
    expect(po.detail).to.contain(title);
    expect(po.status).to.equal('');
    po.el.closeDetail();
    // And inline JSON reads again, with its engine.
    const inline = await calendar();
    expect(inline.el.phase).to.equal('ready');
    expect(inline.events.length).to.be.greaterThan(0);
  });

  it('asks the collector for a later period when the visitor goes there; the grid keeps its focus', async () => {
    const po = await collectorCalendar();
    await po.setView('Maand');
    await waitFor(() => po.grid, { message: 'month grid' });
    const today = toLocal(Date.now(), 'Europe/Amsterdam');
    po.cell(po.tabbableCell!).focus();
    // Five months on is past the first answer (a month back to three ahead).
    for (let i = 0; i < 5; i++) await po.press('PageDown');
    const later = formatLocalDate(addMonths(today, 5));
    expect(po.focusedDate).to.equal(later);
    await waitFor(() => po.cells.some((c) => c.textContent!.includes(title)), { message: 'the weekly activity five months on' });
    expect(po.focusedDate).to.equal(later);
    expect(po.status).to.equal('');
  });
});
