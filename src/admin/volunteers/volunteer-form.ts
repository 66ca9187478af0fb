import { translationFields } from '../shared/translation-fields.js';
import { dutchText } from '../../schema/localized-text.js';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { VolunteerRole, VolunteerShift } from '../../schema/volunteer.js';
import { VOLUNTEER_CAPACITY_MAX, VOLUNTEER_ROLE_NAME_MAX, VOLUNTEER_ROLE_TEXT_MAX } from '../../schema/volunteer-constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError, AdminVolunteerItem, VolunteerCatalogueApi } from '../shared/api.js';
import { fieldOfPath, type DraftIssue } from '../calendar/calendar-draft.js';
import { exceptionsFieldset, repeatFieldset, repeatFieldStyles } from '../shared/repeat-fields.js';
import { saveFailedText } from '../shared/save-failed.js';
import type { AdminStrings } from '../shared/strings.js';
import {
  checkRoleDraft,
  checkShiftDraft,
  newRoleDraft,
  newShiftDraft,
  ROLE_TEXTS,
  roleDraftOf,
  roleOfDraft,
  shiftDraftOf,
  shiftOfDraft,
  type RoleDraft,
  type ShiftDraft,
  volunteerItemTitle,
} from './volunteer-draft.js';
import { localDate } from './volunteers.js';

export type VolunteerItem = AdminVolunteerItem<VolunteerRole> | AdminVolunteerItem<VolunteerShift>;

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-volunteer-saved': CustomEvent<VolunteerItem>;
    'bk-volunteer-cancel': CustomEvent<void>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-volunteer-form': AdminVolunteerForm;
  }
}

/** Fields whose text is long enough for a text area. */
const LONG_TEXTS = new Set(['whatYouDo', 'notAsked', 'training']);

/**
 * Add or change a volunteer role (name, what you do, what we do not ask of you, time per week,
 * training, who you can turn to, host of the day, place in the list) or a shift (its role, name,
 * date and times, once or repeating with days it does not happen, places, time zone). Local checks
 * first, then the collector's 422 issues at their fields; what was typed stays.
 *
 * @summary Role and shift form.
 * @event bk-volunteer-saved - `detail`: the role or shift as stored.
 * @event bk-volunteer-cancel - Left without saving.
 */
export class AdminVolunteerForm extends AdminElement {
  static override styles = [adminStyles, repeatFieldStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    kind: {},
    record: { attribute: false },
    roles: { attribute: false },
    draft: { state: true },
    issues: { state: true },
    saving: { state: true },
    message: { state: true },
  };

  declare api: VolunteerCatalogueApi | undefined;
  declare kind: 'role' | 'shift';
  /** The stored role or shift to change; none for a new one. */
  declare record: VolunteerItem | undefined;
  /** The roles a shift can belong to. */
  declare roles: readonly AdminVolunteerItem<VolunteerRole>[];
  declare draft: RoleDraft | ShiftDraft;
  declare issues: Record<string, string>;
  declare saving: boolean;
  declare message: string;

  constructor() {
    super();
    this.kind = 'role';
    this.roles = [];
    this.issues = {};
    this.saving = false;
    this.message = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.draft || changed.has('record') || changed.has('kind')) {
      const data = this.record?.data;
      this.draft =
        this.kind === 'role'
          ? data
            ? roleDraftOf(data as VolunteerRole)
            : newRoleDraft()
          : data
            ? shiftDraftOf(data as VolunteerShift)
            : newShiftDraft(localDate(1), this.roles[0]?.id);
    }
  }

  /** Focus the form's heading (after opening it). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private edit(changes: Partial<RoleDraft> | Partial<ShiftDraft>) {
    this.draft = { ...this.draft, ...changes } as RoleDraft | ShiftDraft;
  }

  private get roleDraft(): RoleDraft {
    return this.draft as RoleDraft;
  }

  private get shiftDraft(): ShiftDraft {
    return this.draft as ShiftDraft;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    if (!this.api || this.saving) return;
    const local: DraftIssue[] = this.kind === 'role' ? checkRoleDraft(this.roleDraft) : checkShiftDraft(this.shiftDraft);
    this.issues = Object.fromEntries(local.map((i) => [i.field, this.l.t(i.key)]));
    if (local.length) return this.showProblems(this.l.t('checkFields'));
    this.saving = true;
    this.message = this.l.t('saving');
    let saved: VolunteerItem;
    try {
      saved =
        this.kind === 'role'
          ? await this.api.saveVolunteerItem('role', roleOfDraft(this.roleDraft), this.record?.id)
          : await this.api.saveVolunteerItem(
              'shift',
              shiftOfDraft(this.shiftDraft, this.record?.data as VolunteerShift | undefined),
              this.record?.id,
            );
    } catch (error) {
      this.issues = Object.fromEntries(((error as AdminApiError).issues ?? []).map((i) => [fieldOfPath(i.path), i.message]));
      this.saving = false;
      return this.showProblems(saveFailedText(this.l, error));
    }
    this.saving = false;
    this.message = '';
    this.dispatchEvent(new CustomEvent('bk-volunteer-saved', { detail: saved, bubbles: true, composed: true }));
  }

  /** The message, and focus on the first field with a problem (else on the message). */
  private async showProblems(message: string) {
    this.message = message;
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('.status'))?.focus();
  }

  private error(field: string) {
    const text = this.issues[field];
    return text ? html`<p class="error" id="${field}-error">${text}</p>` : nothing;
  }

  /** A labelled input or text area bound to a draft field, with its hint and problem. */
  private field(
    name: string,
    label: keyof AdminStrings,
    options: { type?: string; max?: number; hint?: keyof AdminStrings; inputmode?: string } = {},
  ) {
    const value = String((this.draft as unknown as Record<string, unknown>)[name] ?? '');
    const described = [options.hint ? `${name}-hint` : '', this.issues[name] ? `${name}-error` : ''].filter(Boolean).join(' ') || nothing;
    const invalid = this.issues[name] ? 'true' : 'false';
    const onInput = (e: Event) => this.edit({ [name]: (e.target as HTMLInputElement).value });
    return html`<div class="field">
      <label for=${name}>${this.l.t(label)}</label>
      ${
        LONG_TEXTS.has(name)
          ? html`<textarea id=${name} rows="3" maxlength=${options.max ?? nothing} .value=${value} aria-invalid=${invalid} aria-describedby=${described} @input=${onInput}></textarea>`
          : html`<input id=${name} type=${options.type ?? 'text'} inputmode=${options.inputmode ?? nothing} maxlength=${options.max ?? nothing} .value=${value}
            aria-invalid=${invalid} aria-describedby=${described} @input=${onInput} />`
      }
      ${options.hint ? html`<p class="hint" id="${name}-hint">${this.l.t(options.hint)}</p>` : nothing} ${this.error(name)}
    </div>`;
  }

  private renderRole() {
    const l = this.l;
    const d = this.roleDraft;
    return html`
      <p class="hint">${l.t('translationsHint')}</p>
      ${this.field('name', 'roleName', { max: VOLUNTEER_ROLE_NAME_MAX })}
      ${translationFields(
        (key, params) => l.t(key, params),
        'name',
        l.t('roleName'),
        d.nameIn,
        (t) => this.edit({ nameIn: t }),
        VOLUNTEER_ROLE_NAME_MAX,
      )}
      ${ROLE_TEXTS.map(
        (k) => html`${this.field(k, `roleText.${k}`, {
          max: LONG_TEXTS.has(k) ? VOLUNTEER_ROLE_TEXT_MAX : VOLUNTEER_ROLE_NAME_MAX,
          ...(k === 'timePerWeek' && { hint: 'timePerWeekHint' as const }),
        })}
        ${translationFields(
          (key, params) => l.t(key, params),
          k,
          l.t(`roleText.${k}`),
          d[`${k}In`],
          (t) => this.edit({ [`${k}In`]: t }),
          LONG_TEXTS.has(k) ? VOLUNTEER_ROLE_TEXT_MAX : VOLUNTEER_ROLE_NAME_MAX,
        )}`,
      )}
      <div class="check">
        <input id="host" type="checkbox" .checked=${d.host} aria-describedby="host-hint" @change=${(e: Event) => this.edit({ host: (e.target as HTMLInputElement).checked })} />
        <label for="host">${l.t('roleHost')}</label>
      </div>
      <p class="hint" id="host-hint">${l.t('roleHostHint')}</p>
      ${this.field('position', 'rolePosition', { inputmode: 'numeric', max: 5, hint: 'rolePositionHint' })}`;
  }

  private renderShift() {
    const l = this.l;
    const d = this.shiftDraft;
    const known = this.roles.some((r) => r.id === d.roleId);
    const day = (date: string) => this.formatDate(`${date}T12:00:00Z`, false);
    return html`
      <div class="field">
        <label for="roleId">${l.t('shiftRole')}</label>
        <select id="roleId" aria-invalid=${this.issues['roleId'] ? 'true' : 'false'} aria-describedby=${this.issues['roleId'] ? 'roleId-error' : nothing}
          @change=${(e: Event) => this.edit({ roleId: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!d.roleId}>${l.t('chooseRole')}</option>
          ${d.roleId && !known ? html`<option value=${d.roleId} selected>${d.roleId}</option>` : nothing}
          ${this.roles.map((r) => html`<option value=${r.id} ?selected=${r.id === d.roleId}>${dutchText(r.data.name)}</option>`)}
        </select>
        ${this.error('roleId')}
      </div>
      <p class="hint">${l.t('translationsHint')}</p>
      ${this.field('title', 'shiftTitle', { max: VOLUNTEER_ROLE_NAME_MAX, hint: 'shiftTitleHint' })}
      ${translationFields(
        (key, params) => l.t(key, params),
        'title',
        l.t('shiftTitle'),
        d.titleIn,
        (t) => this.edit({ titleIn: t }),
        VOLUNTEER_ROLE_NAME_MAX,
      )}
      <div class="grid">
        ${this.field('date', 'dateLabel', { type: 'date' })} ${this.field('startTime', 'startTimeLabel', { type: 'time' })}
        ${this.field('endTime', 'endTimeLabel', { type: 'time' })}
      </div>
      ${repeatFieldset(l, d, (changes) => this.edit(changes), this.error('repeat'))}
      ${d.repeat === 'none' ? nothing : exceptionsFieldset(l, d.exceptions, (exceptions) => this.edit({ exceptions }), day, this.error('exceptions'))}
      ${this.field('capacity', 'shiftCapacity', { inputmode: 'numeric', max: String(VOLUNTEER_CAPACITY_MAX).length, hint: 'shiftCapacityHint' })}
      ${this.field('timeZone', 'shiftTimeZone', { max: 64, hint: 'shiftTimeZoneHint' })}`;
  }

  override render() {
    const l = this.l;
    const heading = this.record
      ? l.t('formEdit', { title: volunteerItemTitle(this.record, this.roles) })
      : l.t(this.kind === 'role' ? 'newRole' : 'newShift');
    const failed = !!this.message && !this.saving;
    return html`<section aria-labelledby="volunteer-form-heading">
      <h3 id="volunteer-form-heading" tabindex="-1">${heading}</h3>
      <form @submit=${this.save} novalidate>
        ${this.kind === 'role' ? this.renderRole() : this.renderShift()}
        <p class="status" tabindex="-1" data-tone=${failed ? 'error' : 'success'} role=${failed ? 'alert' : 'status'}>${this.message}</p>
        <div class="row">
          <button class="primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>${l.t('save')}</button>
          <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('bk-volunteer-cancel', { bubbles: true, composed: true }))}>${l.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }
}
