/** The header parts of `<activity-calendar>`: whether the place is open, and the filters. */
import { html, nothing } from 'lit';
import { dayAt } from './days.js';
import { isFiltering, NO_FILTER, toggleAudience, type CalendarFilter } from './filters.js';
import type { Formats } from './format.js';
import type { OpenState } from './open-now.js';
import { label, type ViewContext } from './views.js';

type L = ViewContext['l'];

/** "Nu open, vandaag tot 12.00 uur." / "Nu gesloten. Morgen open om 10.00 uur." */
export function renderOpenStatus(l: L, fmt: Formats, state: OpenState, timeZone: string) {
  let text: string;
  if (state.state === 'open') text = state.until ? l.t('openNow', { time: fmt.time(state.until) }) : l.t('openNowNoEnd');
  else if (state.state === 'closed') {
    const time = fmt.time(state.next);
    text =
      state.inDays === 0
        ? l.t('openLaterToday', { time })
        : state.inDays === 1
          ? l.t('openTomorrow', { time })
          : l.t('openOn', { day: fmt.day(dayAt(state.next, timeZone)), time });
  } else return nothing;
  return html`<p part="open-status" class="open-status ${state.state}">${text}</p>`;
}

/** Native checkboxes for audiences and a native select for categories: keyboard friendly as they are. */
export function renderFilters(
  l: L,
  { audience, categories }: { audience: string[]; categories: string[] },
  filter: CalendarFilter,
  change: (filter: CalendarFilter) => void,
) {
  if (!audience.length && !categories.length) return nothing;
  return html`<div part="filters" class="filters">
    ${audience.length
      ? html`<fieldset class="audience">
          <legend>${l.t('audienceLabel')}</legend>
          ${audience.map(
            (tag) => html`<label class="check"
              ><input
                type="checkbox"
                .checked=${filter.audience.includes(tag)}
                @change=${(e: Event) => change(toggleAudience(filter, tag, (e.target as HTMLInputElement).checked))}
              />
              ${label(l, 'audience', tag)}</label
            >`,
          )}
        </fieldset>`
      : nothing}
    ${categories.length
      ? html`<div class="field">
          <label for="category">${l.t('categoryLabel')}</label>
          <select id="category" .value=${filter.category} @change=${(e: Event) => change({ ...filter, category: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!filter.category}>${l.t('categoryAll')}</option>
            ${categories.map((c) => html`<option value=${c} ?selected=${filter.category === c}>${label(l, 'category', c)}</option>`)}
          </select>
        </div>`
      : nothing}
    ${isFiltering(filter) ? html`<button type="button" part="button" class="show-all" @click=${() => change(NO_FILTER)}>${l.t('showAll')}</button>` : nothing}
  </div>`;
}
