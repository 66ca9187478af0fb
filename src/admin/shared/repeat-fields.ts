/**
 * The form pieces that repeating items share (calendar items, volunteer shifts): how it repeats,
 * on which weekdays, and the dates it does not happen. Templates for a form element's render().
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../core/localize.js';
import { WEEKDAY_CODES, type Repeat, type WeekdayCode } from '../calendar/calendar-draft.js';
import type { AdminStrings } from './strings.js';
import { dayName } from './when-text.js';

export const REPEATS: Repeat[] = ['none', 'weekly', 'biweekly', 'monthly'];

export const repeatFieldStyles = css`
  .dates {
    list-style: none;
    padding: 0;
    margin: 0.25em 0;
  }
  .dates li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .add-date {
    align-items: end;
  }
  .add-date .field {
    margin-block: 0.25em;
  }
`;

type Error = TemplateResult | typeof nothing;

/** "Herhalen": once, weekly (with its weekdays), every other week, monthly; `custom` only when stored. */
export function repeatFieldset(
  l: LocalizeController<AdminStrings>,
  d: { repeat: Repeat; weekdays: WeekdayCode[] },
  edit: (changes: { repeat?: Repeat; weekdays?: WeekdayCode[] }) => void,
  error: Error,
): TemplateResult {
  const choices = d.repeat === 'custom' ? [...REPEATS, 'custom' as const] : REPEATS;
  return html`<fieldset>
    <legend>${l.t('repeatLabel')}</legend>
    ${choices.map(
      (
        r,
      ) => html`<div class="check"><input type="radio" name="repeat" id="repeat-${r}" .checked=${d.repeat === r} @change=${() => edit({ repeat: r })} />
        <label for="repeat-${r}">${l.t(`repeat.${r}`)}</label></div>`,
    )}
    ${
      d.repeat === 'weekly'
        ? html`<fieldset><legend>${l.t('weekdaysLabel')}</legend><div class="grid">
          ${WEEKDAY_CODES.map(
            (code) => html`<div class="check"><input type="checkbox" id="day-${code}" .checked=${d.weekdays.includes(code)}
              @change=${(e: Event) => edit({ weekdays: (e.target as HTMLInputElement).checked ? [...d.weekdays, code] : d.weekdays.filter((c) => c !== code) })} />
              <label for="day-${code}">${dayName(l.lang, code)}</label></div>`,
          )}</div></fieldset>`
        : nothing
    }
    ${d.repeat === 'monthly' ? html`<p class="hint">${l.t('monthlyHint')}</p>` : nothing} ${error}
  </fieldset>`;
}

/** "Niet op deze dagen": the dates listed with a remove button each, and a date input to add one. */
export function exceptionsFieldset(
  l: LocalizeController<AdminStrings>,
  exceptions: readonly string[],
  set: (exceptions: string[]) => void,
  formatDay: (date: string) => string,
  error: Error,
): TemplateResult {
  const add = (e: Event) => {
    const input = (e.target as HTMLElement).closest('.add-date')!.querySelector('input')!;
    if (!input.value) return;
    set([...new Set([...exceptions, input.value])].sort());
    input.value = '';
  };
  return html`<fieldset>
    <legend>${l.t('exceptionsLabel')}</legend>
    <ul class="dates">
      ${exceptions.map(
        (x) => html`<li>${formatDay(x)}
          <button type="button" aria-label=${l.t('removeDate', { date: formatDay(x) })}
            @click=${() => set(exceptions.filter((y) => y !== x))}>${l.t('remove')}</button></li>`,
      )}
    </ul>
    <div class="row add-date">
      <div class="field"><label for="exception-new">${l.t('addDate')}</label> <input id="exception-new" type="date" /></div>
      <button type="button" @click=${add}>${l.t('add')}</button>
    </div>
    ${error}
  </fieldset>`;
}
