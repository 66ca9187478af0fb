/**
 * The month grid for people who do not see strike-through, who use forced colours (Windows
 * contrast themes), or a narrow window; and the filter's words for category codes.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/define/activity-calendar.js';
import { makeCalendar, SEED_ITEMS, type CalendarObject } from './activity-calendar-helpers.js';
import { waitFor } from './helpers.js';

let po: CalendarObject | undefined;
afterEach(async () => {
  po?.el.remove();
  po = undefined;
  await emulateMedia({ forcedColors: 'none' });
  await setViewport({ width: 800, height: 600 });
});

describe('<activity-calendar> month grid, for everyone', () => {
  it('says in words, and to a screen reader, that an activity is cancelled', async () => {
    po = await makeCalendar({ attrs: { view: 'month' } });
    // The first calendar in this file waits for the recurrence engine, then expands in tasks of their own.
    await po.ready();
    const cell = po.cell('2026-03-31');
    const off = cell.querySelector('.cell-events .is-cancelled')!;
    expect(off.textContent).to.contain('Samen koken').and.contain('Gaat niet door');
    expect(getComputedStyle(off.querySelector('.cell-cancelled')!).display).to.equal('inline-block');
    // The list is aria-hidden; the cell's own label carries the count.
    expect(cell.querySelector('.visually-hidden')!.textContent).to.equal('dinsdag 31 maart, 1 activiteit, 1 gaat niet door');
    await expect(po.el).to.be.accessible();
  });

  it('says it in English and Arabic too', async () => {
    po = await makeCalendar({ attrs: { view: 'month' }, lang: 'en' });
    await po.el.updateComplete;
    const cellEn = () => po!.cell('2026-03-31');
    await waitForText(() => cellEn().querySelector('.cell-cancelled')?.textContent, 'Cancelled');
    expect(cellEn().querySelector('.visually-hidden')!.textContent).to.match(/1 cancelled$/);
    po.el.remove();
    po = await makeCalendar({ attrs: { view: 'month' }, lang: 'ar' });
    await waitForText(() => po!.cell('2026-03-31').querySelector('.cell-cancelled')?.textContent, 'ملغى');
  });

  it('wraps long titles at 640 px instead of cutting them off', async () => {
    await setViewport({ width: 640, height: 800 });
    po = await makeCalendar({ attrs: { view: 'month' } });
    const items = po.$$<HTMLLIElement>('.cell-events li');
    expect(items.length).to.be.greaterThan(0);
    const long = items.find((li) => li.textContent!.includes('Huiskamerproject'))!;
    expect(getComputedStyle(long).overflowWrap).to.equal('anywhere');
    expect(getComputedStyle(long).hyphens).to.equal('auto');
    for (const li of items) expect(li.scrollWidth, li.textContent!).to.be.at.most(li.clientWidth + 1);
    expect(long.closest('[lang]')!.getAttribute('lang')).to.equal('nl');
  });

  it('keeps the chosen view and today visible in forced colours', async () => {
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    po = await makeCalendar({ attrs: { view: 'month' } });
    const pressed = po.$<HTMLButtonElement>('.views button[aria-pressed="true"]')!;
    const other = po.$<HTMLButtonElement>('.views button[aria-pressed="false"]')!;
    const ps = getComputedStyle(pressed);
    expect(ps.outlineStyle).to.equal('solid');
    expect(ps.backgroundColor).to.not.equal(getComputedStyle(other).backgroundColor);
    const today = getComputedStyle(po.cell('2026-03-31').querySelector('.cell-day')!);
    expect(today.borderTopStyle).to.equal('solid');
    expect(parseFloat(today.borderTopWidth)).to.be.at.least(2);
    await emulateMedia({ forcedColors: 'none' });
    expect(getComputedStyle(po.cell('2026-03-31').querySelector('.cell-day')!).borderTopStyle).to.equal('none');
  });
});

describe('<activity-calendar> category filter', () => {
  it('shows words for category codes: known ones translated, unknown ones read as words', async () => {
    const items = [
      ...SEED_ITEMS,
      { id: 'schuld', title: 'Spreekuur geldzaken', start: '2026-03-31T13:00', category: 'hulp-en-advies' },
      { id: 'rouw', title: 'Rouwgroep', start: '2026-04-01T13:00', category: 'rouw-en-verlies' },
      { id: 'yoga', title: 'Stoelyoga', start: '2026-04-01T15:00', category: 'Yoga voor 60+' },
    ];
    po = await makeCalendar({ items });
    await po.openFilters();
    const labels = po.$$<HTMLOptionElement>('#category option').map((o) => o.textContent!.trim());
    expect(labels).to.include.members(['Hulp en advies', 'Rouw en verlies', 'Yoga voor 60+', 'Eten en drinken']);
    expect(labels.some((t) => t.includes('-'))).to.equal(false);
  });
});

const waitForText = (get: () => string | null | undefined, want: string) => waitFor(() => get() === want, { message: want });
