import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { AUDIENCE_TAGS } from '../../calendar/constants.js';
import { ACTIVITY_DESCRIPTION_MAX, ACTIVITY_NOTE_MAX, ACTIVITY_SHORT_TEXT_MAX, ACTIVITY_TITLE_MAX } from '../../calendar/constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminApiError, type AdminActivity, type CalendarApi } from '../shared/api.js';
import { checkDraft, draftOf, fieldOfPath, itemOf, newDraft, type CalendarDraft, type CostChoice } from './calendar-draft.js';
import { translationFields } from '../shared/translation-fields.js';
import type { FormText } from './calendar-draft.js';
import { exceptionsFieldset, repeatFieldset, repeatFieldStyles } from '../shared/repeat-fields.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-activity-saved': CustomEvent<AdminActivity>;
    'bk-activity-cancel': CustomEvent<void>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-calendar-form': AdminCalendarForm;
  }
}

const COSTS: CostChoice[] = ['none', 'free', 'amount', 'contribution'];

/**
 * Add or change one calendar item: title, description, date and times (or all day), recurrence
 * (weekly on chosen days, every other week, monthly by weekday), exceptions, one-off
 * cancellations with a reason, the whole item cancelled, cost, audience, "ik kom" places.
 * What was typed stays when saving fails; collector 422 paths are shown at their fields.
 *
 * @summary Calendar item form.
 * @event bk-activity-saved - `detail`: the item as the collector stored it.
 * @event bk-activity-cancel - The coordinator left the form without saving.
 */
export class AdminCalendarForm extends AdminElement {
  static override styles = [adminStyles, repeatFieldStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    record: { attribute: false },
    kind: {},
    draft: { state: true },
    issues: { state: true },
    saving: { state: true },
    message: { state: true },
  };

  declare api: CalendarApi | undefined;
  /** The stored item to change; none for a new one. */
  declare record: AdminActivity | undefined;
  /** For a new item: `activity` or `opening-hours`. */
  declare kind: CalendarDraft['kind'];
  declare draft: CalendarDraft | undefined;
  declare issues: Record<string, string>;
  declare saving: boolean;
  declare message: string;
  /** New exception and cancellation inputs (not part of the item until added). */
  private pending = { cancelDate: '', cancelReason: '' };

  constructor() {
    super();
    this.kind = 'activity';
    this.issues = {};
    this.saving = false;
    this.message = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.draft || changed.has('record')) {
      const today = new Date().toISOString().slice(0, 10);
      this.draft = this.record ? draftOf(this.record.data) : newDraft(this.kind, today);
    }
  }

  /** Focus the form's heading (after opening it). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private edit<K extends keyof CalendarDraft>(key: K, value: CalendarDraft[K]) {
    this.draft = { ...this.draft!, [key]: value };
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft!;
    if (!this.api || this.saving) return;
    const local = checkDraft(d);
    this.issues = Object.fromEntries(local.map((i) => [i.field, this.l.t(i.key)]));
    if (local.length) {
      this.message = this.l.t('checkFields');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.saving = true;
    this.message = this.l.t('saving');
    try {
      const body = itemOf(d, this.record?.data);
      const saved = this.record ? await this.api.updateActivity(this.record.id, body) : await this.api.createActivity(body);
      this.message = '';
      this.dispatchEvent(new CustomEvent('bk-activity-saved', { detail: saved, bubbles: true, composed: true }));
    } catch (error) {
      const err = error as AdminApiError;
      this.issues = Object.fromEntries((err.issues ?? []).map((i) => [fieldOfPath(i.path), i.message]));
      const reason = err.status === 0 ? this.l.t('networkError') : err.message;
      this.message = this.l.t('calendarSaveFailed', { message: /[.!?]$/.test(reason) ? reason : `${reason}.` });
    } finally {
      this.saving = false;
    }
  }

  private cancel() {
    this.dispatchEvent(new CustomEvent('bk-activity-cancel', { bubbles: true, composed: true }));
  }

  private error(name: string) {
    const text = this.issues[name];
    return text ? html`<p class="error" id="${name}-error">${text}</p>` : nothing;
  }

  /** A labelled input bound to a draft field. */
  private input(name: keyof CalendarDraft & string, label: keyof AdminStrings, type: string, extra: { max?: number; hint?: string } = {}) {
    const d = this.draft!;
    const described = [extra.hint ? `${name}-hint` : '', this.issues[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${this.l.t(label)}</label>
      <input id=${name} type=${type} .value=${String(d[name])} maxlength=${extra.max ?? nothing}
        aria-invalid=${this.issues[name] ? 'true' : 'false'} aria-describedby=${described || nothing}
        @input=${(e: Event) => this.edit(name, (e.target as HTMLInputElement).value as never)} />
      ${extra.hint ? html`<p class="hint" id="${name}-hint">${extra.hint}</p>` : nothing} ${this.error(name)}
    </div>`;
  }

  private formatDay(date: string): string {
    return this.formatDate(`${date}T12:00:00Z`, false);
  }

  private renderDates() {
    const d = this.draft!;
    const l = this.l;
    const p = this.pending;
    return html`
      ${exceptionsFieldset(
        l,
        d.exceptions,
        (exceptions) => this.edit('exceptions', exceptions),
        (x) => this.formatDay(x),
        this.error('exceptions'),
      )}
      <fieldset>
        <legend>${l.t('cancellationsLabel')}</legend>
        <ul class="dates">
          ${d.cancellations.map(
            (c) => html`<li>${this.formatDay(c.date)}${c.reason ? `: ${c.reason}` : ''}
              <button type="button" aria-label=${l.t('removeDate', { date: this.formatDay(c.date) })}
                @click=${() =>
                  this.edit(
                    'cancellations',
                    d.cancellations.filter((y) => y !== c),
                  )}>${l.t('remove')}</button></li>`,
          )}
        </ul>
        <div class="row add-date">
          <div class="field"><label for="cancel-date">${l.t('addDate')}</label>
            <input id="cancel-date" type="date" .value=${p.cancelDate} @input=${(e: Event) => (p.cancelDate = (e.target as HTMLInputElement).value)} /></div>
          <div class="field"><label for="cancel-reason">${l.t('reasonShort')}</label>
            <input id="cancel-reason" maxlength=${ACTIVITY_NOTE_MAX} .value=${p.cancelReason} @input=${(e: Event) => (p.cancelReason = (e.target as HTMLInputElement).value)} /></div>
          <button type="button" @click=${() => {
            if (!p.cancelDate) return;
            const rest = d.cancellations.filter((c) => c.date !== p.cancelDate);
            this.edit(
              'cancellations',
              [...rest, { date: p.cancelDate, reason: p.cancelReason }].sort((a, b) => a.date.localeCompare(b.date)),
            );
            this.pending = { ...p, cancelDate: '', cancelReason: '' };
          }}>${l.t('add')}</button>
        </div>
        ${this.error('cancellations')}
      </fieldset>`;
  }

  private renderActivityFields() {
    const d = this.draft!;
    const l = this.l;
    return html`
      <fieldset>
        <legend>${l.t('costLabel')}</legend>
        ${COSTS.map(
          (
            c,
          ) => html`<div class="check"><input type="radio" name="cost" id="cost-${c}" .checked=${d.cost === c} @change=${() => this.edit('cost', c)} />
            <label for="cost-${c}">${l.t(`cost.${c}`)}</label></div>`,
        )}
        ${d.cost === 'amount' || d.cost === 'contribution' ? this.input('amount', 'amountLabel', 'text') : nothing}
      </fieldset>
      <fieldset>
        <legend>${l.t('audienceLabel')}</legend>
        <div class="grid">
          ${AUDIENCE_TAGS.map(
            (tag) => html`<div class="check"><input type="checkbox" id="audience-${tag}" .checked=${d.audience.includes(tag)}
              @change=${(e: Event) => this.edit('audience', (e.target as HTMLInputElement).checked ? [...d.audience, tag] : d.audience.filter((t) => t !== tag))} />
              <label for="audience-${tag}">${l.t(`audience.${tag}`)}</label></div>`,
          )}
        </div>
      </fieldset>
      ${this.input('capacity', 'capacityLabel', 'text', { hint: l.t('capacityHint') })}`;
  }

  /** The English and Arabic of a text, under its Dutch field. */
  private translations(key: FormText, label: keyof AdminStrings, max: number) {
    const d = this.draft!;
    const id = key === 'statusReason' ? 'cancelReason' : key;
    return translationFields(
      (k, p) => this.l.t(k, p),
      id,
      this.l.t(label),
      d.textsIn?.[key],
      (t) => (this.draft = { ...d, textsIn: { ...d.textsIn, [key]: t } }),
      max,
    );
  }

  override render() {
    const d = this.draft;
    if (!d) return nothing;
    const l = this.l;
    const heading = this.record
      ? l.t('formEdit', { title: this.record.data.title })
      : l.t(d.kind === 'activity' ? 'formNewActivity' : 'formNewHours');
    const failed = !!this.message && !this.saving;
    return html`<section aria-labelledby="form-heading">
      <h3 id="form-heading" tabindex="-1">${heading}</h3>
      <form @submit=${this.save} novalidate>
        <p class="hint">${l.t('translationsHint')}</p>
        ${this.input('title', 'titleLabel', 'text', { max: ACTIVITY_TITLE_MAX })} ${this.translations('title', 'titleLabel', ACTIVITY_TITLE_MAX)}
        <div class="field">
          <label for="description">${l.t('descriptionLabel')}</label>
          <textarea id="description" rows="3" maxlength=${ACTIVITY_DESCRIPTION_MAX} .value=${d.description}
            @input=${(e: Event) => this.edit('description', (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        ${this.translations('description', 'descriptionLabel', ACTIVITY_DESCRIPTION_MAX)}
        ${this.input('location', 'locationLabel', 'text', { max: ACTIVITY_SHORT_TEXT_MAX })} ${this.translations('location', 'locationLabel', ACTIVITY_SHORT_TEXT_MAX)}
        <div class="check">
          <input id="allDay" type="checkbox" .checked=${d.allDay} @change=${(e: Event) => this.edit('allDay', (e.target as HTMLInputElement).checked)} />
          <label for="allDay">${l.t('allDayLabel')}</label>
        </div>
        <div class="grid">
          ${this.input('date', 'dateLabel', 'date')}
          ${
            d.allDay
              ? this.input('endDate', 'endDateLabel', 'date')
              : html`${this.input('startTime', 'startTimeLabel', 'time')} ${this.input('endTime', 'endTimeLabel', 'time')}`
          }
        </div>
        ${repeatFieldset(l, d, (changes) => (this.draft = { ...d, ...changes }), this.error('repeat'))} ${d.repeat === 'none' ? nothing : this.renderDates()}
        <div class="check">
          <input id="cancelled" type="checkbox" .checked=${d.cancelled} @change=${(e: Event) => this.edit('cancelled', (e.target as HTMLInputElement).checked)} />
          <label for="cancelled">${l.t('cancelledLabel')}</label>
        </div>
        ${
          d.cancelled
            ? html`${this.input('cancelReason', 'cancelReasonLabel', 'text', { max: ACTIVITY_NOTE_MAX })} ${this.translations('statusReason', 'cancelReasonLabel', ACTIVITY_NOTE_MAX)}`
            : nothing
        }
        ${d.kind === 'activity' ? this.renderActivityFields() : nothing}
        <p class="status" data-tone=${failed ? 'error' : 'success'} role=${failed ? 'alert' : 'status'}>${this.message}</p>
        <div class="row">
          <button class="primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>${l.t('save')}</button>
          <button type="button" @click=${this.cancel}>${l.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }
}
