/**
 * The filters of `<activity-calendar>`, by audience and by category: native checkboxes and a
 * native select, keyboard friendly as they are. A chunk of its own with their texts, labels and
 * styles: the list needs none of it until a visitor opens "Kies wat je wilt zien". It loads then,
 * and is prefetched after the first render, so it also opens offline later.
 */
import { css, html, nothing } from 'lit';
import { filterNl, label, labelNl } from './filter-strings.js';
import { filterOptions, isFiltering, NO_FILTER, toggleAudience, type CalendarFilter } from './filters.js';
import type { CalendarItem } from '../../activities/items.js';
import type { ViewContext } from './views.js';

export { isFiltering, matchesFilter } from './filters.js';

/** The Dutch texts and the styles, for the element to add when this chunk has loaded. */
export const nl = { ...filterNl, ...labelNl };
export const sheets = [
  css`
    .filter-panel:not([hidden]) {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: end;
      margin-block-start: 0.5em;
    }
    fieldset {
      margin: 0;
      padding: 0.5em 0.75em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    legend {
      font-weight: 600;
    }
    label.check {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      margin-inline-end: 1em;
      font-weight: 400;
    }
    .field {
      min-width: min(12em, 100%);
    }
  `,
];

/** The choices the activities offer, the category list, and "Alles tonen" while filtering. */
export function renderFilters(
  l: ViewContext['l'],
  items: readonly CalendarItem[],
  filter: CalendarFilter = NO_FILTER,
  change: (filter: CalendarFilter) => void,
) {
  const { audience, categories } = filterOptions(items);
  return html`${
    audience.length
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
      : nothing
  }
  ${
    categories.length
      ? html`<div class="field">
        <label for="category">${l.t('categoryLabel')}</label>
        <select id="category" .value=${filter.category} @change=${(e: Event) => change({ ...filter, category: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!filter.category}>${l.t('categoryAll')}</option>
          ${categories.map((c) => html`<option value=${c} ?selected=${filter.category === c}>${label(l, 'category', c)}</option>`)}
        </select>
      </div>`
      : nothing
  }
  ${isFiltering(filter) ? html`<button type="button" part="button" class="show-all" @click=${() => change(NO_FILTER)}>${l.t('showAll')}</button>` : nothing}`;
}
