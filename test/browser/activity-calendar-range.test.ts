/**
 * `<activity-calendar>` far from today against the real collector process: paging more than the
 * collector's range limit away still asks a range it accepts, a period it could not give says so
 * (not "nothing on this day"), and the list starts on `date`.
 */
import { expect } from '@open-wc/testing';
import { MAX_RANGE_DAYS } from '../../src/activities/days.js';
import { addDays, formatLocalDate, parseLocalDate } from '../../src/calendar/wall-clock.js';
import '../../src/define/activity-calendar.js';
import { makeCalendar, NOW, type CalendarObject } from './activity-calendar-helpers.js';
import { admin, collectorInfo, setOffline, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;
const made: CalendarObject[] = [];
/** Today for these calendars is 31 March 2026 (`NOW`); this day is well over the limit before it. */
const FAR = formatLocalDate(addDays(parseLocalDate('2026-03-31')!, -(MAX_RANGE_DAYS + 200)));

describe('<activity-calendar> far from today', () => {
  let title: string;
  before(async () => {
    c = await collectorInfo();
    title = `Oude inloop ${uniqueKey()}`;
    // Daily in the past only, so the other calendars of this site never list it.
    const { status } = await admin('POST', `/v1/admin/sites/${c.site}/activities`, {
      title,
      start: `${formatLocalDate(addDays(parseLocalDate(FAR)!, -30))}T10:00`,
      end: `${formatLocalDate(addDays(parseLocalDate(FAR)!, -30))}T11:00`,
      recurrence: { rrule: `FREQ=DAILY;UNTIL=${formatLocalDate(addDays(parseLocalDate(FAR)!, 30)).replace(/-/g, '')}` },
    });
    expect(status).to.equal(201);
  });
  afterEach(async () => {
    for (const po of made.splice(0)) po.el.remove();
    await setOffline(false);
  });

  const calendar = async (attrs: Record<string, string> = {}) => {
    const po = await makeCalendar({ items: null, now: NOW, attrs: { endpoint: c.url, site: c.site, lang: 'nl', ...attrs } });
    made.push(po);
    await po.ready();
    return po;
  };

  it(`shows a day more than ${MAX_RANGE_DAYS} days before today, asking the collector a range it accepts`, async () => {
    const po = await calendar();
    po.el.setView('day', parseLocalDate(FAR)!);
    await waitFor(() => po.events.some((e) => e.endsWith(`|${title}`)), { message: 'the far day from the collector' });
    expect(po.status).to.equal('');
    await expect(po.el).to.be.accessible();
  });

  it('says the period could not be loaded instead of "Op deze dag is er niets."', async () => {
    const po = await calendar();
    po.el.setView('day', parseLocalDate(FAR)!);
    await waitFor(() => po.events.some((e) => e.endsWith(`|${title}`)), { message: 'the far day from the collector' });
    // The connection drops; half a year further back is outside what the collector gave.
    await setOffline(true);
    const further = addDays(parseLocalDate(FAR)!, -200);
    po.el.setView('day', further);
    await waitFor(() => po.text('.error-notice') !== '', { message: 'the error for the period' });
    expect(po.text('.error-notice')).to.equal('Kon de agenda niet laden. Probeer het later nog eens.');
    expect(po.text('.days')).to.equal(`${po.dayTitles[0]} Niet geladen.`);
    expect(po.root.textContent).not.to.contain('Op deze dag is er niets.');
    await expect(po.el).to.be.accessible();
    // Back online, going to a day there loads it.
    await setOffline(false);
    po.el.setView('day', addDays(further, 1));
    await waitFor(() => po.text('.days').endsWith('Op deze dag is er niets.'), { message: 'the further day after reconnecting' });
    expect(po.text('.error-notice')).to.equal('');
  });

  it('starts the list on `date`, also far from today', async () => {
    const po = await calendar({ date: FAR });
    await waitFor(() => po.events.some((e) => e.endsWith(`|${title}`)), { message: 'the list from date' });
    expect(po.dayTitles.length).to.equal(7);
    expect(po.dayTitles[0]).to.contain(
      new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(`${FAR}T12:00:00Z`)),
    );
  });
});
