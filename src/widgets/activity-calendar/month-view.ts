/**
 * The month view of `<activity-calendar>`: the month as an ARIA grid with arrow-key navigation,
 * and its styles. A chunk of its own: most visitors only look at the list. It loads when the
 * month is shown and is prefetched after the first render, so it also works offline later.
 */
import { css, html, nothing } from 'lit';
import { formatLocalDate, type LocalDate } from '../../calendar/wall-clock.js';
import { isWeekend, monthWeeks, weekdayOrder } from './month-grid.js';
import { cancelled, type ViewContext } from './views.js';
import { sameDay } from './week.js';

export { moveDay } from './month-grid.js';

export const monthStyles = css`
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
  .cell.has-events .cell-day::after {
    content: ' •';
    color: var(--_accent);
  }
  .cell-events {
    display: none;
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 0.8em;
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
  .cell-events .is-cancelled {
    text-decoration: line-through;
  }
  @media print {
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

/** The month as an ARIA grid: one focusable cell (roving tabindex), the rest reached by keys. */
export function renderMonth(ctx: ViewContext, year: number, month: number, focus: LocalDate, onKey: (e: KeyboardEvent) => void, onPick: (day: LocalDate) => void) {
  const weeks = monthWeeks(year, month, ctx.weekStart);
  return html`<table part="grid" class="grid" role="grid" aria-labelledby="period-title" @keydown=${onKey}>
    <thead>
      <tr>
        ${weekdayOrder(ctx.weekStart).map(
          (wd) => html`<th scope="col" abbr=${ctx.fmt.weekday(wd, true)}><span aria-hidden="true">${ctx.fmt.weekday(wd)}</span><span class="visually-hidden">${ctx.fmt.weekday(wd, true)}</span></th>`,
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
              <span class="visually-hidden">${ctx.fmt.day(day)}${events.length ? `, ${ctx.l.t('dayCount', { count: events.length })}` : ''}</span>
              <span class="cell-day" aria-hidden="true">${day.day}</span>
              ${events.length
                ? html`<ul class="cell-events" aria-hidden="true">
                    ${events.map((o) => html`<li class=${cancelled(o) ? 'is-cancelled' : ''}>${ctx.fmt.time(Date.parse(o.start))} ${o.title ?? ctx.itemOf(o)?.title}</li>`)}
                  </ul>`
                : nothing}
            </td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}
