/**
 * The views of `<activity-calendar>` besides the default list: a week, a day and the month grid
 * (an ARIA grid with arrow-key navigation), with the navigation between periods, their texts and
 * styles. A chunk of its own, since most visitors only look at the list: it loads when such a view
 * is shown and is prefetched after the first render, so it also works offline later.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { addDays, addMonths, daysInMonth, formatLocalDate, startOfWeek, type LocalDate, type Weekday } from '../../calendar/wall-clock.js';
import { isWeekend, monthTitle, monthWeeks, moveDay, shortDay, weekdayName, weekdayOrder, weekStartOf } from './month-grid.js';
import type { Occurrence } from '../../schema/activity.js';
import { cancelled, renderDay, sameDay, textOf, type ViewContext } from './views.js';

export { periodNl as nl } from './period-strings.js';

type PeriodView = 'week' | 'day' | 'month';

/** The days a period view shows around `focus` (`to` exclusive): whole weeks in the week's language. */
export function periodRange(view: PeriodView, focus: LocalDate, lang: string): [LocalDate, LocalDate] {
  const weekStart = weekStartOf(lang);
  if (view === 'day') return [focus, addDays(focus, 1)];
  if (view === 'week') return [startOfWeek(focus, weekStart), addDays(startOfWeek(focus, weekStart), 7)];
  const last = { year: focus.year, month: focus.month, day: daysInMonth(focus.year, focus.month) };
  return [startOfWeek({ ...last, day: 1 }, weekStart), addDays(startOfWeek(last, weekStart), 7)];
}

/** What the period views need of the element. */
export interface PeriodHost {
  readonly view: PeriodView;
  /** The focused day, and the days shown (`to` exclusive). */
  readonly focus: LocalDate;
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Move the focus to `date` (in `view`), then focus the element `selector` finds. */
  go(date: LocalDate, view?: 'day', selector?: string): void;
}

const periodStyles = css`
  /* The month grid's Enter opens the day and focuses its title (a script focus, no ring). */
  .day-title:focus:not(:focus-visible) {
    outline: none;
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .nav .period {
    flex: 1 1 10em;
    margin: 0;
    text-align: center;
  }
  .grid {
    inline-size: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  .grid th {
    font-weight: 600;
    padding-block: 0.25em;
  }
  .cell {
    vertical-align: top;
    block-size: 3.5em;
    padding: 0.25em;
    border: 1px solid var(--_border);
    cursor: pointer;
    overflow: hidden;
  }
  .cell.outside {
    background: var(--_surface-alt);
    color: var(--_muted);
  }
  .cell[aria-current='date'] .cell-day {
    display: inline-block;
    min-inline-size: 1.8em;
    text-align: center;
    border-radius: 50%;
    color: var(--_accent-text);
    background: var(--_accent);
  }
  .cell:focus-visible {
    outline-offset: -3px;
  }
  /* Forced colours drop the circle's background: today keeps a system-coloured ring. */
  @media (forced-colors: active) {
    .cell[aria-current='date'] .cell-day {
      color: CanvasText;
      border: 2px solid CanvasText;
    }
    .cell.has-events .cell-day::after {
      color: CanvasText;
    }
  }
  .cell.has-events .cell-day::after {
    content: ' •';
    color: var(--_accent);
  }
  .cell-events {
    display: none;
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: max(0.8em, var(--_min-font));
    line-height: 1.3;
  }
  @media (min-width: 40rem) {
    .cell {
      block-size: 6em;
    }
    .cell-events {
      display: block;
    }
    .cell.has-events .cell-day::after {
      content: none;
    }
  }
  /* Long Dutch words wrap (hyphenated in the base's lang) instead of being cut off by the cell. */
  .cell-events li {
    overflow-wrap: anywhere;
    hyphens: auto;
  }
  .cell-events .is-cancelled {
    text-decoration: line-through;
  }
  /* An inline-block is not struck through: the words stay easy to read. */
  .cell-cancelled {
    display: inline-block;
    font-weight: 600;
  }
  /* The week or month as an A4 flyer, like the list (see activity-calendar.styles.ts). */
  @media print {
    .nav button {
      display: none !important;
    }
    .view-week .days {
      grid-template-columns: 1fr 1fr;
      gap: 0.5cm;
    }
    .cell {
      block-size: 3.2cm;
      border-color: #000;
    }
    .cell-events {
      display: block;
      font-size: 8pt;
    }
    .cell.has-events .cell-day::after {
      content: none;
    }
  }
`;

/** The styles, for the element to adopt when this chunk has loaded. */
export const sheets = [periodStyles];

type Step = 'Week' | 'Day' | 'Month';

/** What a day without activities or opening hours says in the week and day views (the list leaves it out). */
const emptyDay = (ctx: ViewContext) => html`<p class="hint">${ctx.l.t(ctx.unavailable ? 'dayNotLoaded' : 'emptyDay')}</p>`;

function renderNav(ctx: ViewContext, p: PeriodHost, step: Step, title: string, move: (n: number) => LocalDate) {
  const { l } = ctx;
  return html`<div part="nav" class="nav">
    <button type="button" part="button" class="prev" @click=${() => p.go(move(-1))}><span aria-hidden="true">‹</span> ${l.t(`prev${step}`)}</button>
    <h3 part="period" id="period-title" class="period" aria-live="polite">${title}</h3>
    <button type="button" part="button" class="next" @click=${() => p.go(move(1))}>${l.t(`next${step}`)} <span aria-hidden="true">›</span></button>
    <button type="button" part="button" class="today" @click=${() => p.go(ctx.today)}>${l.t('todayButton')}</button>
  </div>`;
}

/** The week, the day or the month around `p.focus`, with its navigation. */
export function renderPeriod(ctx: ViewContext, p: PeriodHost): TemplateResult {
  const failed = ctx.unavailable ? html`<p part="notice" class="notice error-notice" role="alert">${ctx.l.t('loadFailed')}</p>` : nothing;
  return html`${failed}${renderPeriodView(ctx, p)}`;
}

function renderPeriodView(ctx: ViewContext, p: PeriodHost): TemplateResult {
  const { fmt, l } = ctx;
  const { focus, from, to } = p;
  if (p.view === 'month') {
    const openDay = (day: LocalDate) => p.go(day, 'day', '.day-title');
    // The grid pattern: arrows, Home/End and PageUp/PageDown move the focused day; Enter opens it.
    const weekStart = weekStartOf(l.lang);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        return openDay(focus);
      }
      const next = moveDay(focus, e.key, { weekStart, rtl: l.dir === 'rtl', shift: e.shiftKey });
      if (!next) return;
      e.preventDefault();
      p.go(next, undefined, `[data-date="${formatLocalDate(next)}"]`);
    };
    return html`${renderNav(ctx, p, 'Month', monthTitle(fmt, focus.year, focus.month), (n) => addMonths(focus, n))}
      ${renderMonth(ctx, weekStart, focus, onKey, openDay)}`;
  }
  if (p.view === 'day') {
    return html`${renderNav(ctx, p, 'Day', fmt.day(focus), (n) => addDays(focus, n))}
      <div class="days">${renderDay(ctx, focus, emptyDay(ctx))}</div>`;
  }
  const days: LocalDate[] = [];
  for (let d = from; !sameDay(d, to); d = addDays(d, 1)) days.push(d);
  return html`${renderNav(ctx, p, 'Week', l.t('weekOf', { from: shortDay(fmt, from), to: shortDay(fmt, addDays(to, -1)) }), (n) => addDays(focus, 7 * n))}
    <div class="days">${days.map((d) => renderDay(ctx, d, emptyDay(ctx)))}</div>`;
}

/** What a screen reader hears for a month cell (its list is hidden): day, how many, how many are cancelled. */
function cellLabel(ctx: ViewContext, day: LocalDate, events: Occurrence[]): string {
  if (!events.length) return ctx.fmt.day(day);
  const off = events.filter(cancelled).length;
  const counts = [ctx.l.t('dayCount', { count: events.length }), ...(off ? [ctx.l.t('dayCancelled', { count: off })] : [])];
  return ctx.fmt.list([ctx.fmt.day(day), ...counts]);
}

/** Strike-through alone is lost on many eyes: the words say it too. */
const cellCancelled = (ctx: ViewContext, o: Occurrence) =>
  cancelled(o) ? html` <span class="cell-cancelled">${ctx.l.t('cancelled')}</span>` : nothing;

/** The month as an ARIA grid: one focusable cell (roving tabindex), the rest reached by keys. */
function renderMonth(
  ctx: ViewContext,
  weekStart: Weekday,
  focus: LocalDate,
  onKey: (e: KeyboardEvent) => void,
  onPick: (day: LocalDate) => void,
) {
  const { month } = focus;
  const weeks = monthWeeks(focus.year, month, weekStart);
  return html`<table part="grid" class="grid" role="grid" aria-labelledby="period-title" @keydown=${onKey}>
    <thead>
      <tr>
        ${weekdayOrder(weekStart).map(
          (wd) =>
            html`<th scope="col" abbr=${weekdayName(ctx.fmt, wd, true)}><span aria-hidden="true">${weekdayName(ctx.fmt, wd)}</span><span class="visually-hidden">${weekdayName(ctx.fmt, wd, true)}</span></th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${weeks.map(
        (week) => html`<tr>
          ${week.map((day) => {
            const events = ctx.on(day).filter((o) => o.kind !== 'opening-hours');
            const inMonth = day.month === month;
            const isFocus = sameDay(day, focus);
            const cls = ['cell', inMonth ? '' : 'outside', isWeekend(day) ? 'weekend' : '', events.length ? 'has-events' : ''].join(' ');
            return html`<td
              role="gridcell"
              part="cell"
              class=${cls}
              tabindex=${isFocus ? 0 : -1}
              data-date=${formatLocalDate(day)}
              aria-current=${sameDay(day, ctx.today) ? 'date' : 'false'}
              @click=${() => onPick(day)}
            >
              <span class="visually-hidden">${cellLabel(ctx, day, events)}</span>
              <span class="cell-day" aria-hidden="true">${day.day}</span>
              ${
                events.length
                  ? html`<ul class="cell-events" aria-hidden="true">
                    ${events.map((o) => html`<li class=${cancelled(o) ? 'is-cancelled' : ''}>${o.allDay ? nothing : ctx.fmt.time(Date.parse(o.start))} <bdi>${textOf(ctx, ctx.itemOf(o), 'title', o.title)}</bdi>${cellCancelled(ctx, o)}</li>`)}
                  </ul>`
                  : nothing
              }
            </td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}
