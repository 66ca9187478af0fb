/**
 * The print stylesheet of `<activity-calendar>` with print media emulated: the week becomes a
 * two-column flyer and the month a poster with every activity in its day; controls and the
 * dialog disappear, text turns black. Facts about layout and visibility, read from the rendering.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/define/activity-calendar.js';
import { makeCalendar, type CalendarObject } from './activity-calendar-helpers.js';

const hidden = (el: Element | null) => !el || getComputedStyle(el).display === 'none';
const columns = (el: Element) => getComputedStyle(el).gridTemplateColumns.split(' ').filter(Boolean).length;

describe('<activity-calendar> printed', () => {
  let po: CalendarObject;

  beforeEach(async () => setViewport({ width: 794, height: 1123 })); // A4 at 96 dpi
  afterEach(async () => {
    po?.el.remove();
    await emulateMedia({ media: 'screen' });
    await setViewport({ width: 800, height: 600 });
  });

  it('the week: two columns of days, no buttons, filters, status line or dialog; black text', async () => {
    po = await makeCalendar({ attrs: { view: 'week' } });
    await po.ready();
    const days = po.$('.days')!;
    expect(columns(days), 'screen').to.equal(1);
    expect(hidden(po.$('[part~="views"]')), 'views on screen').to.equal(false);

    await emulateMedia({ media: 'print' });
    expect(columns(days)).to.equal(2);
    for (const part of ['views', 'filters', 'status', 'detail']) expect(hidden(po.$(`[part~="${part}"]`)), part).to.equal(true);
    expect(po.$$('[part~="nav"] button').every(hidden), 'nav buttons').to.equal(true);
    expect(hidden(po.$('[part~="period"]')), 'the week stays named').to.equal(false);
    expect(getComputedStyle(po.$('.event-title')!).color).to.equal('rgb(0, 0, 0)');
    expect(parseFloat(getComputedStyle(po.$('[part~="heading"]')!).fontSize)).to.be.closeTo((22 * 96) / 72, 0.01); // 22pt
    // Days are not split across pages, and the cancelled session is still there, struck through.
    expect(getComputedStyle(po.$('.day')!).breakInside).to.equal('avoid');
    const cancelled = po.$('[part~="event-cancelled"]')!;
    expect(hidden(cancelled)).to.equal(false);
    expect(cancelled.textContent).to.contain('geverfd');
    // Everything fits the printed width: nothing sticks out to the side.
    expect(po.el.scrollWidth).to.be.at.most(po.el.clientWidth);
  });

  it('the month: every activity written in its day, grid kept, no navigation', async () => {
    po = await makeCalendar({ attrs: { view: 'month' } });
    await po.ready();
    await setViewport({ width: 360, height: 800 });
    const events = po.$('.cell-events')!;
    expect(hidden(events), 'small screen: dots only').to.equal(true);

    await emulateMedia({ media: 'print' });
    expect(hidden(events)).to.equal(false);
    expect(po.$$('.cell-events li').length).to.be.greaterThan(10);
    expect(po.grid!.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(po.$$('[part~="nav"] button').every(hidden)).to.equal(true);
    expect(hidden(po.$('[part~="views"]'))).to.equal(true);
    const cell = po.cells[10]!;
    expect(Math.round(cell.getBoundingClientRect().height)).to.be.at.least(Math.round((3.2 * 96) / 2.54) - 1);
  });
});
