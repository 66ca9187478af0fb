import { expect, oneEvent } from '@open-wc/testing';
import '../../src/define/activity-calendar.js';
import { parseIcs } from '../../src/calendar/ics-parse.js';
import type { BkErrorEvent } from '../../src/core/events.js';
import type { BkSelectEvent } from '../../src/widgets/activity-calendar/activity-calendar.js';
import { CalendarObject, makeCalendar, NOW } from './activity-calendar-helpers.js';
import { waitFor } from './helpers.js';

let po: CalendarObject | undefined;
afterEach(() => {
  po?.el.remove();
  po = undefined;
});

describe('<activity-calendar> list view', () => {
  it('shows the coming seven days, opening hours apart, and whether it is open', async () => {
    po = await makeCalendar();
    await expect(po.el).to.be.accessible();
    expect(po.text('[part~="heading"]')).to.equal('Wat is er te doen?');
    expect(po.openStatus).to.equal('Nu gesloten. Vandaag open om 10.00 uur.');
    expect(po.period).to.equal('De komende 7 dagen');
    expect(po.dayTitles[0]).to.equal('Vandaag, dinsdag 31 maart');
    expect(po.dayTitles[1]).to.equal('Morgen, woensdag 1 april');
    // Opening hours are their own line, not an activity.
    const today = po.$('[part~="day"]')!;
    expect(today.querySelector('[part~="hours"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('Open 10.00 tot 12.00 uur (Inloop)');
    expect(po.events).to.deep.equal([
      '17.00 tot 20.00 uur|Samen koken',
      '10.30 tot 11.30 uur|Huiskamergesprek',
      '14.00 tot 16.00 uur|Huiskamerproject',
      '14.00 tot 16.00 uur|Creatief bezig',
    ]);
    expect(po.text('[part~="event"] .event-meta')).to.equal('Keuken, De Linde · Eigen bijdrage € 3');
  });

  it('lists a day on which the place is only open for the drop-in, without calling it empty', async () => {
    po = await makeCalendar();
    await expect(po.el).to.be.accessible();
    // Friday 3 and Monday 6 April have the drop-in and nothing else; the weekend has nothing.
    expect(po.dayTitles).to.include('vrijdag 3 april');
    expect(po.dayTitles).to.include('maandag 6 april');
    expect(po.dayTitles).not.to.include('zaterdag 4 april');
    const friday = po.$$('[part~="day"]').find((d) => d.textContent!.includes('vrijdag 3 april'))!;
    expect(friday.querySelector('[part~="hours"]')).to.not.equal(null);
    expect(friday.textContent).not.to.contain('Op deze dag is er niets.');
  });

  it('says until when it is open, and when it opens again', async () => {
    po = await makeCalendar({ now: Date.parse('2026-03-31T10:30:00+02:00') });
    await expect(po.el).to.be.accessible();
    expect(po.openStatus).to.equal('Nu open, vandaag tot 12.00 uur.');
    po.el.now = Date.parse('2026-04-03T13:00:00+02:00');
    await po.el.updateComplete;
    expect(po.openStatus).to.equal('Nu gesloten. Weer open op maandag 6 april om 10.00 uur.');
    po.el.now = Date.parse('2026-04-01T13:00:00+02:00');
    await po.el.updateComplete;
    expect(po.openStatus).to.equal('Nu gesloten. Morgen open om 10.00 uur.');
  });

  it('keeps a cancelled session visible, struck through, with the reason', async () => {
    po = await makeCalendar();
    await expect(po.el).to.be.accessible();
    const row = po.eventRow('Samen koken');
    expect(row.part.contains('event-cancelled')).to.equal(true);
    expect(row.querySelector('[part~="cancelled"]')!.textContent!.trim()).to.equal('Gaat niet door: De keuken wordt geverfd');
    expect(getComputedStyle(row.querySelector('.event-title')!).textDecorationLine).to.equal('line-through');
  });

  it('shows more weeks with the weeks attribute, and skips a summer break', async () => {
    po = await makeCalendar({ attrs: { weeks: '6' }, now: Date.parse('2026-07-06T09:00:00+02:00') });
    await expect(po.el).to.be.accessible();
    expect(po.period).to.equal('De komende 42 dagen');
    const project = po.events.filter((e) => e.endsWith('|Huiskamerproject'));
    // 8 July only: the zomerstop runs 13 July – 23 August.
    expect(project).to.have.length(1);
  });

  it('shows an empty calendar plainly', async () => {
    po = await makeCalendar({ items: [] });
    await expect(po.el).to.be.accessible();
    expect(po.notice).to.equal('Er staat nu niets in de agenda.');
    expect(po.$('[part~="open-status"]')).to.equal(null);
  });

  it('without any source says it is empty, and tells the page with bk-error no-endpoint', async () => {
    const el = document.createElement('activity-calendar');
    const error = oneEvent(el, 'bk-error') as Promise<BkErrorEvent>;
    document.body.append(el);
    po = new CalendarObject(el);
    expect((await error).reason).to.equal('no-endpoint');
    expect(po.notice).to.equal('Er staat nu niets in de agenda.');
  });

  it('skips invalid inline items with a warning and shows the rest', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => void warnings.push(m);
    try {
      po = await makeCalendar({
        items: [
          { id: 'x', title: 'Kapot', start: 'morgen' },
          { id: 'ok', title: 'Buurtsoep', start: '2026-04-01T12:00' },
        ],
      });
    } finally {
      console.warn = warn;
    }
    await expect(po.el).to.be.accessible();
    expect(po.events).to.deep.equal(['Vanaf 12.00 uur|Buurtsoep']);
    expect(warnings.some((w) => w.includes('skipped') && w.includes('morgen'))).to.equal(true);
  });
});

describe('<activity-calendar> detail', () => {
  it('opens a dialog with everything about the activity, and closes back to the list', async () => {
    po = await makeCalendar();
    const selected = oneEvent(po.el, 'bk-select') as Promise<BkSelectEvent>;
    const dialog = await po.openEvent('Samen koken');
    const event = await selected;
    expect(event.item.id).to.equal('koken');
    expect(event.occurrence.recurrenceId).to.equal('2026-03-31T17:00:00');
    await expect(po.el).to.be.accessible();
    expect(dialog.open).to.equal(true);
    // Focus starts on the title (a screen reader hears which activity opened), not on a control.
    expect(po.root.activeElement?.id).to.equal('detail-title');
    const text = po.detail;
    for (const part of [
      'Gaat niet door: De keuken wordt geverfd',
      'dinsdag 31 maart, 17.00 tot 20.00 uur',
      'Keuken, De Linde',
      'Eigen bijdrage € 3',
      'De rest betalen we uit het buurtbudget.',
      'iedereen',
      'rolstoeltoegankelijk, ringleiding',
      'Fatima en Henk',
      'budgetcoach',
      'Nieuw? Je bent welkom. Vraag naar Fatima.',
      'Er is plek voor 12 mensen.',
      'Zet in je agenda',
    ]) {
      expect(text, part).to.contain(part);
    }
    expect(po.$('.description')!.textContent).to.contain('\n');
    po.$<HTMLButtonElement>('[part~="close"]')!.click();
    await waitFor(() => !dialog.open);
    await waitFor(() => po!.root.activeElement?.closest('[part~="event"]') === po!.eventRow('Samen koken'), { message: 'focus back' });
  });

  it('offers an .ics download that parses back, and a Google Calendar link', async () => {
    po = await makeCalendar();
    await po.openEvent('Creatief bezig');
    await expect(po.el).to.be.accessible();
    const link = po.$<HTMLAnchorElement>('[part~="ics-link"]')!;
    expect(link.download).to.equal('creatief-bezig-2026-04-02.ics');
    const ics = await (await fetch(link.href)).text();
    const calendar = parseIcs(ics);
    expect(calendar.events).to.have.length(1);
    const [event] = calendar.events;
    expect(event!.summary).to.equal('Creatief bezig');
    expect(event!.timeZone).to.equal('Europe/Amsterdam');
    expect(event!.start).to.equal('2026-04-02T14:00:00');
    const google = new URL(po.$<HTMLAnchorElement>('.google-link')!.href);
    expect(google.hostname).to.equal('calendar.google.com');
    expect(google.searchParams.get('dates')).to.equal('20260402T140000/20260402T160000');
    expect(google.searchParams.get('ctz')).to.equal('Europe/Amsterdam');
    expect(po.detail).to.contain('Gratis');
    expect(po.detail).to.contain('Aanmelden hoeft niet. Kom gewoon langs.');
    // No feed known for inline data: no subscribe link.
    expect(po.$('[part~="subscribe"]')).to.equal(null);
  });

  it('stays closed when the page handles bk-select itself', async () => {
    po = await makeCalendar();
    const selected: Event[] = [];
    po.el.addEventListener(
      'bk-select',
      (e) => {
        e.preventDefault();
        selected.push(e);
      },
      { once: true },
    );
    po.eventRow('Creatief bezig').querySelector('button')!.click();
    expect(selected.map((e) => e.defaultPrevented)).to.deep.equal([true]);
    // `updateComplete` also waits for every part the calendar is loading, the detail among them.
    await po.el.updateComplete;
    expect(po.dialog.open).to.equal(false);
  });
});

describe('<activity-calendar> filters', () => {
  it('filters by audience and category with native controls', async () => {
    po = await makeCalendar();
    await expect(po.el).to.be.accessible();
    // Behind "Kies wat je wilt zien", a disclosure button.
    const toggle = po.$<HTMLButtonElement>('[part~="filters-toggle"]')!;
    expect(toggle.textContent!.trim()).to.equal('Kies wat je wilt zien');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(po.$('#filter-panel')!.hidden).to.equal(true);
    await po.openFilters();
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(po.$('#filter-panel')!.hidden).to.equal(false);
    await expect(po.el).to.be.accessible();
    const labels = po.$$('[part~="filters"] label.check').map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['senioren', 'kinderen', 'ouders', 'familie en vrienden', 'mensen met een beperking']);
    const naasten = po.$$<HTMLInputElement>('[part~="filters"] input').find((i) => i.parentElement!.textContent!.includes('familie'))!;
    naasten.click();
    await po.el.updateComplete;
    // "Voor iedereen" stays; creatief (senioren) goes.
    expect(po.events.map((e) => e.split('|')[1])).to.deep.equal(['Samen koken', 'Huiskamergesprek', 'Huiskamerproject']);
    expect(po.status).to.equal('3 activiteiten');
    expect(po.el.matches(':state(filtered)')).to.equal(true);
    await expect(po.el).to.be.accessible();
    po.$<HTMLButtonElement>('.show-all')!.click();
    await po.el.updateComplete;
    expect(po.events).to.have.length(4);
    const select = po.$<HTMLSelectElement>('#category')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Alles',
      'Creatief',
      'Eten en drinken',
      'Feest',
      'Ontmoeten',
    ]);
    select.value = 'creatief';
    select.dispatchEvent(new Event('change'));
    await po.el.updateComplete;
    expect(po.events).to.deep.equal(['14.00 tot 16.00 uur|Creatief bezig']);
    // Opening hours are never filtered away.
    expect(po.$$('[part~="hours"]').length).to.be.greaterThan(0);
    // Closing the panel keeps the choice; opening it again shows it.
    await po.openFilters();
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(po.events).to.deep.equal(['14.00 tot 16.00 uur|Creatief bezig']);
    // The closed button says a choice is on.
    expect(toggle.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Kies wat je wilt zien (1 gekozen)');
    await po.openFilters();
    expect(po.$<HTMLSelectElement>('#category')!.value).to.equal('creatief');
  });

  it('says so when nothing matches', async () => {
    po = await makeCalendar();
    await po.openFilters();
    const select = po.$<HTMLSelectElement>('#category')!;
    select.value = 'feest';
    select.dispatchEvent(new Event('change'));
    await po.el.updateComplete;
    await expect(po.el).to.be.accessible();
    expect(po.notice).to.equal('Er is niets voor deze keuze. Kies iets anders of toon alles.');
  });

  it('can hide the filters', async () => {
    po = await makeCalendar({ attrs: { 'hide-filters': '' } });
    await expect(po.el).to.be.accessible();
    expect(po.$('[part~="filters"]')).to.equal(null);
    expect(po.$('[part~="filters-toggle"]')).to.equal(null);
  });
});

describe('<activity-calendar> week and day views', () => {
  it('shows a whole Monday week, empty days included', async () => {
    po = await makeCalendar({ attrs: { view: 'week' } });
    await expect(po.el).to.be.accessible();
    expect(po.period).to.equal('Week van 30 maart tot en met 5 april');
    expect(po.dayTitles).to.have.length(7);
    expect(po.dayTitles[0]).to.equal('maandag 30 maart');
    expect(po.text('[part~="day"]:last-of-type')).to.contain('Op deze dag is er niets.');
    po.$<HTMLButtonElement>('.nav .next')!.click();
    await po.el.updateComplete;
    expect(po.period).to.equal('Week van 6 april tot en met 12 april');
  });

  it('shows one day and steps to the next', async () => {
    po = await makeCalendar({ attrs: { view: 'day', date: '2026-04-01' } });
    await expect(po.el).to.be.accessible();
    expect(po.period).to.equal('woensdag 1 april');
    expect(po.events.map((e) => e.split('|')[1])).to.deep.equal(['Huiskamergesprek', 'Huiskamerproject']);
    po.$<HTMLButtonElement>('.nav .next')!.click();
    await po.el.updateComplete;
    expect(po.period).to.equal('donderdag 2 april');
    expect(po.events.map((e) => e.split('|')[1])).to.deep.equal(['Creatief bezig']);
  });
});

describe('<activity-calendar> sources', () => {
  it('reads a public ICS feed, loading the parser only then', async () => {
    po = await makeCalendar({
      items: null,
      attrs: { ics: '/__ics/thunderbird-cancelled-occurrence.ics', weeks: '1' },
      now: Date.parse('2020-01-28T12:00:00Z'),
    });
    await po.ready();
    await expect(po.el).to.be.accessible();
    expect(po.events).to.deep.equal([
      '22.00 tot 23.00 uur|one is cancelled',
      '22.00 tot 23.00 uur|one is cancelled',
      '22.00 tot 23.00 uur|one is cancelled',
    ]);
    expect(po.$$('[part~="event-cancelled"]')).to.have.length(1);
    await po.openEvent('one is cancelled');
    expect(po.$<HTMLAnchorElement>('[part~="subscribe"]')!.href).to.equal(
      `webcal://${location.host}/__ics/thunderbird-cancelled-occurrence.ics`,
    );
  });

  it('warns about what a feed lost, and only notes how it read the rest', async () => {
    const [warn, info] = [console.warn, console.info];
    const warnings: string[] = [];
    const notes: string[] = [];
    console.warn = (m: string) => void warnings.push(m);
    console.info = (m: string) => void notes.push(m);
    try {
      // Google's birthday export: two RDATEs it cannot read (left out), one occurrence without its series (shown anyway).
      po = await makeCalendar({ items: null, attrs: { ics: '/__ics/google-birthday.ics' } });
      await po.ready();
    } finally {
      [console.warn, console.info] = [warn, info];
    }
    const ours = (list: string[]) => list.filter((m) => String(m).startsWith('[buurtkit] <activity-calendar>'));
    expect(ours(warnings)).to.have.length(2);
    expect(ours(warnings).every((w) => /RDATE value .* ignored/.test(w))).to.equal(true);
    expect(ours(notes)).to.have.length(1);
    expect(ours(notes)[0]).to.contain('shown as single events').and.not.contain('skipped');
  });

  it('says quietly that it could not load a missing feed', async () => {
    po = await makeCalendar({ items: null, attrs: { ics: '/__ics/missing.ics' } });
    await po.ready();
    await expect(po.el).to.be.accessible();
    expect(po.el.phase).to.equal('error');
    expect(po.notice).to.equal('Kon de agenda niet laden. Probeer het later nog eens.');
    expect(po.el.matches(':state(failed)')).to.equal(true);
  });

  it('asks the collector for a range, and degrades when the route is not there', async () => {
    po = await makeCalendar({ items: null, attrs: { endpoint: `${location.origin}/__no-collector`, site: 'de-linde' } });
    await po.ready();
    await expect(po.el).to.be.accessible();
    expect(po.notice).to.equal('Kon de agenda niet laden. Probeer het later nog eens.');
  });
});

describe('<activity-calendar> languages', () => {
  it('speaks English', async () => {
    po = await makeCalendar({ lang: 'en' });
    await waitFor(() => po!.text('[part~="heading"]') === "What's on?", { message: 'English' });
    await expect(po.el).to.be.accessible();
    expect(po.dayTitles[0]).to.equal('Today, Tuesday 31 March');
    expect(po.events[0]).to.equal('17:00 to 20:00|Samen koken');
    expect(po.openStatus).to.equal('Closed now. Open today at 10:00.');
  });

  it('speaks Arabic, right to left, with a Monday week on a Dutch site', async () => {
    po = await makeCalendar({ lang: 'ar', attrs: { view: 'month' } });
    await waitFor(() => po!.text('[part~="heading"]') === 'ماذا يحدث هنا؟', { message: 'Arabic' });
    await expect(po.el).to.be.accessible();
    expect(po.$('[part~="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect(po.$$('[role="grid"] th')[0]!.getAttribute('abbr')).to.equal('الاثنين');
    expect(NOW).to.be.a('number');
  });
});
