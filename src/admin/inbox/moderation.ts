import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { AdminIdea } from '../../schema/admin.js';
import { IDEA_STATUSES, PUBLIC_ANSWER_MAX, STATUS_REASON_MAX, type IdeaStatus } from '../../schema/constants.js';
import type { IdeaModeration } from '../../schema/idea-box.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminApiError, type AdminApi } from '../shared/api.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-idea-saved': CustomEvent<AdminIdea>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-moderation': AdminModeration;
  }
}

interface Draft {
  published: boolean;
  status: IdeaStatus;
  statusReason: string;
  publicAnswer: string;
}

const draftOf = (idea: AdminIdea): Draft => ({
  published: idea.published,
  status: idea.status,
  statusReason: idea.statusReason ?? '',
  publicAnswer: idea.publicAnswer ?? '',
});

/**
 * Publish or hide an idea, set its status (with a reason for "niet mogelijk") and the public
 * answer. What is typed stays in the form when saving fails; it is replaced only when another
 * idea is shown.
 *
 * @summary Moderation form of one idea.
 * @event bk-idea-saved - `detail`: the idea as the collector stored it.
 */
export class AdminModeration extends AdminElement {
  static override styles = adminStyles;
  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    idea: { attribute: false },
    api: { attribute: false },
    draft: { state: true },
    saving: { state: true },
    message: { state: true },
    failed: { state: true },
    issues: { state: true },
  };

  declare idea: AdminIdea | undefined;
  declare api: AdminApi | undefined;
  declare draft: Draft | undefined;
  declare saving: boolean;
  declare message: string;
  declare failed: boolean;
  declare issues: Record<string, string>;

  constructor() {
    super();
    this.saving = false;
    this.message = '';
    this.failed = false;
    this.issues = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('idea') as AdminIdea | undefined;
    if (changed.has('idea') && this.idea && (!this.draft || previous?.id !== this.idea.id)) {
      this.draft = draftOf(this.idea);
      this.message = '';
      this.failed = false;
      this.issues = {};
    }
  }

  private edit<K extends keyof Draft>(key: K, value: Draft[K]) {
    this.draft = { ...this.draft!, [key]: value };
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    if (!this.idea || !this.api || !this.draft || this.saving) return;
    const d = this.draft;
    const changes: IdeaModeration = {
      published: d.published,
      status: d.status,
      // The reason belongs to "niet mogelijk"; other statuses clear it.
      statusReason: d.status === 'niet-mogelijk' ? d.statusReason : null,
      publicAnswer: d.publicAnswer,
    };
    this.saving = true;
    this.message = this.l.t('saving');
    this.failed = false;
    this.issues = {};
    try {
      const saved = await this.api.moderateIdea(this.idea.id, changes);
      this.idea = saved;
      this.draft = draftOf(saved);
      this.message = this.l.t('saved');
      this.dispatchEvent(new CustomEvent('bk-idea-saved', { detail: saved, bubbles: true, composed: true }));
    } catch (error) {
      const err = error as AdminApiError;
      this.issues = Object.fromEntries((err.issues ?? []).map((i) => [i.path.split('.')[0] ?? '', i.message]));
      const reason = err.status === 0 ? this.l.t('networkError') : err.message;
      this.failed = true;
      this.message = this.l.t('saveFailed', { message: /[.!?]$/.test(reason) ? reason : `${reason}.` });
    } finally {
      this.saving = false;
    }
  }

  private issue(name: string) {
    const text = this.issues[name];
    return text ? html`<p class="error" id="${name}-error">${text}</p>` : '';
  }

  private invalid(name: string) {
    return this.issues[name] ? 'true' : 'false';
  }

  override render() {
    const l = this.l;
    const d = this.draft;
    if (!d) return html``;
    const describedBy = (name: string, hint?: string) => [hint, this.issues[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`
      <section aria-labelledby="moderation-heading">
        <h3 id="moderation-heading">${l.t('moderationHeading')}</h3>
        <form @submit=${this.save} novalidate>
          <div class="check">
            <input id="published" type="checkbox" .checked=${d.published}
              @change=${(e: Event) => this.edit('published', (e.target as HTMLInputElement).checked)} />
            <label for="published">${l.t('publishLabel')}</label>
          </div>
          <fieldset>
            <legend>${l.t('statusLabel')}</legend>
            ${IDEA_STATUSES.map(
              (s) => html`<div class="check">
                <input type="radio" name="status" id="status-${s}" value=${s} .checked=${d.status === s}
                  @change=${() => this.edit('status', s)} />
                <label for="status-${s}">${this.label('status', s)}</label>
              </div>`,
            )}
            ${this.issue('status')}
          </fieldset>
          ${
            d.status === 'niet-mogelijk'
              ? html`<div class="field">
                <label for="statusReason">${l.t('reasonLabel')}</label>
                <textarea id="statusReason" dir="auto" rows="3" maxlength=${STATUS_REASON_MAX} .value=${d.statusReason}
                  aria-invalid=${this.invalid('statusReason')} aria-describedby=${describedBy('statusReason')}
                  @input=${(e: Event) => this.edit('statusReason', (e.target as HTMLTextAreaElement).value)}></textarea>
                ${this.issue('statusReason')}
              </div>`
              : ''
          }
          <div class="field">
            <label for="publicAnswer">${l.t('answerLabel')}</label>
            <textarea id="publicAnswer" dir="auto" rows="4" maxlength=${PUBLIC_ANSWER_MAX} .value=${d.publicAnswer}
              aria-invalid=${this.invalid('publicAnswer')} aria-describedby=${describedBy('publicAnswer', 'answer-hint')}
              @input=${(e: Event) => this.edit('publicAnswer', (e.target as HTMLTextAreaElement).value)}></textarea>
            <p class="hint" id="answer-hint">${l.t('answerHint')}</p>
            ${this.issue('publicAnswer')}
          </div>
          <p class="status" data-tone=${this.failed ? 'error' : 'success'} role=${this.failed ? 'alert' : 'status'}
            aria-live=${this.failed ? 'assertive' : 'polite'}>${this.message}</p>
          <button class="primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>${l.t('save')}</button>
        </form>
      </section>
    `;
  }
}
