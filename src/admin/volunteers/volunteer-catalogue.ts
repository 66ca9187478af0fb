import { dutchText } from '../../schema/localized-text.js';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import type { VolunteerRole, VolunteerShift } from '../../schema/volunteer.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminShiftSignup, AdminVolunteerItem, VolunteerCatalogue, VolunteerCatalogueApi } from '../shared/api.js';
import { problemText } from '../exports/exports.js';
import { manageFormStyles } from '../shared/manage-styles.js';
import { volunteerItemTitle } from './volunteer-draft.js';
import type { AdminVolunteerForm, VolunteerItem } from './volunteer-form.js';
import { whenText } from '../shared/when-text.js';

declare global {
  interface GlobalEventHandlersEventMap {
    /** A role or shift was saved or deleted: `detail` says which. */
    'bk-volunteer-catalogue-changed': CustomEvent<{ kind: 'role' | 'shift'; id: string }>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-volunteer-catalogue': AdminVolunteerCatalogue;
  }
}

type Kind = 'role' | 'shift';

/**
 * The site's volunteer roles (in their public order) and shifts, as volunteers see them on the
 * website; with `moderate`, new, change (`bk-admin-volunteer-form`) and delete — asked once more
 * in place, saying what
 * happens to people already signed up (they stay signed up and get no message). A role that still
 * has shifts is not deleted: its shifts would lose their role.
 *
 * @summary Volunteer roles and shifts.
 * @event bk-volunteer-catalogue-changed - A role or shift was saved or deleted.
 */
export class AdminVolunteerCatalogue extends AdminElement {
  static override styles = [
    adminStyles,
    manageFormStyles,
    css`
      .list h4 {
        margin: 0;
        font-size: 1.1em;
      }
      .confirm p {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    catalogue: { attribute: false },
    signups: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    editing: { state: true },
    confirming: { state: true },
    message: { state: true },
    failed: { state: true },
  };

  /** Without it (another `VolunteerApi`), the list shows without its buttons. */
  declare api: VolunteerCatalogueApi | undefined;
  declare catalogue: VolunteerCatalogue | undefined;
  /** The sign-ups of the period shown, to say how many a deletion concerns. */
  declare signups: readonly AdminShiftSignup[];
  /** Show new, change and delete (the token has `moderate`). */
  declare canEdit: boolean;
  /** The form: what it makes, and the item to change (none for a new one). */
  declare editing: { kind: Kind; record?: VolunteerItem } | undefined;
  /** Id of the item whose deletion is being confirmed. */
  declare confirming: string | undefined;
  declare message: string;
  declare failed: boolean;

  constructor() {
    super();
    this.signups = [];
    this.canEdit = false;
    this.message = '';
    this.failed = false;
  }

  private get roles() {
    return this.catalogue?.roles ?? [];
  }

  private nameOf(item: VolunteerItem): string {
    return volunteerItemTitle(item, this.roles);
  }

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private changed(kind: Kind, id: string) {
    this.dispatchEvent(new CustomEvent('bk-volunteer-catalogue-changed', { detail: { kind, id }, bubbles: true, composed: true }));
  }

  private async startEditing(kind: Kind, record?: VolunteerItem) {
    this.editing = { kind, ...(record && { record }) };
    this.message = '';
    await this.updateComplete;
    await this.renderRoot.querySelector<AdminVolunteerForm>('bk-admin-volunteer-form')?.focusHeading();
  }

  private async stopEditing(saved?: VolunteerItem) {
    const was = this.editing;
    this.editing = undefined;
    if (saved && this.catalogue) {
      const list = `${saved.kind}s` as const;
      const items = this.catalogue[list] as VolunteerItem[];
      const next = items.some((i) => i.id === saved.id) ? items.map((i) => (i.id === saved.id ? saved : i)) : [...items, saved];
      this.catalogue = { ...this.catalogue, [list]: next };
      this.failed = false;
      this.message = this.l.t('catalogueSaved', { title: this.nameOf(saved) });
      this.changed(saved.kind, saved.id);
    }
    const id = saved?.id ?? was?.record?.id;
    await this.focusOn(id ? `[data-id="${id}"] .edit` : was?.kind === 'shift' ? '.new-shift' : '.new-role');
  }

  private async deleteItem(item: VolunteerItem) {
    if (!this.api || !this.catalogue) return;
    try {
      await this.api.deleteVolunteerItem(item.kind, item.id);
      const list = `${item.kind}s` as const;
      this.catalogue = { ...this.catalogue, [list]: (this.catalogue[list] as VolunteerItem[]).filter((i) => i.id !== item.id) };
      this.confirming = undefined;
      this.failed = false;
      this.message = this.l.t('deleted', { title: this.nameOf(item) });
      this.changed(item.kind, item.id);
      await this.focusOn('#catalogue-heading');
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('deleteFailed', { message: problemText(this.l, error) });
    }
  }

  /** The confirmation in place: what deleting does, and (unless it cannot) yes / no. */
  private renderConfirm(item: VolunteerItem) {
    const l = this.l;
    const title = this.nameOf(item);
    const shifts = item.kind === 'role' ? (this.catalogue?.shifts ?? []).filter((s) => s.data.roleId === item.id).length : 0;
    const signedUp =
      item.kind === 'shift'
        ? this.signups.filter(
            (s) => s.shiftId === item.id && (s.status === 'confirmed' || s.status === 'offered' || s.status === 'waitlisted'),
          ).length
        : 0;
    const back = () => ((this.confirming = undefined), this.focusOn(`[data-id="${item.id}"] .delete`));
    const text =
      item.kind === 'role'
        ? shifts
          ? l.t('roleHasShifts', { title, count: shifts })
          : l.t('confirmDeleteRole', { title })
        : [l.t('confirmDeleteShift', { title }), signedUp ? l.t('deleteShiftSignups', { count: signedUp }) : ''].filter(Boolean).join(' ');
    return html`<div class="row confirm" role="group" aria-labelledby="confirm-${item.id}">
      <p id="confirm-${item.id}">${text}</p>
      ${
        shifts
          ? html`<button type="button" class="confirm-no" @click=${back}>${l.t('understood')}</button>`
          : html`<button type="button" class="confirm-yes" @click=${() => this.deleteItem(item)}>${l.t('confirmYes')}</button>
            <button type="button" class="confirm-no" @click=${back}>${l.t('confirmNo')}</button>`
      }
    </div>`;
  }

  private renderButtons(item: VolunteerItem) {
    const l = this.l;
    if (!this.canEdit || !this.api) return nothing;
    if (this.confirming === item.id) return this.renderConfirm(item);
    const title = this.nameOf(item);
    return html`<p class="row">
      <button type="button" class="edit" aria-label=${l.t('editTitle', { title })} @click=${() => this.startEditing(item.kind, item)}>${l.t('edit')}</button>
      <button type="button" class="delete" aria-label=${l.t('deleteTitle', { title })}
        @click=${() => ((this.confirming = item.id), this.focusOn(`[data-id="${item.id}"] .confirm-no`))}>${l.t('delete')}</button>
    </p>`;
  }

  private renderRole(role: AdminVolunteerItem<VolunteerRole>) {
    const d = role.data;
    return html`<li data-id=${role.id}>
      <h4 dir="auto">${d.name}</h4>
      ${d.host ? html`<p><span class="badge on">${this.l.t('hostBadge')}</span></p>` : nothing}
      ${d.whatYouDo ? html`<p>${dutchText(d.whatYouDo)}</p>` : nothing}
      ${d.timePerWeek ? html`<p>${this.l.t('roleText.timePerWeek')}: ${dutchText(d.timePerWeek)}</p>` : nothing}
      ${this.renderButtons(role)}
    </li>`;
  }

  private renderShift(shift: AdminVolunteerItem<VolunteerShift>) {
    const l = this.l;
    const d = shift.data;
    const role = this.roles.find((r) => r.id === d.roleId);
    const when = whenText(l, { start: d.start, end: d.end, rrule: d.recurrence?.rrule }, (date) =>
      this.formatDate(`${date}T12:00:00Z`, false),
    );
    return html`<li data-id=${shift.id}>
      <h4>${this.nameOf(shift)}</h4>
      <p>${when}</p>
      <p class="row">
        <span class="badge">${l.t('placesBadge', { count: d.capacity })}</span>
        ${d.title && role ? html`<span>${l.t('shiftRoleIs', { name: dutchText(role.data.name) })}</span>` : nothing}
      </p>
      ${this.renderButtons(shift)}
    </li>`;
  }

  override render() {
    const l = this.l;
    if (this.editing) {
      return html`<h2 id="catalogue-heading" tabindex="-1">${l.t('catalogueHeading')}</h2>
        <bk-admin-volunteer-form .api=${this.api} kind=${this.editing.kind} .record=${this.editing.record} .roles=${this.roles} lang=${this.lang || nothing}
          @bk-volunteer-saved=${(e: CustomEvent<VolunteerItem>) => this.stopEditing(e.detail)}
          @bk-volunteer-cancel=${() => this.stopEditing()}></bk-admin-volunteer-form>`;
    }
    const editable = this.canEdit && !!this.api;
    const { roles, shifts } = this.catalogue ?? { roles: [], shifts: [] };
    return html`<section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading" tabindex="-1">${l.t('catalogueHeading')}</h2>
      <p class="hint">${l.t('catalogueIntro')}</p>
      ${editable ? nothing : html`<p class="hint">${l.t('noManageModerate')}</p>`}
      <p class="status" data-tone=${this.failed ? 'error' : 'success'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
      ${
        this.catalogue === undefined
          ? html`<p>${l.t('loading')}</p>`
          : html`<section aria-labelledby="roles-heading">
              <h3 id="roles-heading">${l.t('rolesHeading')}</h3>
              ${editable ? html`<p><button type="button" class="primary new-role" @click=${() => this.startEditing('role')}>${l.t('newRole')}</button></p>` : nothing}
              ${roles.length ? html`<ul class="list">${[...roles].sort((a, b) => a.data.position - b.data.position).map((r) => this.renderRole(r))}</ul>` : html`<p>${l.t('noRoles')}</p>`}
            </section>
            <section aria-labelledby="shifts-heading">
              <h3 id="shifts-heading">${l.t('shiftsHeading')}</h3>
              ${
                editable
                  ? roles.length
                    ? html`<p><button type="button" class="primary new-shift" @click=${() => this.startEditing('shift')}>${l.t('newShift')}</button></p>`
                    : html`<p class="hint">${l.t('shiftNeedsRole')}</p>`
                  : nothing
              }
              ${shifts.length ? html`<ul class="list">${shifts.map((s) => this.renderShift(s))}</ul>` : html`<p>${l.t('noShifts')}</p>`}
            </section>`
      }
    </section>`;
  }
}
