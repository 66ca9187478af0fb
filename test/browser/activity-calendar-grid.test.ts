import { expect } from '@open-wc/testing';
import '../../src/define/activity-calendar.js';
import { makeCalendar, type CalendarObject } from './activity-calendar-helpers.js';

let po: CalendarObject | undefined;
afterEach(() => {
  po?.el.remove();
  po = undefined;
});

async function month(lang?: string) {
  po = await makeCalendar({ attrs: { view: 'month' }, ...(lang ? { lang } : {}) });
  return po;
}

describe('<activity-calendar> month grid', () => {
  it('is an ARIA grid with Monday first and one cell in the tab order', async () => {
    const cal = await month();
    await expect(cal.el).to.be.accessible();
    expect(cal.period).to.equal('maart 2026');
    expect(cal.grid!.getAttribute('aria-labelledby')).to.equal('period-title');
    expect(cal.$$('[role="grid"] th').map((th) => th.getAttribute('abbr'))).to.deep.equal([
      'maandag',
      'dinsdag',
      'woensdag',
      'donderdag',
      'vrijdag',
      'zaterdag',
      'zondag',
    ]);
    expect(cal.cells).to.have.length(42);
    expect(cal.cells[0]!.dataset['date']).to.equal('2026-02-23');
    expect(cal.tabbableCell).to.equal('2026-03-31');
    expect(cal.cells.filter((c) => c.tabIndex === 0)).to.have.length(1);
    expect(cal.cell('2026-03-31').getAttribute('aria-current')).to.equal('date');
    expect(cal.cell('2026-03-31').textContent).to.contain('dinsdag 31 maart');
    expect(cal.cell('2026-03-31').querySelector('.cell-events .is-cancelled')!.textContent).to.contain('Samen koken');
  });

  it('moves with arrows, Home/End and PageUp/PageDown, across months', async () => {
    const cal = await month();
    cal.cell('2026-03-31').focus();
    await cal.press('ArrowRight');
    expect(cal.focusedDate).to.equal('2026-04-01');
    expect(cal.period).to.equal('april 2026');
    await cal.press('ArrowLeft');
    expect(cal.focusedDate).to.equal('2026-03-31');
    await cal.press('ArrowUp');
    expect(cal.focusedDate).to.equal('2026-03-24');
    await cal.press('ArrowDown');
    expect(cal.focusedDate).to.equal('2026-03-31');
    await cal.press('Home');
    expect(cal.focusedDate).to.equal('2026-03-30');
    await cal.press('End');
    expect(cal.focusedDate).to.equal('2026-04-05');
    await cal.press('PageUp');
    expect(cal.focusedDate).to.equal('2026-03-05');
    await cal.press('PageDown');
    await cal.press('PageDown');
    expect(cal.focusedDate).to.equal('2026-05-05');
    expect(cal.period).to.equal('mei 2026');
    expect(cal.tabbableCell).to.equal('2026-05-05');
    await expect(cal.el).to.be.accessible();
  });

  it('opens the day with Enter and focuses its heading', async () => {
    const cal = await month();
    cal.cell('2026-03-31').focus();
    await cal.press('ArrowDown');
    await cal.press('Enter');
    expect(cal.el.view).to.equal('day');
    expect(cal.period).to.equal('dinsdag 7 april');
    expect((cal.root.activeElement as HTMLElement).classList.contains('day-title')).to.equal(true);
    expect(cal.events.map((e) => e.split('|')[1])).to.deep.equal(['Samen koken']);
    await expect(cal.el).to.be.accessible();
  });

  it('swaps left and right in Arabic', async () => {
    const cal = await month('ar');
    await cal.el.updateComplete;
    cal.cell('2026-03-31').focus();
    await cal.press('ArrowLeft');
    expect(cal.focusedDate).to.equal('2026-04-01');
    await expect(cal.el).to.be.accessible();
  });
});

describe('<activity-calendar> without an ICS source', () => {
  it('never loads the ICS parser', async () => {
    const cal = await month();
    await expect(cal.el).to.be.accessible();
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.some((n) => n.includes('/src/calendar/ics-parse') || n.includes('/src/activities/ics-import'))).to.equal(false);
    expect(loaded.some((n) => n.includes('/src/activities/recurrence'))).to.equal(true);
  });

  it('shows times in the time-zone it is given, and takes items as a property', async () => {
    const cal = await makeCalendar({ items: null, attrs: { 'time-zone': 'Europe/London', 'hide-filters': '' } });
    cal.el.items = [{ id: 'soep', title: 'Buurtsoep', start: '2026-04-01T12:00', end: '2026-04-01T13:00', timeZone: 'Europe/Amsterdam' }];
    await cal.el.updateComplete;
    await expect(cal.el).to.be.accessible();
    expect(cal.events).to.deep.equal(['11.00 tot 12.00 uur|Buurtsoep']);
    cal.el.items = [{ id: 'thee', title: 'Theemiddag', start: '2026-04-02T15:00', timeZone: 'Europe/London' }];
    await cal.el.updateComplete;
    expect(cal.events).to.deep.equal(['Vanaf 15.00 uur|Theemiddag']);
    cal.el.remove();
  });

  it('takes text overrides from the strings attribute', async () => {
    const cal = await makeCalendar({ attrs: { strings: '{"heading":"Agenda van De Linde"}' } });
    await expect(cal.el).to.be.accessible();
    expect(cal.text('[part~="heading"]')).to.equal('Agenda van De Linde');
    cal.el.remove();
  });
});
