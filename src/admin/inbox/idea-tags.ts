import { css, html, type PropertyDeclarations } from 'lit';
import { IDEA_TAGS_MAX, normaliseTag, TAG_MAX } from '../../schema/idea-tags.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError } from '../shared/api.js';
import { IdeaActionElement } from './idea-action.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-idea-tags': AdminIdeaTags;
  }
}

/**
 * The coordinators' tags of one idea as chips: type a tag and press Enter (tags already used on
 * the site are suggested), remove one with its chip's button. Each change is saved at once. Without
 * `can-edit` (or an API) the tags are only listed.
 *
 * @summary Tag chips of one idea.
 * @event bk-idea-saved - `detail`: the idea as the collector stored it.
 */
export class AdminIdeaTags extends IdeaActionElement {
  static override styles = [
    adminStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0.5em 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 0.25em;
        padding-inline-start: 0.75em;
        border: 1px solid var(--_border);
        border-radius: 999px;
        background: var(--_surface-alt);
      }
      .chip button {
        border-radius: 999px;
        border-color: transparent;
        background: transparent;
      }
      .add {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      .add input {
        flex: 1 1 12rem;
        min-inline-size: 0;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...IdeaActionElement.properties,
    known: { attribute: false },
    draft: { state: true },
  };

  /** Tags used on the site, for suggestions. */
  declare known: string[];
  declare draft: string;

  constructor() {
    super();
    this.known = [];
    this.draft = '';
  }

  protected override forgetIdea(): void {
    super.forgetIdea();
    this.draft = '';
  }

  private async save(change: { add?: string[]; remove?: string[] }, done: string) {
    if (!this.idea || !this.api || this.busy) return;
    this.busy = true;
    try {
      const saved = await this.api.changeIdeaTags(this.idea.id, change);
      this.idea = saved;
      this.say(done);
      this.dispatchEvent(new CustomEvent('bk-idea-saved', { detail: saved, bubbles: true, composed: true }));
      return true;
    } catch (error) {
      const err = error as AdminApiError;
      this.say(this.l.t('tagFailed', { message: err.status === 0 ? this.l.t('networkError') : err.message }), true);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async addTag() {
    const tag = normaliseTag(this.draft);
    if (!tag) return this.say(this.l.t('tagEmpty'), true);
    if (tag.length > TAG_MAX) return this.say(this.l.t('tagTooLong', { max: TAG_MAX }), true);
    if (this.idea!.tags.includes(tag)) {
      this.draft = '';
      return;
    }
    if (this.idea!.tags.length >= IDEA_TAGS_MAX) return this.say(this.l.t('tagsFull', { max: IDEA_TAGS_MAX }), true);
    if (await this.save({ add: [tag] }, this.l.t('tagAdded', { tag }))) this.draft = '';
  }

  private async removeTag(tag: string) {
    await this.save({ remove: [tag] }, this.l.t('tagRemoved', { tag }));
    // The chip and its button are gone: keep the keyboard user in the tag field.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#tag-input')?.focus();
  }

  private keydown(e: KeyboardEvent) {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      void this.addTag();
    }
  }

  override render() {
    const idea = this.idea;
    if (!idea) return html``;
    const l = this.l;
    const editable = this.canEdit && !!this.api;
    const suggestions = this.known.filter((t) => !idea.tags.includes(t));
    return html`
      <section aria-labelledby="tags-heading">
        <h3 id="tags-heading">${l.t('tagsHeading')}</h3>
        <p class="hint" id="tags-hint">${l.t('tagsHint')}</p>
        ${
          idea.tags.length
            ? html`<ul aria-label=${l.t('tagsListLabel')}>
              ${idea.tags.map(
                (tag) => html`<li class="chip">
                  <span>${tag}</span>
                  ${
                    editable
                      ? html`<button type="button" aria-label=${l.t('removeTag', { tag })} aria-disabled=${this.busy ? 'true' : 'false'}
                        @click=${() => this.removeTag(tag)}>×</button>`
                      : ''
                  }
                </li>`,
              )}
            </ul>`
            : html`<p>${l.t('noTags')}</p>`
        }
        ${
          editable
            ? html`<div class="field">
              <label for="tag-input">${l.t('tagInputLabel')}</label>
              <div class="add">
                <input id="tag-input" list="tag-options" autocomplete="off" maxlength=${TAG_MAX * 2} .value=${this.draft}
                  aria-describedby="tag-input-hint tags-hint" aria-invalid=${this.failed ? 'true' : 'false'}
                  @input=${(e: Event) => (this.draft = (e.target as HTMLInputElement).value)} @keydown=${this.keydown} />
                <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.addTag}>${l.t('addTag')}</button>
              </div>
              <p class="hint" id="tag-input-hint">${l.t('tagInputHint')}</p>
              <datalist id="tag-options">${suggestions.map((t) => html`<option value=${t}></option>`)}</datalist>
            </div>`
            : ''
        }
        <p class="status" role=${this.failed ? 'alert' : 'status'} aria-live=${this.failed ? 'assertive' : 'polite'}>${this.message}</p>
      </section>
    `;
  }
}
