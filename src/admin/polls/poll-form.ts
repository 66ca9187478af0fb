import { translationFields } from '../shared/translation-fields.js';
import { dutchText } from '../../schema/localized-text.js';
import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { POLL_KINDS, POLL_OPTIONS_MAX, POLL_STATEMENTS_MAX, POLL_TEXT_MAX, type PollDefinition } from '../../schema/poll-constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError, ManageApi } from '../shared/api.js';
import { focusMoved, moved, orderButtons } from '../shared/list-order.js';
import { manageFormStyles } from '../shared/manage-styles.js';
import { saveFailedText } from '../shared/save-failed.js';
import {
  checkPollDraft,
  draftOfPoll,
  newPollDraft,
  noTranslations,
  pollFieldOfPath,
  pollOfDraft,
  type DraftTranslations,
  type PollDraft,
} from './poll-draft.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-poll-saved': CustomEvent<PollDefinition>;
    'bk-poll-cancel': CustomEvent<void>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-poll-form': AdminPollForm;
  }
}

/** The schema's limits of the fields that are not a poll text. */
const TEXT_MAX: Partial<Record<string, number>> = { id: 40, subject: 120, activityId: 200 };
type Flag = 'comment' | 'respondentType' | 'story' | 'showResults';
const FLAGS: Flag[] = ['comment', 'respondentType', 'story', 'showResults'];

/**
 * Make a new poll or change one: kind, texts, options or statements (reordered with buttons),
 * the optional comment, respondent type and story, results after voting, tied to an activity or a
 * period. Local checks first, then the collector's 422 issues at their fields; what was typed stays.
 * "Voorbeeld" shows the draft in the real `<feedback-poll>`, loaded only then.
 *
 * @summary Poll form.
 * @event bk-poll-saved - `detail`: the poll as saved.
 * @event bk-poll-cancel - Left without saving.
 */
export class AdminPollForm extends AdminElement {
  static override styles = [
    adminStyles,
    manageFormStyles,
    css`
      .preview {
        border: 2px dashed var(--_border);
        border-radius: var(--_radius);
        padding: 0.5em;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    poll: { attribute: false },
    existingIds: { attribute: false },
    activities: { attribute: false },
    draft: { state: true },
    issues: { state: true },
    saving: { state: true },
    message: { state: true },
    preview: { state: true },
  };

  declare api: ManageApi | undefined;
  /** The poll to change; none for a new one. */
  declare poll: PollDefinition | undefined;
  /** Ids in use: a new poll must not take one. */
  declare existingIds: readonly string[];
  /** Calendar activities to tie a poll to (id and title); empty: the id is typed. */
  declare activities: readonly { id: string; title: string }[];
  declare draft: PollDraft;
  declare issues: Record<string, string>;
  declare saving: boolean;
  declare message: string;
  declare preview: boolean;

  constructor() {
    super();
    this.existingIds = [];
    this.activities = [];
    this.draft = newPollDraft();
    this.issues = {};
    this.saving = false;
    this.message = '';
    this.preview = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('poll')) this.draft = this.poll ? draftOfPoll(this.poll) : newPollDraft();
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private edit(changes: Partial<PollDraft>) {
    this.draft = { ...this.draft, ...changes };
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    if (!this.api || this.saving) return;
    const d = this.draft;
    const local = checkPollDraft(d, !this.poll, this.existingIds);
    this.issues = Object.fromEntries(local.map((i) => [i.field, this.l.t(i.key)]));
    if (local.length) return this.showProblems(this.l.t('checkFields'));
    this.saving = true;
    this.message = this.l.t('saving');
    let saved: PollDefinition;
    try {
      saved = await this.api.savePoll(d.id, pollOfDraft(d));
    } catch (error) {
      this.issues = Object.fromEntries(((error as AdminApiError).issues ?? []).map((i) => [pollFieldOfPath(i.path), i.message]));
      this.saving = false;
      return this.showProblems(saveFailedText(this.l, error));
    }
    this.saving = false;
    this.message = '';
    this.dispatchEvent(new CustomEvent('bk-poll-saved', { detail: saved, bubbles: true, composed: true }));
  }

  /** The message, and focus on the first field with a problem (else on the message). */
  private async showProblems(message: string) {
    this.message = message;
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('.status'))?.focus();
  }

  /**
   * The widget as visitors get it while the poll is open. It cannot send: it is inert, and its
   * endpoint (a webhook, so it asks nothing of the collector) is only there so it shows the form
   * instead of "not connected".
   */
  private async togglePreview() {
    if (!this.preview) await import('../../define/feedback-poll.js');
    this.preview = !this.preview;
  }

  private error(field: string) {
    const text = this.issues[field];
    return text ? html`<p class="error" id="${field.replace('.', '-')}-error">${text}</p>` : nothing;
  }

  private describedBy(field: string, hint = false) {
    const ids = [hint ? `${field}-hint` : '', this.issues[field] ? `${field.replace('.', '-')}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  private text(field: 'id' | 'title' | 'question' | 'stem' | 'subject' | 'activityId', label: keyof AdminStrings, hint?: string) {
    return html`<div class="field">
      <label for="poll-${field}">${this.l.t(label)}</label>
      <input id="poll-${field}" maxlength=${TEXT_MAX[field] ?? POLL_TEXT_MAX} .value=${this.draft[field]}
        aria-invalid=${this.issues[field] ? 'true' : 'false'} aria-describedby=${this.describedBy(field, !!hint)}
        @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })} />
      ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing} ${this.error(field)}
    </div>`;
  }

  private translationFields(id: string, name: string, value: DraftTranslations | undefined, set: (t: DraftTranslations) => void) {
    return translationFields((key, params) => this.l.t(key, params), id, name, value, set, POLL_TEXT_MAX);
  }

  /** A text of the poll with its translations (title, question, stem). */
  private translated(field: 'title' | 'question' | 'stem', label: keyof AdminStrings, hint?: string) {
    const all = this.draft.translations ?? { title: noTranslations(), question: noTranslations(), stem: noTranslations() };
    return html`${this.text(field, label, hint)}
    ${this.translationFields(`poll-${field}`, this.l.t(label), all[field], (t) => this.edit({ translations: { ...all, [field]: t } }))}`;
  }

  private date(field: 'from' | 'to', label: keyof AdminStrings) {
    return html`<div class="field">
      <label for="poll-${field}">${this.l.t(label)}</label>
      <input id="poll-${field}" type="date" .value=${this.draft[field]} aria-invalid=${this.issues[field] ? 'true' : 'false'}
        aria-describedby=${this.describedBy(field)} @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })} />
      ${this.error(field)}
    </div>`;
  }

  /** One editable list: options (label) or statements (text and theme), reordered with buttons. */
  private renderList<T extends { label: string } | { text: string; theme: string }>(
    list: 'options' | 'statements',
    items: T[],
    blank: T,
    max: number,
    min: number,
    fields: (item: T, n: number, set: (changes: Partial<T>) => void) => TemplateResult,
  ) {
    const l = this.l;
    const set = (next: T[]) => this.edit({ [list]: next } as Partial<PollDraft>);
    const name = (item: T, n: number) => ('label' in item ? item.label : item.text).trim() || l.t('itemN', { n: n + 1 });
    return html`<ol class="items">
        ${items.map(
          (item, n) => html`<li>
            ${fields(item, n, (changes) => set(items.map((x, k) => (k === n ? { ...x, ...changes } : x))))}
            <div class="row">
              ${orderButtons({
                list,
                index: n,
                count: items.length,
                upLabel: l.t('moveUpNamed', { name: name(item, n) }),
                downLabel: l.t('moveDownNamed', { name: name(item, n) }),
                up: l.t('moveUp'),
                down: l.t('moveDown'),
                onMove: async (i, delta) => {
                  set(moved(items, i, delta));
                  await this.updateComplete;
                  focusMoved(this.renderRoot, list, i, delta);
                },
              })}
              ${
                items.length > min
                  ? html`<button type="button" aria-label=${l.t('removeNamed', { name: name(item, n) })}
                    @click=${() => set(items.filter((_, k) => k !== n))}>${l.t('remove')}</button>`
                  : nothing
              }
            </div>
          </li>`,
        )}
      </ol>
      ${
        items.length < max
          ? html`<button type="button" class="add-${list}" @click=${async () => {
              set([...items, { ...blank }]);
              await this.updateComplete;
              this.renderRoot.querySelector<HTMLInputElement>(`#${list}-${items.length}`)?.focus();
            }}>${l.t(list === 'options' ? 'addOption' : 'addStatement')}</button>`
          : nothing
      }
      ${this.error(list)}`;
  }

  private renderChoiceOptions() {
    const l = this.l;
    return html`<fieldset>
      <legend>${l.t('pollOptions')}</legend>
      ${this.renderList(
        'options',
        this.draft.options,
        { value: '', label: '' },
        POLL_OPTIONS_MAX,
        2,
        (o, n, set) => html`<div class="field">
        <label for="options-${n}">${l.t('optionN', { n: n + 1 })}</label>
        <input id="options-${n}" maxlength=${POLL_TEXT_MAX} .value=${o.label} aria-invalid=${this.issues[`options.${n}`] ? 'true' : 'false'}
          aria-describedby=${this.describedBy(`options.${n}`)} @input=${(e: Event) => set({ label: (e.target as HTMLInputElement).value })} />
        ${this.error(`options.${n}`)}
      </div>
      ${this.translationFields(`options-${n}`, l.t('optionN', { n: n + 1 }), o.labelIn, (t) => set({ labelIn: t }))}`,
      )}
    </fieldset>`;
  }

  private renderStatements() {
    const l = this.l;
    return html`<fieldset>
      <legend>${l.t('pollStatements')}</legend>
      ${this.translated('stem', 'pollStem', l.t('pollStemHint'))}
      ${this.renderList(
        'statements',
        this.draft.statements,
        { id: '', text: '', theme: '' },
        POLL_STATEMENTS_MAX,
        1,
        (s, n, set) => html`<div class="grid">
        <div class="field">
          <label for="statements-${n}">${l.t('statementN', { n: n + 1 })}</label>
          <input id="statements-${n}" maxlength=${POLL_TEXT_MAX} .value=${s.text} aria-invalid=${this.issues[`statements.${n}`] ? 'true' : 'false'}
            aria-describedby=${this.describedBy(`statements.${n}`)} @input=${(e: Event) => set({ text: (e.target as HTMLInputElement).value })} />
          ${this.error(`statements.${n}`)}
        </div>
        <div class="field">
          <label for="theme-${n}">${l.t('statementTheme')}</label>
          <input id="theme-${n}" maxlength="60" .value=${s.theme} @input=${(e: Event) => set({ theme: (e.target as HTMLInputElement).value })} />
        </div>
      </div>
      ${this.translationFields(`statements-${n}`, l.t('statementN', { n: n + 1 }), s.textIn, (t) => set({ textIn: t }))}`,
      )}
    </fieldset>`;
  }

  private renderTie() {
    const l = this.l;
    const d = this.draft;
    const known = this.activities.some((a) => a.id === d.activityId);
    return html`<fieldset>
      <legend>${l.t('pollTie')}</legend>
      <div class="check"><input type="checkbox" id="tie-activity" .checked=${d.forActivity}
        @change=${(e: Event) => this.edit({ forActivity: (e.target as HTMLInputElement).checked })} />
        <label for="tie-activity">${l.t('tie.activity')}</label></div>
      ${
        d.forActivity
          ? this.activities.length
            ? html`<div class="field">
              <label for="poll-activityId">${l.t('pollActivity')}</label>
              <select id="poll-activityId" aria-invalid=${this.issues.activityId ? 'true' : 'false'} aria-describedby=${this.describedBy('activityId')}
                @change=${(e: Event) => this.edit({ activityId: (e.target as HTMLSelectElement).value })}>
                <option value="" ?selected=${!d.activityId}>${l.t('chooseActivity')}</option>
                ${d.activityId && !known ? html`<option value=${d.activityId} selected>${d.activityId}</option>` : nothing}
                ${this.activities.map((a) => html`<option value=${a.id} ?selected=${a.id === d.activityId}>${a.title}</option>`)}
              </select>
              ${this.error('activityId')}
            </div>`
            : this.text('activityId', 'pollActivity')
          : nothing
      }
      <div class="check"><input type="checkbox" id="tie-period" .checked=${d.inPeriod}
        @change=${(e: Event) => this.edit({ inPeriod: (e.target as HTMLInputElement).checked })} />
        <label for="tie-period">${l.t('tie.period')}</label></div>
      ${
        d.inPeriod
          ? html`<div class="grid">${this.date('from', 'fromLabel')} ${this.date('to', 'toLabel')}</div>
            <p class="hint">${l.t('pollPeriodHint')}</p>`
          : nothing
      }
    </fieldset>`;
  }

  override render() {
    const l = this.l;
    const d = this.draft;
    const failed = !!this.message && !this.saving;
    return html`<section aria-labelledby="poll-form-heading">
      <h3 id="poll-form-heading" tabindex="-1">${this.poll ? l.t('pollEdit', { title: dutchText(this.poll.title ?? this.poll.question) || this.poll.id }) : l.t('pollNew')}</h3>
      <form @submit=${this.save} novalidate>
        ${this.poll ? html`<p>${l.t('pollIdIs', { id: d.id })}</p>` : this.text('id', 'pollId', l.t('pollIdHint'))}
        <fieldset>
          <legend>${l.t('pollKind')}</legend>
          ${POLL_KINDS.map(
            (
              k,
            ) => html`<div class="check"><input type="radio" name="kind" id="kind-${k}" .checked=${d.kind === k} @change=${() => this.edit({ kind: k })} />
              <label for="kind-${k}">${l.t(`kind.${k}`)}</label></div>`,
          )}
          <p class="hint">${l.t('pollLanguageHint')}</p>
        </fieldset>
        <p class="hint" id="translations-hint">${l.t('translationsHint')}</p>
        ${this.translated('title', 'pollTitle', l.t('optionalHint'))}
        ${d.kind === 'statements' ? this.renderStatements() : this.translated('question', 'pollQuestion')}
        ${d.kind === 'choice' ? this.renderChoiceOptions() : nothing}
        <fieldset>
          <legend>${l.t('pollExtras')}</legend>
          ${FLAGS.map(
            (
              f,
            ) => html`<div class="check"><input type="checkbox" id="flag-${f}" .checked=${d[f]} @change=${(e: Event) => this.edit({ [f]: (e.target as HTMLInputElement).checked })} />
              <label for="flag-${f}">${l.t(`flag.${f}`)}</label></div>`,
          )}
        </fieldset>
        ${d.kind === 'statements' || d.story ? this.text('subject', 'pollSubject', l.t('pollSubjectHint')) : nothing}
        ${this.renderTie()}
        <p class="status" tabindex="-1" data-tone=${failed ? 'error' : 'success'} role=${failed ? 'alert' : 'status'}>${this.message}</p>
        <div class="row">
          <button class="primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>${l.t('save')}</button>
          <button type="button" class="preview-toggle" aria-expanded=${this.preview ? 'true' : 'false'} @click=${this.togglePreview}>${l.t('pollPreview')}</button>
          <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('bk-poll-cancel', { bubbles: true, composed: true }))}>${l.t('cancel')}</button>
        </div>
      </form>
      ${
        this.preview
          ? html`<div class="preview" role="group" aria-label=${l.t('pollPreviewLabel')}>
            <p class="hint">${l.t('pollPreviewHint')}</p>
            <div inert>
              <feedback-poll lang=${l.locale} endpoint-type="webhook" endpoint="${location.origin}/preview" site="preview"
                .poll=${{ ...pollOfDraft(d), id: d.id || 'voorbeeld', period: undefined }}></feedback-poll>
            </div>
          </div>`
          : nothing
      }
    </section>`;
  }
}
