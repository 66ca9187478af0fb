import { html, nothing, type CSSResult, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BuurtkitWidget } from '../../core/buurtkit-widget.js';
import { canRead, type ResolvedEndpoint } from '../../core/endpoint.js';
import { sendLeftovers } from '../../core/leftovers.js';
import { Loader } from '../../core/load.js';
import { nextTask } from '../../core/next-task.js';
import { Steps, warmDates } from '../../core/warm-dates.js';
import { zoneFormatter } from '../../calendar/zone-offset.js';
import { LocalizeController } from '../../core/localize.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import { baseStyles, tokens, widgetLayout } from '../../core/styles.js';
import type { LocalDate } from '../../calendar/wall-clock.js';
import type { Occurrence } from '../../schema/activity.js';
import { activityCalendarStyles } from './activity-calendar.styles.js';
import type { CalendarFilter, Filterable } from './filters.js';
import { renderOpenStatus } from './controls.js';
import {
  addDays,
  addMonths,
  dayAt,
  dayKey,
  DEFAULT_ZONE,
  isValidTimeZone,
  MAX_RANGE_DAYS,
  occurrenceWalls,
  parseDay,
  wallsTouch,
} from '../../activities/days.js';
import { loadEngine, loadedEngine, type Engine } from '../../activities/engine.js';
import { formatsFor, type Formats } from '../../core/formats.js';
import type { CalendarItem, ReadResult } from '../../activities/items.js';
import { openState } from './open-now.js';
import { collectorFeedUrl, loadCollector, loadIcs } from '../../activities/sources.js';
import { nl, type ActivityCalendarStrings } from './strings.js';
import { renderDay, sameDay, type ViewContext } from './views.js';

export { registerLocale } from '../../core/localize.js';
export type { CalendarItem } from '../../activities/items.js';

/**
 * Parts in chunks of their own, which most visitors never need: the week, day and month views
 * (`periods.ts`), the detail with the ICS writer and "ik kom" (`detail.ts`), and the filters
 * (`filter-panel.ts`). Each brings its Dutch texts and its styles.
 */
const PARTS = {
  periods: () => import('./periods.js'),
  detail: () => import('./detail.js'),
  filters: () => import('./filter-panel.js'),
};
type Parts = { [K in keyof typeof PARTS]: Awaited<ReturnType<(typeof PARTS)[K]>> };
type DetailView = InstanceType<Parts['detail']['DetailController']>;

/**
 * Occurrences the list renders in one task: a week of a busy centre rendered at once blocked a slow
 * phone for 60–100 ms; the first days show at once and the rest follow in the next tasks.
 */
const LIST_SLICE = 6;

/** Two days, more than any zone's distance from UTC: `near` may keep too much, never too little. */
const NEAR_MS = 2 * 86_400_000;

/**
 * Can an occurrence touch the days `[from, to)` in any zone? Compared as instants, without the
 * wall-clock times (`touches`), which cost a slow phone 15 ms for the collector's months of
 * occurrences on every new programme.
 */
function near(o: Occurrence, from: LocalDate, to: LocalDate): boolean {
  const start = Date.parse(o.start);
  const end = o.end ? Date.parse(o.end) : start;
  return !(start >= Date.UTC(to.year, to.month - 1, to.day) + NEAR_MS || end < Date.UTC(from.year, from.month - 1, from.day) - NEAR_MS);
}

/** Tells the page's developer what could not load, and why. */
const warn = (what: string, e: unknown) => console.warn(`[buurtkit] <activity-calendar> could not load ${what}: ${(e as Error).message}`);

export type CalendarView = 'list' | 'week' | 'month' | 'day';
const VIEWS: readonly CalendarView[] = ['list', 'week', 'month', 'day'];
export type CalendarPhase = 'loading' | 'ready' | 'error';

/** An occurrence was opened. Cancelable: `preventDefault()` keeps the widget's own detail closed. */
export class BkSelectEvent extends Event {
  constructor(
    readonly occurrence: Occurrence,
    readonly item: CalendarItem,
  ) {
    super('bk-select', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-select': BkSelectEvent;
  }
}

/**
 * @tagname activity-calendar
 * @summary What's on at a walk-in centre: the coming days, a week, a month grid or a day, with
 * opening hours apart, filters, cancelled sessions struck through, and "zet in je agenda".
 *
 * @event bk-select - An occurrence was opened; cancelable (`preventDefault()` keeps the detail closed). `event.occurrence`, `event.item`.
 * @event bk-error - `event.reason` `no-endpoint`: no inline data, no `ics` and no endpoint; for "ik kom",
 *   `rejected` or `invalid` (`event.detail.status` 409: full, 410: cancelled or over) and `storage`.
 * @event bk-submit - "Ik kom" is about to be sent; cancelable. `event.envelope`.
 * @event bk-sent - The collector counted an "ik kom". `event.id`, `event.envelope`.
 * @event bk-queued - "Ik kom" was kept in the outbox (offline) and is sent later. `event.id`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart open-status - "Nu open, vandaag tot 12.00 uur."
 * @csspart views - The view switcher.
 * @csspart filters - The filters: "Kies wat je wilt zien" and, once opened, the choices.
 * @csspart filters-toggle - "Kies wat je wilt zien", which opens and closes the filters (also `button`).
 * @csspart nav - Previous/next and today buttons.
 * @csspart period - The title of the period shown.
 * @csspart day - One day in the list, week and day views.
 * @csspart hours - The opening hours of a day.
 * @csspart list - The activities of a day.
 * @csspart event - One activity occurrence; `event-cancelled` when it does not take place.
 * @csspart event-button - The button that opens the detail.
 * @csspart cancelled - "Gaat niet door: …".
 * @csspart grid - The month grid.
 * @csspart cell - A day in the month grid.
 * @csspart detail - The detail dialog.
 * @csspart newcomers - "Nieuw? Je bent welkom."
 * @csspart add - "Zet in je agenda".
 * @csspart link - Links in the detail (also `ics-link`, `subscribe`).
 * @csspart ics-link - "Zet in je agenda": this activity as an .ics file.
 * @csspart subscribe - "Zet deze agenda in je telefoon": the site's calendar feed.
 * @csspart close - The detail's close button (also `button`).
 * @csspart attendance - The "ik kom" block of an activity with a capacity (collector mode only).
 * @csspart places - "Nog 3 plekken vrij."
 * @csspart select - How many people come.
 * @csspart attend - The "ik kom" button (also `button`).
 * @csspart attend-status - What became of this browser's "ik kom": "Je komt", bewaard, vol.
 * @csspart button - Every button.
 * @csspart notice - Loading, error and empty messages.
 * @csspart status - The live status line.
 *
 * @cssproperty --bk-color-accent - Buttons, today and focus accents. Default `#0a5c7a`.
 * @cssproperty --bk-color-text - Text colour. Default: inherited from the page.
 * @cssproperty --bk-color-surface-text - Text on the widget's own cards and panels. Default `#1a1a1a` (dark set `#f2f2f2`).
 * @cssproperty --bk-min-font-size - The smallest text size, whatever the page sets. Default `16px`.
 * @cssproperty --bk-color-muted - Times and hints. Default `#4a4a4a`.
 * @cssproperty --bk-color-border - Borders and grid lines. Default `#6b6b6b`.
 * @cssproperty --bk-color-surface - Panels and the dialog. Default `#fff`.
 * @cssproperty --bk-color-surface-alt - Days outside the month, opening hours. Default `#f3f5f6`.
 * @cssproperty --bk-color-danger - Cancelled sessions. Default `#a4161a`.
 * @cssproperty --bk-radius - Corner radius. Default `0.5em`.
 * @cssproperty --bk-space - Base spacing. Default `1em`.
 * @cssproperty --bk-focus-ring - Focus outline. Default `3px solid #1a56db`.
 * @cssproperty --bk-touch-target - Minimum size of controls. Default `44px`.
 * @cssproperty --bk-activity-calendar-accent - Accent of this widget only; defaults to `--bk-color-accent`.
 * @cssproperty --bk-activity-calendar-max-width - Maximum width. Default `60em`.
 *
 * @cssstate loading - Items are being fetched.
 * @cssstate failed - The source could not be loaded.
 * @cssstate filtered - A filter is on.
 */
export class ActivityCalendar extends BuurtkitWidget {
  static override styles = [tokens, baseStyles, widgetLayout, activityCalendarStyles];

  static override properties: PropertyDeclarations = {
    view: { reflect: true },
    ics: {},
    timeZone: { attribute: 'time-zone' },
    weeks: { type: Number },
    date: {},
    heading: {},
    hideFilters: { type: Boolean, attribute: 'hide-filters' },
    items: { attribute: false },
    now: { attribute: false },
    phase: { state: true, attribute: false },
    focusDate: { state: true, attribute: false },
    filter: { state: true, attribute: false },
    filtersOpen: { state: true, attribute: false },
  };

  /** `list` (the coming days, default), `week`, `month` or `day`. */
  declare view: CalendarView;
  /** A public ICS feed URL (Google, Nextcloud …); its parser loads only when this is set. */
  declare ics: string | undefined;
  /** The site's IANA time zone; times are shown in it. Default `Europe/Amsterdam`. */
  declare timeZone: string | undefined;
  /** How many weeks the `list` view shows. Default 1. */
  declare weeks: number;
  /** The date to show first (`YYYY-MM-DD`); default today. */
  declare date: string | undefined;
  /** Replaces the heading text. */
  declare heading: string | undefined;
  /** Hide the audience and category filters. */
  declare hideFilters: boolean;
  /** The items, as a property (replaces every other source). */
  declare items: CalendarItem[] | undefined;
  /** Advanced: the current time (tests, print previews). Default: the clock. */
  declare now: Date | number | undefined;
  declare phase: CalendarPhase;
  declare protected focusDate: LocalDate | undefined;
  /** The filter chosen in the filters' part; undefined: everything is shown. */
  declare protected filter: CalendarFilter | undefined;
  declare protected filtersOpen: boolean;

  /** @internal */
  readonly l = new LocalizeController<ActivityCalendarStrings>(
    this,
    'activity-calendar',
    { nl },
    {
      en: () => import('./locales/en.js').then((m) => m.en),
      ar: () => import('./locales/ar.js').then((m) => m.ar),
    },
  );
  private loaded: CalendarItem[] = [];
  private sourceKey = '';
  /** The programme's remote source now (feed or collector window), read by `programme` when `key` changes. */
  private source: { key: string; load: (signal: AbortSignal) => Promise<ReadResult>; collector: boolean; keep: boolean } | undefined;
  /**
   * The programme from an ICS feed or the collector: read with backoff while it cannot be loaded,
   * with "try again now" next to the error.
   */
  private readonly programme = new Loader<ReadResult, readonly [string]>(this, {
    args: () => (this.source ? ([this.source.key] as const) : undefined),
    // Shown with dates, times and prices: their formats are made first (see `formatsReady`).
    task: (_args, signal) => this.withFormats(this.source!.load(signal)),
    onValue: (result) => {
      if (this.statusTone === 'error') this.status = ''; // an earlier "could not load" is over
      this.fromCollector = this.source!.collector;
      this.settle(result);
    },
    onError: (e) => {
      if (this.programme.failures === 1) warn('its items', e); // once, not at every retry
      if (!this.source!.keep) {
        this.loaded = [];
        this.phase = 'error';
      } else if (this.fromCollector) {
        // Another period of the collector's programme: what is shown stays, the status says so.
        // and that period says it could not be loaded instead of looking empty.
        this.status = this.l.t('loadFailed');
        this.statusTone = 'error';
        this.windowFailed = true;
        this.requestUpdate();
      }
    },
    endpoint: () => (this.source?.collector ? this.resolvedEndpoint : undefined),
  });
  private status = '';
  private statusTone: StatusTone = 'info';
  private expandCache = new Map<string, Occurrence[]>();
  /** Wall-clock start and end of occurrences in `wallZone` (see `touches`). */
  private walls = new WeakMap<Occurrence, [string, string]>();
  private wallZone = '';
  private clock: ReturnType<typeof setInterval> | undefined;
  /** The detail, once its chunk loaded (see `openDetail`). */
  private detail: DetailView | undefined;
  /** Parts (see `PARTS`) that loaded, or `false` when loading failed; and the loads under way. */
  private parts: { -readonly [K in keyof Parts]?: Parts[K] | false } = {};
  private partLoads: { [K in keyof Parts]?: Promise<unknown> } = {};
  /** Chunks the current state waits for; `updateComplete` waits for them too. */
  private pending = new Set<Promise<unknown>>();
  /** "Ik kom" places left, as the collector last said: item id → recurrenceId → places. */
  private places: Record<string, Record<string, number>> = {};
  /** The items shown came from the collector (which counts "ik kom" places). */
  private fromCollector = false;
  /** The collector's expanded occurrences and their dates; absent: expanded here (engine chunk). */
  private served: ReadResult['expanded'];
  /** The collector's window starts a month before this day (today, or the period the visitor went to). */
  private windowAround: LocalDate | undefined;
  /** The collector could not give the window around the period shown (refused or unreachable). */
  private windowFailed = false;
  /** New programme or filter: the list starts again with its first slice (see `listSliced`). */
  private listRun = 0;
  /** Counts `settle` calls: a slower expansion in steps gives way to newer items. */
  private settleRun = 0;
  /** How many occurrences the list `key` shows now; `task`: the next slice is scheduled. */
  private listSlice = { key: '', budget: 0, task: false };
  /** The formats the activities' render needs, made ahead of it (see `formatsReady`). */
  private formatSteps: Steps | undefined;

  constructor() {
    super();
    this.view = 'list';
    this.weeks = 1;
    this.hideFilters = false;
    this.phase = 'loading';
    this.filtersOpen = false;
  }

  private get inlineScript(): HTMLScriptElement | null {
    return this.querySelector(':scope > script[type="application/json"]');
  }

  /** Inline data and ICS feeds need no collector, so there is no "not connected" warning for them. */
  protected override get unconfigured(): boolean {
    return !this.items && !this.ics && !this.inlineScript && super.unconfigured;
  }

  get zone(): string {
    return this.timeZone && isValidTimeZone(this.timeZone) ? this.timeZone : DEFAULT_ZONE;
  }

  private get nowMs(): number {
    return this.now === undefined ? Date.now() : +this.now;
  }

  /** Today on the site's wall clock. */
  get today(): LocalDate {
    return dayAt(this.nowMs, this.zone);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An "ik kom" an earlier page stored offline is sent from here too, without opening a detail.
    sendLeftovers();
    // "Nu open" and "vandaag" follow the clock while the page stays open.
    this.clock = setInterval(() => this.now === undefined && this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.sourceKey = '';
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = this.hasUpdated ? undefined : this.l.ready();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Also waits for the chunks the shown state needs (the recurrence engine, the period views). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.pending.size) {
      await Promise.allSettled(this.pending);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** Keeps `updateComplete` waiting for a chunk. */
  private track<T>(load: Promise<T>): Promise<T> {
    this.pending.add(load);
    const done = () => this.pending.delete(load);
    load.then(done, done);
    return load;
  }

  protected override firstUpdated(): void {
    super.firstUpdated(); // the "not connected" warning and `bk-error` `no-endpoint`
    // After the first render, fetch the parts (other views, detail, filters), so they also work
    // offline later; failures are shown when the part is really asked for. One part per task:
    // adding the preload links of all three in one task blocked a slow phone for up to 50 ms.
    setTimeout(async () => {
      for (const part of Object.values(PARTS)) {
        part().catch(() => undefined);
        await nextTask();
      }
    }, 1000);
    void this.formatsReady();
  }

  /**
   * Once the page's date formatting is set up (at idle, see `warm-dates.ts`): the site's zone
   * formatter (from then on Intl, not the EU rule, gives today's date, see `zone-rule.ts`), and
   * the first price, day and time formats, which cost a slow phone 5-10 ms each. Each in a task of
   * its own while the programme downloads, so the render of the activities does not make them;
   * when the programme comes first, the steps left run at once (`now`) before it is shown.
   */
  private formatsReady(now = false): Promise<void> {
    this.formatSteps ??= new Steps(
      [
        () => zoneFormatter(this.zone),
        () => Intl.NumberFormat.supportedLocalesOf([]),
        () => [0, 50].forEach((cents) => this.fmt.money(cents)),
        () => this.fmt.day(this.today),
        () => this.fmt.time(this.nowMs),
      ],
      warmDates(this.zone, now),
    );
    if (!now) return this.formatSteps.done;
    void warmDates(this.zone, true); // the page's set-up first: the steps begin once it is done
    return this.formatSteps.now();
  }

  /** `read`'s value once the formats are ready (see `formatsReady`). */
  private async withFormats<T>(read: Promise<T>): Promise<T> {
    const value = await read;
    await this.formatsReady(true);
    return value;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!VIEWS.includes(this.view)) this.view = 'list';
    if (changed.has('date') || !this.focusDate) this.focusDate = this.listStart;
    if (changed.has('items')) this.sourceKey = '';
    if (changed.has('timeZone') || changed.has('now') || this.expandCache.size > 48) this.expandCache.clear();
    this.syncSource();
    this.followWindow();
    if (this.view !== 'list' && this.parts.periods === undefined) void this.loadPart('periods').catch(() => undefined);
    this.toggleState('loading', this.phase === 'loading');
    this.toggleState('failed', this.phase === 'error');
    this.toggleState('filtered', !!this.filter);
  }

  /**
   * Pick the source: the `items` property, an ICS feed, the collector, or inline JSON. With a
   * collector, inline JSON is shown at once and kept when the collector cannot be reached.
   */
  private syncSource() {
    const cfg = this.resolvedEndpoint;
    const script = this.items ? null : this.inlineScript;
    const inline = script ? `inline:${script.textContent}` : '';
    const collector = cfg && canRead(cfg) ? `collector:${cfg.endpoint}|${cfg.site}` : '';
    const key = this.items ? 'items' : this.ics && !script ? `ics:${this.ics}` : collector ? `${collector}|${inline}` : inline;
    if (key === this.sourceKey) return;
    this.sourceKey = key;
    this.source = undefined;
    this.expandCache.clear();
    this.fromCollector = false;
    this.windowAround = undefined;
    const { items } = this;
    if (items) return this.readLocal(() => ({ items, problems: [] }));
    const text = script?.textContent ?? '';
    if (script) this.readLocal((engine) => engine.readInlineJson(text));
    if (!key || key === inline) return script ? undefined : this.settle({ items: [], problems: [] });
    const ics = this.ics && !script ? this.ics : undefined;
    this.fetchItems(key, (signal) => (ics ? loadIcs(ics, signal) : this.loadFromCollector(cfg!, signal)), !ics, !!script);
  }

  /**
   * Shows what `load` brings, unless a newer load replaced it (the `programme` loader runs it when
   * `key` is new). `collector`: it counts "ik kom" places. `keep`: a failure keeps what is shown
   * (the inline programme) instead of an error.
   */
  private fetchItems(key: string, load: (signal: AbortSignal) => Promise<ReadResult>, collector: boolean, keep = false) {
    this.source = { key, load, collector, keep };
    if (!keep) this.phase = 'loading';
  }

  /**
   * The programme expanded by the collector, from a month before today (or the period the visitor
   * went to) to three months after it, or to the end of the list if that is later: enough for the
   * first views without sending a year of occurrences. Other periods are asked for when shown.
   */
  private loadFromCollector(cfg: ResolvedEndpoint, signal?: AbortSignal) {
    const around = this.windowAround ?? this.listStart;
    const from = addMonths(around, -1);
    const wanted = [dayKey(addMonths(around, 3)), dayKey(addDays(this.listStart, this.listDays))].sort()[1]!;
    // Never more than the collector expands in one answer, however far from today the visitor went.
    const to = [wanted, dayKey(addDays(from, MAX_RANGE_DAYS))].sort()[0]!;
    return loadCollector(cfg.endpoint, cfg.site, dayKey(from), to, signal, true);
  }

  /** A period outside the collector's window asks the collector for the window around it, once. */
  private followWindow() {
    const cfg = this.resolvedEndpoint;
    if (!this.served || !this.fromCollector || this.phase !== 'ready' || !cfg) return;
    const [from, to] = this.range();
    if (this.inWindow(from, to)) return;
    if (this.windowAround && sameDay(this.windowAround, from)) return; // asked already (a failure is not asked again)
    this.windowAround = from;
    this.windowFailed = false;
    // The period stays on screen (and the focus in the grid) until the collector answers.
    this.fetchItems(`${this.sourceKey}|around:${dayKey(from)}`, (signal) => this.loadFromCollector(cfg, signal), true, true);
  }

  /** The days `[from, to)` lie inside the collector's window (or there is none). */
  private inWindow(from: LocalDate, to: LocalDate): boolean {
    const served = this.served;
    return !served || (dayKey(from) >= served.from && dayKey(addDays(to, -1)) <= served.to);
  }

  /** @internal The items come from the collector, which counts "ik kom" places. */
  get countsPlaces(): boolean {
    return this.fromCollector;
  }

  /** @internal "Ik kom" places left as the collector last said; undefined when none were counted. */
  placesLeft(itemId: string, recurrenceId: string): number | undefined {
    return this.places[itemId]?.[recurrenceId];
  }

  /** @internal Asks the collector again after "ik kom" changed the places. */
  refreshPlaces(): void {
    const cfg = this.resolvedEndpoint;
    if (!this.fromCollector || !cfg) return;
    this.loadFromCollector(cfg).then(
      (result) => {
        this.places = result.remaining ?? {};
        this.requestUpdate();
      },
      () => undefined,
    );
  }

  /** Items expanded here (inline JSON, the `items` property): `read` them once the engine chunk is in. */
  private readLocal(read: (engine: Engine) => ReadResult) {
    const engine = loadedEngine();
    if (engine) return this.settle(read(engine));
    const key = this.sourceKey;
    this.phase = 'loading';
    this.track(this.withFormats(loadEngine())).then(
      // The collector's programme, if it came first, wins.
      (e) => key === this.sourceKey && !this.fromCollector && this.settle(read(e), false),
      (e: unknown) => {
        if (key !== this.sourceKey || this.fromCollector) return;
        warn('the recurrence engine', e);
        this.phase = 'error';
      },
    );
  }

  /** The feed a visitor may subscribe to: the `ics` attribute's, or the collector's once its programme is shown. */
  private get feedUrl(): string | undefined {
    const cfg = this.fromCollector ? this.resolvedEndpoint : undefined;
    return this.ics ?? (cfg && collectorFeedUrl(cfg.endpoint, cfg.site));
  }

  /**
   * Shows what was read. `now` false: the recurrence engine has just come in and expands the items
   * here, which takes tens of milliseconds on a slow phone for the weeks shown and the open status,
   * so each is expanded in a task of its own (the render then finds them in `expandCache`) rather
   * than in one long task with the chunk's arrival and the render.
   */
  private settle({ items, problems, notes, remaining, expanded }: ReadResult, now = true) {
    for (const p of problems.slice(0, 20)) console.warn(`[buurtkit] <activity-calendar> ${p}`);
    for (const n of notes?.slice(0, 20) ?? []) console.info(`[buurtkit] <activity-calendar> ${n}`);
    this.loaded = items;
    this.places = remaining ?? {};
    this.served = expanded;
    this.expandCache.clear();
    this.listRun++;
    const run = ++this.settleRun;
    const ready = () => {
      this.phase = 'ready';
      this.requestUpdate(); // the collector may replace inline items while already 'ready'
    };
    if (now || expanded) return ready();
    const today = this.today;
    const steps = [() => this.occurrences(...this.range())];
    if (items.some((i) => i.kind === 'opening-hours')) steps.push(() => this.occurrences(addDays(today, -1), addDays(today, 15)));
    void (async () => {
      for (const step of steps) {
        await nextTask();
        if (run !== this.settleRun) return; // newer items came meanwhile
        step();
      }
      await nextTask();
      if (run === this.settleRun) ready();
    })();
  }

  private get fmt(): Formats {
    return formatsFor(this.l.locale, this.zone);
  }

  /** Expanded occurrences of every item in `[from, to)` (days on the site's wall clock). */
  private occurrences(from: LocalDate, to: LocalDate): Occurrence[] {
    const key = `${dayKey(from)}|${dayKey(to)}`;
    let list = this.expandCache.get(key);
    const engine = loadedEngine();
    if (!list && (this.served || engine)) {
      list = this.served
        ? this.served.occurrences.filter((o) => near(o, from, to) && this.touches(o, from, to))
        : engine!.expandDays(this.loaded, from, to, this.zone);
      this.expandCache.set(key, list);
    }
    return list ?? [];
  }

  /**
   * Does an occurrence touch the days `[from, to)`? One without an end must start inside them (as
   * `expandAll` does). Compared as wall-clock text in the site's zone, worked out once per occurrence.
   */
  private touches(o: Occurrence, from: LocalDate, to: LocalDate): boolean {
    if (this.wallZone !== this.zone) {
      this.walls = new WeakMap();
      this.wallZone = this.zone;
    }
    let wall = this.walls.get(o);
    if (!wall) this.walls.set(o, (wall = occurrenceWalls(o, this.zone)));
    return wallsTouch(wall, from, to);
  }

  private itemOf = (o: Occurrence) => this.loaded.find((i) => i.id === o.activityId);

  /** The days shown: the coming weeks, or (once their chunk is in) the period view's. */
  private range(): [LocalDate, LocalDate] {
    const { view } = this;
    const periods = this.parts.periods;
    if (periods && view !== 'list') return periods.periodRange(view, this.focusDate!, this.l.lang);
    return [this.listStart, addDays(this.listStart, this.listDays)];
  }

  /** The list starts on `date` ("the day to show first"), else today. */
  private get listStart(): LocalDate {
    return (this.date && parseDay(this.date)) || this.today;
  }

  /** How many days the list shows (`weeks`, 1 to 52). */
  private get listDays(): number {
    return Math.max(1, Math.min(52, this.weeks || 1)) * 7;
  }

  private context(): ViewContext {
    const [from, to] = this.range();
    const all = this.occurrences(from, to).filter((o) => {
      const item = this.itemOf(o);
      return !item || this.passes(item);
    });
    return {
      l: this.l,
      fmt: this.fmt,
      today: this.today,
      // The days shown lie outside what the collector gave, and asking for them failed.
      unavailable: this.windowFailed && !this.inWindow(from, to),
      on: (day) => all.filter((o) => this.touches(o, day, addDays(day, 1))),
      itemOf: this.itemOf,
      open: (o, opener) => this.openDetail(o, opener),
    };
  }

  protected override render() {
    const { l } = this;
    const ctx = this.context();
    return html`<div part="base" class="base view-${this.view}" lang=${l.locale} dir=${l.dir}>
      <h2 part="heading" class="heading">${this.heading || l.t('heading')}</h2>
      ${this.renderOpenStatus()}
      <div part="views" class="views" role="group" aria-label=${l.t('viewsLabel')}>
        ${VIEWS.map(
          (v) =>
            html`<button type="button" part="button" aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => this.setView(v)}>${l.t(`view.${v}`)}</button>`,
        )}
      </div>
      ${this.renderFilters()} ${this.renderBody(ctx)} ${statusRegion(this.status, this.statusTone)}
      <dialog part="detail" class="detail" aria-labelledby="detail-title" @close=${() => this.detail?.closed()}>
        ${this.detail?.render(ctx, this.nowMs, this.feedUrl) ?? nothing}
      </dialog>
    </div>`;
  }

  private renderOpenStatus() {
    if (!this.loaded.some((i) => i.kind === 'opening-hours')) return nothing;
    const today = this.today;
    const state = openState(this.occurrences(addDays(today, -1), addDays(today, 15)), this.nowMs, this.zone);
    return renderOpenStatus(this.l, this.fmt, state, this.zone);
  }

  /**
   * "Kies wat je wilt zien", when the activities have an audience or a category to choose: it opens
   * the filters, whose part loads then (a part that could not load says so, and is asked again).
   */
  private renderFilters() {
    const choices = this.loaded.some((i) => i.kind !== 'opening-hours' && (i.category || i.audience?.some((t) => t !== 'iedereen')));
    if (this.hideFilters || this.phase !== 'ready' || !choices) return nothing;
    const { l, filtersOpen } = this;
    const panel = this.parts.filters;
    return html`<div part="filters" class="filters">
      <button type="button" part="button filters-toggle" aria-expanded=${filtersOpen ? 'true' : 'false'} aria-controls="filter-panel" @click=${this.toggleFilters}>
        ${l.t('filtersTitle')}
        ${this.filter ? l.t('filtersOn', { count: this.filter.audience.length + (this.filter.category ? 1 : 0) }) : nothing}
      </button>
      <div id="filter-panel" class="filter-panel" ?hidden=${!filtersOpen}>
        ${filtersOpen ? (panel ? panel.renderFilters(l, this.loaded, this.filter, this.setFilter) : this.partNotice(panel)) : nothing}
      </div>
    </div>`;
  }

  /** Loading, error and empty messages. */
  private notice(key: 'empty' | 'emptyFiltered' | 'loading' | 'loadFailed') {
    return html`<p part="notice" class="notice ${key === 'loadFailed' ? 'error-notice' : ''}" aria-busy=${key === 'loading' ? 'true' : nothing}>${this.l.t(key)}</p>`;
  }

  /** In place of a part that is loading, or (`false`) could not load. */
  private partNotice(part: false | undefined) {
    return part === false
      ? html`<p part="notice" class="notice error-notice" role="alert">${this.l.t('partFailed')}</p>`
      : this.notice('loading');
  }

  private renderBody(ctx: ViewContext) {
    // A period the collector could not give is not empty: that goes before "nothing in the calendar".
    if (this.unconfigured || (this.phase === 'ready' && !this.loaded.length && !ctx.unavailable)) return this.notice('empty');
    if (this.programme.phase === 'not-connected' && this.phase !== 'ready') return this.programme.render(this.l.locale);
    if (this.phase === 'error') return html`${this.notice('loadFailed')}${this.programme.renderRetry(this.l.locale)}`;
    if (this.phase !== 'ready') return this.notice('loading');
    const [from, to] = this.range();
    // The list always lies inside the collector's window; only a period view can leave it.
    if (this.view !== 'list') {
      const periods = this.parts.periods;
      return periods
        ? periods.renderPeriod(ctx, { view: this.view, focus: this.focusDate!, from, to, go: this.go })
        : this.partNotice(periods);
    }
    const days: LocalDate[] = [];
    for (let d = from; !sameDay(d, to); d = addDays(d, 1)) days.push(d);
    // Days with only the drop-in are listed too, but not as an answer to a filter that matched nothing.
    const matched = !this.filter || days.some((d) => ctx.on(d).some((o) => o.kind !== 'opening-hours'));
    const rendered = matched ? this.listSliced(ctx, days) : [];
    return html`<h3 part="period" id="period-title" class="period">${this.l.t('upcoming', { count: days.length })}</h3>
      ${rendered.length ? html`<div class="days">${rendered}</div>` : this.notice(this.filter ? 'emptyFiltered' : 'empty')}`;
  }

  /**
   * The list's days with something on, in slices: the first `LIST_SLICE` occurrences now, the
   * rest in the next tasks (`updateComplete` waits for them). Whole at once while the focus is in
   * the list, so a day under the focus is never taken away.
   */
  private listSliced(ctx: ViewContext, days: LocalDate[]) {
    const key = `${this.listRun}|${dayKey(days[0]!)}|${days.length}`;
    if (this.listSlice.key !== key) {
      const focused = !!this.shadowRoot?.activeElement?.closest('.days');
      this.listSlice = { key, budget: focused ? Infinity : LIST_SLICE, task: false };
    }
    const slice = this.listSlice;
    const rendered: TemplateResult[] = [];
    let shown = 0;
    for (const d of days) {
      if (shown >= slice.budget) {
        if (!slice.task) {
          slice.task = true;
          void this.track(
            nextTask().then(() => {
              slice.budget += LIST_SLICE;
              slice.task = false;
              this.requestUpdate();
            }),
          );
        }
        break;
      }
      const day = renderDay(ctx, d);
      if (day === nothing) continue;
      rendered.push(day);
      shown += ctx.on(d).length;
    }
    return rendered;
  }

  /** Period views move the focused day, may open a day, and focus what `selector` finds after. */
  private readonly go = (date: LocalDate, view?: 'day', selector?: string) => {
    if (view) this.view = view;
    this.focusDate = date;
    if (selector) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  };

  /** Show a view; `date` moves the focus there too. */
  setView(view: CalendarView, date?: LocalDate) {
    this.view = view;
    if (date) this.focusDate = date;
    // Asking for a view again after a failed load tries again (also the view already shown).
    if (this.parts.periods === false) {
      delete this.parts.periods;
      this.requestUpdate();
    }
  }

  /**
   * Loads a part once (`updateComplete` waits for it): adopts its styles and adds its Dutch texts.
   * A failed load (offline) is kept as `false` and tried again when the part is asked for again.
   */
  private loadPart<K extends keyof Parts>(name: K): Promise<Parts[K]> {
    return (this.partLoads[name] ??= this.track(
      PARTS[name]().then(
        (m) => {
          this.adoptLate(...(m.sheets as CSSResult[]));
          this.l.add({ nl: m.nl });
          this.parts[name] = m as Parts[K];
          this.requestUpdate();
          return m as Parts[K];
        },
        (e: unknown) => {
          warn(`the ${name}`, e);
          delete this.partLoads[name];
          this.parts[name] = false;
          this.requestUpdate();
          throw e;
        },
      ),
    )) as Promise<Parts[K]>;
  }

  /** Opens or closes the filters; a part that could not load is asked for again instead of closed. */
  private readonly toggleFilters = () => {
    this.filtersOpen = !this.filtersOpen || this.parts.filters === false;
    if (this.filtersOpen) {
      if (this.parts.filters === false) delete this.parts.filters;
      void this.loadPart('filters').catch(() => undefined);
    }
  };

  /** Does an item pass the filter? Only the filters' part sets one, so it has loaded by then. */
  private passes(item: Filterable): boolean {
    return !this.filter || (this.parts.filters as Parts['filters']).matchesFilter(item, this.filter);
  }

  /** A filter was chosen in the filters' part: show what matches, and say how many. */
  private readonly setFilter = (filter: CalendarFilter) => {
    this.filter = (this.parts.filters as Parts['filters']).isFiltering(filter) ? filter : undefined;
    this.listRun++;
    const [from, to] = this.range();
    const count = this.occurrences(from, to).filter((o) => o.kind !== 'opening-hours' && this.passes(this.itemOf(o) ?? {})).length;
    this.status = this.l.t('shown', { count });
    this.statusTone = 'info';
  };

  private openDetail(occurrence: Occurrence, opener: HTMLElement) {
    const item = this.itemOf(occurrence);
    if (!item || !this.dispatchEvent(new BkSelectEvent(occurrence, item))) return;
    void this.loadPart('detail').then(
      (m) => {
        if (this.statusTone === 'error') this.status = ''; // an earlier "could not load" is over
        return (this.detail ??= new m.DetailController(this)).open(item, occurrence, opener);
      },
      () => {
        // Offline before the detail was fetched (`loadPart` warned): say so, the list stays usable.
        this.status = this.l.t('partFailed');
        this.statusTone = 'error';
        this.requestUpdate();
      },
    );
  }

  /** Close the detail, if open. */
  closeDetail() {
    this.renderRoot.querySelector('dialog')?.close();
  }
}
