/**
 * Days as lists, for the default upcoming view and (from `periods.ts`) the week and day views.
 * Render functions over a small context, so the element class stays about state and events.
 */
import { isolate } from '../../core/bidi.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { Occurrence } from '../../schema/activity.js';
import type { LocalizeController } from '../../core/localize.js';
import type { LocalDate } from '../../calendar/wall-clock.js';
import { dayKey, daysBetween } from '../../activities/days.js';
import { costText, type Formats } from './format.js';
import type { CalendarItem } from '../../activities/items.js';
import type { ActivityCalendarStrings } from './strings.js';
import { localized } from '../../core/localized.js';
import { activityText, type ActivityTextKey } from '../../schema/activity-texts.js';

/**
 * A text of an occurrence in the reader's language: its item's translation, or the Dutch marked
 * `lang="nl"`. A text an override changed for this occurrence has no translation: Dutch.
 */
export function textOf(ctx: Pick<ViewContext, 'l'>, item: CalendarItem | undefined, key: ActivityTextKey, own?: string) {
  const text = activityText(item, key, own);
  return text === undefined ? undefined : localized(text, ctx.l.locale);
}

export interface ViewContext {
  l: LocalizeController<ActivityCalendarStrings>;
  fmt: Formats;
  today: LocalDate;
  /** The collector could not give the days shown: they say so instead of looking empty. */
  unavailable?: boolean;
  /** Occurrences that touch a day, opening hours included, filtered. */
  on(day: LocalDate): Occurrence[];
  itemOf(o: Occurrence): CalendarItem | undefined;
  open(o: Occurrence, opener: HTMLElement): void;
}

/** "Vandaag", "Morgen", or the weekday and date. */
export function dayTitle(ctx: ViewContext, day: LocalDate): string {
  const diff = daysBetween(ctx.today, day);
  const name = ctx.fmt.day(day);
  if (diff === 0) return ctx.fmt.join(ctx.l.t('today'), name);
  if (diff === 1) return ctx.fmt.join(ctx.l.t('tomorrow'), name);
  return name;
}

/** "10.00 tot 12.00 uur", "Vanaf 10.00 uur" or "Hele dag". */
export function timeText(ctx: ViewContext, o: Occurrence): string {
  const { l, fmt } = ctx;
  if (o.allDay) return l.t('allDay');
  const start = fmt.time(Date.parse(o.start));
  return o.end ? l.t('timeRange', { start, end: fmt.time(Date.parse(o.end)) }) : l.t('timeFrom', { start });
}

/** Are two dates the same day? */
export const sameDay = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/** Does this occurrence not take place? */
export const cancelled = (o: Occurrence) => o.status === 'gaat-niet-door';

function cancelNote(ctx: ViewContext, o: Occurrence) {
  if (!cancelled(o)) return nothing;
  const reason = textOf(ctx, ctx.itemOf(o), 'statusReason', o.statusReason);
  const text = reason ? isolate((r) => ctx.l.t('cancelledReason', { reason: r }), reason) : ctx.l.t('cancelled');
  return html`<span part="cancelled" class="cancel-note">${text}</span>`;
}

function eventRow(ctx: ViewContext, o: Occurrence) {
  const item = ctx.itemOf(o);
  const title = textOf(ctx, item, 'title', o.title) ?? '';
  const location = textOf(ctx, item, 'location', o.location);
  // A room's name has no translations: on an English or Arabic page it is Dutch, marked as such.
  const roomName = o.room ?? item?.room;
  const room = roomName ? localized(roomName, ctx.l.locale) : undefined;
  const place = room || location ? html`${room ?? ''}${room && location ? ', ' : ''}${location ?? ''}` : undefined;
  const cost = costText(item?.cost, ctx.fmt, (k, p) => ctx.l.t(k, p));
  const meta = place || cost ? html`${place ? html`<bdi>${place}</bdi>` : nothing}${place && cost ? ' · ' : ''}${cost ?? ''}` : undefined;
  return html`<li part="event${cancelled(o) ? ' event-cancelled' : ''}" class="event ${cancelled(o) ? 'is-cancelled' : ''}">
    <button
      type="button"
      part="event-button"
      class="event-button"
      aria-haspopup="dialog"
      data-key=${`${o.activityId}|${o.recurrenceId}`}
      @click=${(e: Event) => ctx.open(o, e.currentTarget as HTMLElement)}
    >
      <span class="event-time">${timeText(ctx, o)}</span>
      <span class="event-title" dir="auto">${title}</span>
    </button>
    ${meta ? html`<span class="event-meta">${meta}</span>` : nothing} ${cancelNote(ctx, o)}
  </li>`;
}

/** Opening hours of a day, apart from the activities: "Open 10.00 tot 12.00 uur (Inloop)". */
function hoursLine(ctx: ViewContext, hours: Occurrence[]) {
  if (!hours.length) return nothing;
  return html`<ul part="hours" class="hours">
    ${hours.map((o) => {
      const title = textOf(ctx, ctx.itemOf(o), 'title', o.title);
      return html`<li class=${cancelled(o) ? 'is-cancelled' : ''}>
        <span class="hours-label">${ctx.l.t('openingHours')}</span> ${timeText(ctx, o)}${title ? html` <span class="hours-title">(<bdi>${title}</bdi>)</span>` : nothing}
        ${cancelNote(ctx, o)}
      </li>`;
    })}
  </ul>`;
}

/**
 * One day: heading, opening hours, then activities. A day without either shows `empty` (the week
 * and day views say so), or is left out (the list).
 */
export function renderDay(ctx: ViewContext, day: LocalDate, empty?: TemplateResult): TemplateResult | typeof nothing {
  const all = ctx.on(day);
  const hours = all.filter((o) => o.kind === 'opening-hours');
  const events = all.filter((o) => o.kind !== 'opening-hours');
  // A day on which the place is only open for the drop-in still matters to a visitor: keep it.
  if (!empty && !events.length && !hours.length) return nothing;
  const id = `day-${dayKey(day)}`;
  return html`<section part="day" class="day ${sameDay(day, ctx.today) ? 'is-today' : ''}" aria-labelledby=${id}>
    <h3 id=${id} class="day-title" tabindex="-1">${dayTitle(ctx, day)}</h3>
    ${hoursLine(ctx, hours)}
    ${events.length ? html`<ul part="list" class="events">${events.map((o) => eventRow(ctx, o))}</ul>` : hours.length ? nothing : empty}
  </section>`;
}
