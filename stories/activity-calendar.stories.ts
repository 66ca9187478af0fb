import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { expect, waitFor } from 'storybook/test';
import '../src/define/activity-calendar.js';
import '../src/widgets/activity-calendar/locales/ar.js';
import { writeIcsFeed } from '../src/activities/ics-write.js';
import { expand } from '../src/activities/recurrence.js';
import { buildEnvelope } from '../src/core/envelope.js';
import type { ActivityCalendar, CalendarItem } from '../src/widgets/activity-calendar/activity-calendar.js';

/**
 * De Linde's rhythm, from the seeds: inloop on weekday mornings (opening hours, shown apart),
 * samen koken on Tuesdays, creatief bezig on Thursdays, the monthly huiskamergesprek on the first
 * Wednesday, the huiskamerproject on Wednesday afternoons with a summer break, a yearly Halloween
 * party, and one cancelled session. Given as inline JSON, the way a site without a server does it.
 */
const SEED: CalendarItem[] = [
  {
    id: 'inloop',
    kind: 'opening-hours',
    title: 'Inloop',
    description: 'Binnenlopen voor een kop koffie, een praatje of hulp bij een vraag.',
    start: '2026-01-05T10:00',
    end: '2026-01-05T12:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', pauses: [{ from: '12-24', to: '01-01', label: 'kerstvakantie' }] },
    location: 'De Linde',
  },
  {
    id: 'samen-koken',
    title: 'Samen koken',
    description: 'We koken samen en eten samen. Iedereen helpt een beetje mee.',
    start: '2026-01-06T17:00',
    end: '2026-01-06T20:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' },
    overrides: [{ recurrenceId: '2026-03-31T17:00', status: 'gaat-niet-door', statusReason: 'De keuken wordt geverfd' }],
    category: 'eten-en-drinken',
    audience: ['iedereen'],
    cost: { kind: 'contribution', amount: 300, currency: 'EUR' },
    fundingNote: 'De rest betalen we uit het buurtbudget.',
    accessibility: ['rolstoeltoegankelijk', 'ringleiding'],
    room: 'Keuken',
    location: 'De Linde',
    organiser: 'Fatima en Henk',
    present: [{ role: 'budgetcoach', name: undefined }],
    newcomers: { contactName: 'Fatima' },
    registration: { kind: 'capacity', capacity: 12 },
  },
  {
    id: 'creatief-bezig',
    title: 'Creatief bezig',
    description: 'Tekenen, haken, kleien: wat je maar wilt. Er is geen vast programma.',
    start: '2026-01-08T14:00',
    end: '2026-01-08T16:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TH' },
    category: 'creatief',
    audience: ['senioren', 'mensen-met-een-beperking'],
    cost: { kind: 'free' },
    accessibility: ['drempelvrij', 'prikkelarm'],
    room: 'Grote zaal',
  },
  {
    id: 'huiskamergesprek',
    title: 'Huiskamergesprek',
    description: 'Elke maand praten we over de buurt en over jullie ideeën.',
    start: '2026-01-07T10:30',
    end: '2026-01-07T11:30',
    recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1WE' },
    category: 'ontmoeten',
    audience: ['iedereen'],
    cost: { kind: 'free' },
    present: [
      { role: 'wijkagent', name: undefined },
      { role: 'buurtwerker', name: 'Jan Willem' },
    ],
  },
  {
    id: 'huiskamerproject',
    title: 'Huiskamerproject',
    start: '2026-01-07T14:00',
    end: '2026-01-07T16:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', pauses: [{ from: '07-13', to: '08-23', label: 'zomerstop' }] },
    category: 'ontmoeten',
    audience: ['naasten'],
    organiser: 'Jan Willem',
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
    cost: { kind: 'amount', amount: 250, currency: 'EUR' },
    fundingNote: 'Met steun van het wijkfonds.',
    registration: { kind: 'link', url: 'https://example.org/halloween' },
  },
];

/** Tuesday 31 March 2026, the week of the cancelled cooking session (and the first summer-time week). */
const CANCELLED_WEEK = Date.parse('2026-03-31T09:00:00+02:00');

/** The seed as a real ICS feed (written by buurtkit, read back by the widget's lazy parser). */
const icsUrl = URL.createObjectURL(new Blob([writeIcsFeed(SEED, { calendarName: 'De Linde' })], { type: 'text/calendar' }));

interface Args {
  view: 'list' | 'week' | 'month' | 'day';
  endpoint?: string;
  site?: string;
  lang: string;
  weeks: number;
  'hide-filters': boolean;
  ics?: string;
  items?: CalendarItem[];
  now?: number;
}

/** Inline JSON in a `<script type="application/json">` child (`<` escaped, so no `</script>` ends it). */
const inline = (items: CalendarItem[]) =>
  unsafeHTML(`<script type="application/json">${JSON.stringify(items).replace(/</g, '\\u003c')}</script>`);

const meta: Meta<Args> = {
  title: 'Widgets/activity-calendar',
  component: 'activity-calendar',
  args: { view: 'list', lang: 'nl', weeks: 1, 'hide-filters': false, items: SEED },
  argTypes: {
    view: { control: 'inline-radio', options: ['list', 'week', 'month', 'day'] },
    lang: { control: 'inline-radio', options: ['nl', 'en', 'ar'] },
    items: { control: false },
    now: { control: false },
  },
  render: (args) => html`<activity-calendar
    view=${args.view}
    lang=${args.lang}
    weeks=${args.weeks}
    ?hide-filters=${args['hide-filters']}
    ics=${args.ics ?? ''}
    endpoint=${args.endpoint ?? ''}
    site=${args.site ?? ''}
    .now=${args.now}
    >${args.items ? inline(args.items) : ''}</activity-calendar
  >`,
};
export default meta;
type Story = StoryObj<Args>;

function shadowOf(canvas: HTMLElement): ShadowRoot {
  const el = canvas.querySelector<ActivityCalendar>('activity-calendar');
  if (!el?.shadowRoot) throw new Error('activity-calendar did not render');
  return el.shadowRoot;
}

/** The default: the coming days, mobile first, with "open now" and the opening hours apart. */
export const List: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="day"]')).not.toBeNull());
  },
};

/** A Monday week, every day shown; the week the print flyer uses. */
export const Week: Story = { args: { view: 'week' } };

/** The month grid: arrow keys, Home/End, PageUp/PageDown; Enter opens the day. */
export const Month: Story = { args: { view: 'month' } };

/** One day. */
export const Day: Story = { args: { view: 'day' } };

/** Nothing planned yet. */
export const Empty: Story = { args: { items: [] } };

/** The feed could not be loaded: a quiet message, no broken page. */
export const LoadError: Story = {
  args: { items: undefined, ics: '/__story/unavailable' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="notice"]')?.textContent).toMatch(/niet laden/));
  },
};

/** A cancelled session stays visible, struck through, with the reason. */
export const Cancelled: Story = {
  args: { now: CANCELLED_WEEK },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="event-cancelled"]')?.textContent).toMatch(/geverfd/));
  },
};

/** A public ICS feed as the source (the parser is a separate chunk, loaded only now). */
export const IcsSource: Story = { args: { items: undefined, ics: icsUrl, weeks: 2 } };

/** English texts and times. */
export const English: Story = { args: { lang: 'en' } };

/** Arabic, right to left; weeks still start on Monday on a Dutch centre's page. */
export const Arabic: Story = {
  args: { lang: 'ar', view: 'month' },
  render: (args, context) => html`<div dir="rtl" lang="ar">${meta.render!({ ...args }, context)}</div>`,
};

/**
 * The printed flyer: print this page (Ctrl+P) to see the A4 version — buttons, filters and the
 * dialog drop away, days go in two columns, the month grid lists every activity. Shown here at
 * A4 width with the week of the cancelled session.
 */
export const PrintPreview: Story = {
  args: { view: 'week', now: CANCELLED_WEEK, 'hide-filters': true },
  render: (args, context) => html`<div style="inline-size:210mm;padding:15mm;border:1px solid #ccc;background:#fff">
    ${meta.render!(args, context)}
  </div>`,
};

/** Waiting for a slow feed: a quiet "being loaded" line (the server answers after a minute). */
export const Loading: Story = {
  args: { items: undefined, ics: '/__story/slow' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="notice"]')?.getAttribute('aria-busy')).toBe('true'));
  },
};

/**
 * The programme from the real collector behind `/collector` (`npm run storybook`), the demo centre
 * De Linde: open "Samen koken" for places left and the "ik kom" button with a count. Saying "ik
 * kom" here really counts (the story database is thrown away when Storybook stops).
 */
export const IkKom: Story = {
  args: { items: undefined, endpoint: '/collector', site: 'de-linde', weeks: 2 },
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement);
    const cooking = await waitFor(() => {
      const button = [...root.querySelectorAll<HTMLButtonElement>('[part~="event-button"]')].find((b) =>
        b.textContent?.includes('Samen koken'),
      );
      expect(button).toBeTruthy();
      return button!;
    });
    cooking.click();
    await waitFor(() => expect(root.querySelector('[part~="places"]')?.textContent).toMatch(/plek|Vol/));
  },
};

/** The next "Samen koken" at the story collector, filled up first by other visitors. */
async function fillNextCooking(): Promise<void> {
  const base = '/collector/v1/sites/de-linde';
  const res = await fetch(`${base}/activities`, { cache: 'no-store' }).catch(() => undefined);
  if (!res?.ok) return; // a static Storybook build has no collector
  const { items, remaining } = (await res.json()) as { items: CalendarItem[]; remaining: Record<string, Record<string, number>> };
  const cooking = items.find((i) => i.id === 'samen-koken');
  if (cooking?.registration?.kind !== 'capacity') return;
  const next = expand(cooking, Date.now(), Date.now() + 14 * 86_400_000).find((o) => o.status === 'gaat-door');
  if (!next) return;
  let left = remaining[cooking.id]?.[next.recurrenceId] ?? cooking.registration.capacity;
  while (left > 0) {
    const places = Math.min(10, left);
    await fetch(`${base}/activities/${encodeURIComponent(cooking.id)}/attendance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        buildEnvelope({
          site: 'de-linde',
          widget: 'activity-calendar',
          locale: 'nl',
          data: { kind: 'attendance', activityId: cooking.id, occurrence: next.recurrenceId, places },
          trap: { honeypot: '', elapsedMs: 5000 },
        }),
      ),
    });
    left -= places;
  }
}

/** "Vol": every place of the next "Samen koken" is taken, so there is no button, only the message. */
export const IkKomFull: Story = {
  args: { items: undefined, endpoint: '/collector', site: 'de-linde', weeks: 2 },
  loaders: [fillNextCooking],
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement);
    const cooking = await waitFor(() => {
      const button = root.querySelector<HTMLButtonElement>('[part~="event"]:not([part~="event-cancelled"]) [part~="event-button"]');
      expect(button?.textContent).toMatch(/Samen koken|Inloop|Creatief|Huiskamer/);
      return [...root.querySelectorAll<HTMLButtonElement>('[part~="event-button"]')].find((b) => b.textContent?.includes('Samen koken'))!;
    });
    cooking.click();
    await waitFor(() => expect(root.querySelector('[part~="places"]')?.textContent).toBe('Vol. Er is geen plek meer.'));
  },
};

/** The month as an A4 poster: every activity written in its day, no buttons. Print to see it. */
export const PrintMonth: Story = {
  args: { view: 'month', now: CANCELLED_WEEK, 'hide-filters': true },
  render: (args, context) => html`<div style="inline-size:210mm;padding:15mm;border:1px solid #ccc;background:#fff">
    ${meta.render!(args, context)}
  </div>`,
};
