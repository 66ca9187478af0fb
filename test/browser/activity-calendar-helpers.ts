/**
 * Page object and seed data for the `<activity-calendar>` browser tests (after lion's
 * CalendarObject): tests talk about days, cells and events, not about the shadow DOM.
 */
import { sendKeys } from '@web/test-runner-commands';
import type { ActivityCalendar } from '../../src/widgets/activity-calendar/activity-calendar.js';
import { waitFor } from './helpers.js';

/** De Linde's rhythm: the week of the demo centre. */
export const SEED_ITEMS = [
  {
    id: 'inloop',
    kind: 'opening-hours',
    title: 'Inloop',
    start: '2026-01-05T10:00',
    end: '2026-01-05T12:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    location: 'De Linde',
  },
  {
    id: 'koken',
    title: 'Samen koken',
    description: 'We koken samen en eten samen.\nIedereen helpt een beetje mee.',
    start: '2026-01-06T17:00',
    end: '2026-01-06T20:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    overrides: [{ recurrenceId: '2026-03-31T17:00', status: 'gaat-niet-door', statusReason: 'De keuken wordt geverfd' }],
    category: 'eten-en-drinken',
    audience: ['iedereen'],
    cost: { kind: 'contribution', amount: 300 },
    fundingNote: 'De rest betalen we uit het buurtbudget.',
    accessibility: ['rolstoeltoegankelijk', 'ringleiding'],
    room: 'Keuken',
    location: 'De Linde',
    organiser: 'Fatima en Henk',
    present: [{ role: 'budgetcoach' }],
    newcomers: { contactName: 'Fatima' },
    registration: { kind: 'capacity', capacity: 12 },
  },
  {
    id: 'creatief',
    title: 'Creatief bezig',
    start: '2026-01-08T14:00',
    end: '2026-01-08T16:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TH' },
    category: 'creatief',
    audience: ['senioren', 'mensen-met-een-beperking'],
    cost: { kind: 'free' },
    room: 'Grote zaal',
  },
  {
    id: 'huiskamergesprek',
    title: 'Huiskamergesprek',
    start: '2026-01-07T10:30',
    end: '2026-01-07T11:30',
    recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1WE' },
    category: 'ontmoeten',
    audience: ['iedereen'],
    cost: { kind: 'free' },
  },
  {
    id: 'huiskamerproject',
    title: 'Huiskamerproject',
    start: '2026-01-07T14:00',
    end: '2026-01-07T16:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', pauses: [{ from: '07-13', to: '08-23', label: 'zomerstop' }] },
    category: 'ontmoeten',
    audience: ['naasten'],
    hostOrganisation: 'Stichting Naasten',
  },
  {
    id: 'halloween',
    title: 'Halloweenfeest',
    start: '2025-10-31T15:00',
    end: '2025-10-31T18:00',
    recurrence: { rrule: 'FREQ=YEARLY' },
    category: 'feest',
    audience: ['kinderen', 'ouders'],
    registration: { kind: 'link', url: 'https://example.org/aanmelden' },
  },
];

/** Tuesday 31 March 2026, 9.00 in Amsterdam (summer time since Sunday). */
export const NOW = Date.parse('2026-03-31T09:00:00+02:00');

export interface MakeOptions {
  attrs?: Record<string, string>;
  items?: unknown;
  now?: number;
  lang?: string;
}

/** A calendar with inline JSON; `items: null` leaves the source to the `ics` or `endpoint` attribute. */
export async function makeCalendar({ attrs = {}, items = SEED_ITEMS, now = NOW, lang }: MakeOptions = {}): Promise<CalendarObject> {
  const el = document.createElement('activity-calendar');
  el.now = now;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (lang) el.setAttribute('lang', lang);
  if (items !== null) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(items);
    el.append(script);
  }
  document.body.append(el);
  await el.updateComplete;
  return new CalendarObject(el);
}

export class CalendarObject {
  constructor(readonly el: ActivityCalendar) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<E extends Element = HTMLElement>(selector: string): E | null {
    return this.root.querySelector<E>(selector);
  }

  $$<E extends Element = HTMLElement>(selector: string): E[] {
    return [...this.root.querySelectorAll<E>(selector)];
  }

  text(selector: string): string {
    return this.$(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  async ready(): Promise<void> {
    await waitFor(() => this.el.phase !== 'loading', { message: 'calendar loaded' });
    await this.el.updateComplete;
  }

  get openStatus(): string {
    return this.text('[part~="open-status"]');
  }

  get notice(): string {
    return this.text('[part~="notice"]');
  }

  get status(): string {
    return this.text('[part~="status"]');
  }

  get period(): string {
    return this.text('[part~="period"]');
  }

  /** Opens "Kies wat je wilt zien"; the filters' part loads then. */
  async openFilters(): Promise<void> {
    const toggle = this.$<HTMLButtonElement>('[part~="filters-toggle"]')!;
    toggle.click();
    await this.el.updateComplete;
  }

  async setView(name: string): Promise<void> {
    const button = this.$$<HTMLButtonElement>('[part~="views"] button').find((b) => b.textContent!.trim() === name);
    if (!button) throw new Error(`no view button ${name}`);
    button.click();
    await this.el.updateComplete;
  }

  get dayTitles(): string[] {
    return this.$$('.day-title').map((h) => h.textContent!.trim());
  }

  /** Event rows, as `time|title`. */
  get events(): string[] {
    return this.$$('[part~="event"]').map(
      (li) => `${li.querySelector('.event-time')!.textContent!.trim()}|${li.querySelector('.event-title')!.textContent!.trim()}`,
    );
  }

  eventRow(title: string, nth = 0): HTMLElement {
    const row = this.$$('[part~="event"]').filter((li) => li.querySelector('.event-title')!.textContent!.trim() === title)[nth];
    if (!row) throw new Error(`no event ${title}`);
    return row;
  }

  async openEvent(title: string, nth = 0): Promise<HTMLDialogElement> {
    this.eventRow(title, nth).querySelector<HTMLButtonElement>('button')!.click();
    await waitFor(() => this.dialog.open, { message: 'detail open' });
    await this.el.updateComplete;
    return this.dialog;
  }

  get dialog(): HTMLDialogElement {
    return this.$<HTMLDialogElement>('dialog')!;
  }

  get detail(): string {
    return this.dialog.textContent!.replace(/\s+/g, ' ').trim();
  }

  // Month grid

  get grid(): HTMLTableElement | null {
    return this.$<HTMLTableElement>('[role="grid"]');
  }

  get cells(): HTMLElement[] {
    return this.$$('[role="gridcell"]');
  }

  cell(date: string): HTMLElement {
    const c = this.$(`[role="gridcell"][data-date="${date}"]`);
    if (!c) throw new Error(`no cell ${date}`);
    return c;
  }

  /** The one cell in the tab order (roving tabindex). */
  get tabbableCell(): string | undefined {
    return this.cells.find((c) => c.tabIndex === 0)?.dataset['date'];
  }

  get focusedDate(): string | undefined {
    return (this.root.activeElement as HTMLElement | null)?.dataset['date'];
  }

  /** A real key press on whatever has focus. */
  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await this.el.updateComplete;
    await this.el.updateComplete;
  }
}
