import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminApiError, type AdminActivity, type CalendarApi } from '../shared/api.js';
import type { AdminCalendarForm } from './calendar-form.js';
import { whenText } from '../shared/when-text.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-calendar': AdminCalendar;
  }
}

type Editing = { kind: 'activity' | 'opening-hours'; record?: AdminActivity } | undefined;

/**
 * The calendar section of the coordinator page: activities and opening hours as the
 * collector stores them, and — with the `moderate` scope — adding, changing and deleting them
 * (`bk-admin-calendar-form`). Deleting asks once more, in place. With `export`: the figures for
 * an impact report and the CSV (`bk-admin-activity-figures`).
 *
 * @summary Calendar section.
 */
export class AdminCalendar extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      .items {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .items > li {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.75em;
      }
      .items h4 {
        margin: 0;
        font-size: 1.1em;
      }
      .items p {
        margin: 0.25em 0;
      }
      .is-cancelled h4 {
        text-decoration: line-through;
      }
      .badge.off {
        border-color: var(--_danger);
        color: var(--_danger);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    canExport: { type: Boolean, attribute: 'can-export' },
    items: { state: true },
    loading: { state: true },
    error: { state: true },
    editing: { state: true },
    confirming: { state: true },
    message: { state: true },
    failed: { state: true },
  };

  declare api: CalendarApi | undefined;
  /** Show add, change and delete (the token has `moderate`). */
  declare canEdit: boolean;
  /** Show the figures and the CSV download (the token has `export`). */
  declare canExport: boolean;
  declare items: AdminActivity[];
  declare loading: boolean;
  declare error: string;
  declare editing: Editing;
  /** Row id whose deletion is being confirmed. */
  declare confirming: string | undefined;
  declare message: string;
  declare failed: boolean;
  private loadedFrom: CalendarApi | undefined;

  constructor() {
    super();
    this.canEdit = false;
    this.canExport = false;
    this.items = [];
    this.loading = false;
    this.error = '';
    this.message = '';
    this.failed = false;
  }

  protected override willUpdate(): void {
    if (this.api && this.api !== this.loadedFrom) {
      this.loadedFrom = this.api;
      void this.load();
    }
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.loading = true;
    this.error = '';
    try {
      this.items = await this.api.listActivities();
    } catch (error) {
      this.error = this.l.t('calendarLoadFailed', { message: this.reason(error) });
    } finally {
      this.loading = false;
    }
  }

  private reason(error: unknown): string {
    const err = error as AdminApiError;
    return err instanceof AdminApiError && err.status === 0 ? this.l.t('networkError') : (err as Error).message;
  }

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async startEditing(editing: Editing) {
    this.editing = editing;
    this.message = '';
    await this.updateComplete;
    await this.renderRoot.querySelector<AdminCalendarForm>('bk-admin-calendar-form')?.focusHeading();
  }

  private async stopEditing(saved?: AdminActivity) {
    const was = this.editing;
    this.editing = undefined;
    if (saved) {
      const known = this.items.some((i) => i.id === saved.id);
      this.items = known ? this.items.map((i) => (i.id === saved.id ? saved : i)) : [...this.items, saved];
      this.failed = false;
      this.message = this.l.t('calendarSaved', { title: saved.data.title });
    }
    const id = saved?.id ?? was?.record?.id;
    await this.focusOn(id ? `[data-id="${id}"] .edit` : was?.kind === 'opening-hours' ? '.new-hours' : '.new-activity');
  }

  private async deleteItem(item: AdminActivity) {
    if (!this.api) return;
    try {
      await this.api.deleteActivity(item.id);
      this.items = this.items.filter((i) => i.id !== item.id);
      this.confirming = undefined;
      this.failed = false;
      this.message = this.l.t('deleted', { title: item.data.title });
      await this.focusOn('h2');
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('deleteFailed', { message: this.reason(error) });
    }
  }

  private renderItem(item: AdminActivity) {
    const l = this.l;
    const d = item.data as AdminActivity['data'] & { registration?: { kind: string; capacity?: number } };
    const cancelled = d.status === 'gaat-niet-door';
    const capacity = d.registration?.kind === 'capacity' ? d.registration.capacity : undefined;
    return html`<li data-id=${item.id} class=${cancelled ? 'is-cancelled' : ''}>
      <h4 dir="auto">${d.title}</h4>
      <p>${whenText(this.l, { ...d, rrule: d.recurrence?.rrule }, (date) => this.formatDate(`${date}T12:00:00Z`, false))}</p>
      ${
        cancelled || capacity
          ? html`<p class="row">
            ${cancelled ? html`<span class="badge off">${l.t('cancelledBadge')}${d.statusReason ? `: ${d.statusReason}` : ''}</span>` : nothing}
            ${capacity ? html`<span class="badge">${l.t('placesBadge', { count: capacity })}</span>` : nothing}
          </p>`
          : nothing
      }
      ${
        capacity
          ? html`<bk-admin-attendance .api=${this.api} activity-id=${item.id} ?can-edit=${this.canEdit} lang=${this.lang || nothing}></bk-admin-attendance>`
          : nothing
      }
      ${
        this.canEdit
          ? this.confirming === item.id
            ? html`<p class="row" role="group" aria-labelledby="confirm-${item.id}">
              <span id="confirm-${item.id}">${l.t('confirmDelete', { title: d.title })}</span>
              <button type="button" class="confirm-yes" @click=${() => this.deleteItem(item)}>${l.t('confirmYes')}</button>
              <button type="button" class="confirm-no" @click=${() => ((this.confirming = undefined), this.focusOn(`[data-id="${item.id}"] .delete`))}>${l.t('confirmNo')}</button>
            </p>`
            : html`<p class="row no-print">
              <button type="button" class="edit" aria-label=${l.t('editTitle', { title: d.title })}
                @click=${() => this.startEditing({ kind: item.kind, record: item })}>${l.t('edit')}</button>
              <button type="button" class="delete" aria-label=${l.t('deleteTitle', { title: d.title })}
                @click=${() => ((this.confirming = item.id), this.focusOn(`[data-id="${item.id}"] .confirm-no`))}>${l.t('delete')}</button>
            </p>`
          : nothing
      }
    </li>`;
  }

  private renderList(kind: 'activity' | 'opening-hours') {
    const l = this.l;
    const items = this.items.filter((i) => i.kind === kind);
    const id = kind === 'activity' ? 'activities-heading' : 'hours-heading';
    return html`<section aria-labelledby=${id}>
      <h3 id=${id}>${l.t(kind === 'activity' ? 'activitiesHeading' : 'hoursHeading')}</h3>
      ${items.length ? html`<ul class="items">${items.map((i) => this.renderItem(i))}</ul>` : html`<p>${l.t(kind === 'activity' ? 'noActivities' : 'noHours')}</p>`}
    </section>`;
  }

  override render() {
    const l = this.l;
    if (this.editing) {
      return html`<h2 id="calendar-heading" tabindex="-1">${l.t('calendarHeading')}</h2>
        <bk-admin-calendar-form .api=${this.api} .record=${this.editing.record} kind=${this.editing.kind} lang=${this.lang || nothing}
        @bk-activity-saved=${(e: CustomEvent<AdminActivity>) => this.stopEditing(e.detail)}
        @bk-activity-cancel=${() => this.stopEditing()}></bk-admin-calendar-form>`;
    }
    return html`<section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading" tabindex="-1">${l.t('calendarHeading')}</h2>
      <p class="hint">${l.t('calendarIntro')}</p>
      <p class="status" data-tone=${this.failed ? 'error' : 'success'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
      ${
        this.canEdit
          ? html`<p class="row no-print">
            <button type="button" class="primary new-activity" @click=${() => this.startEditing({ kind: 'activity' })}>${l.t('newActivity')}</button>
            <button type="button" class="new-hours" @click=${() => this.startEditing({ kind: 'opening-hours' })}>${l.t('newHours')}</button>
          </p>`
          : html`<p class="hint">${l.t('noCalendarModerate')}</p>`
      }
      ${
        this.loading
          ? html`<p role="status">${l.t('loading')}</p>`
          : this.error
            ? html`<p role="alert">${this.error}</p>
              <button type="button" @click=${this.load}>${l.t('reload')}</button>`
            : html`${this.renderList('activity')} ${this.renderList('opening-hours')}`
      }
      ${this.canExport ? html`<bk-admin-activity-figures .calendarApi=${this.api}></bk-admin-activity-figures>` : nothing}
    </section>`;
  }
}
