import { css, html, type PropertyDeclarations } from 'lit';
import type { AdminIdea } from '../../schema/admin.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError, IdeaGroupsApi } from '../shared/api.js';
import type { AdminStrings } from '../shared/strings.js';
import { IdeaActionElement } from './idea-action.js';
import { mergeCandidates, mergedInto } from './idea-groups.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-idea-merge': AdminIdeaMerge;
  }
}

/** Search results shown at once; a longer list asks for a more precise search. */
const SHOWN_MAX = 8;

/**
 * Duplicates of one idea: which idea it is merged with (a link to it) or which ideas are merged
 * into it (their texts), and with `can-edit` a search to merge it with another idea and buttons to
 * undo a merge. Changes touch two ideas, so the app is asked to load the list again.
 *
 * @summary Merging one idea with its duplicates.
 * @event bk-open-idea - `detail: {id}` to show the linked idea.
 * @event bk-reload - after a merge or undo, asks the app to load the ideas again.
 */
export class AdminIdeaMerge extends IdeaActionElement {
  static override styles = [
    adminStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0.5em 0;
      }
      li {
        border-block-start: 1px solid var(--_border);
        padding-block: 0.5em;
      }
      .text {
        margin: 0 0 0.25em;
        white-space: pre-line;
      }
      .meta {
        color: var(--_muted);
        margin: 0 0 0.25em;
      }
      a {
        color: var(--_accent);
        display: inline-block;
        min-block-size: var(--_touch);
        padding-block: 0.5em;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...IdeaActionElement.properties,
    ideas: { attribute: false },
    search: { state: true },
  };

  /** Every loaded idea: merge partners are found here. */
  declare ideas: AdminIdea[];
  declare search: string;

  constructor() {
    super();
    this.ideas = [];
    this.search = '';
  }

  protected override forgetIdea(): void {
    super.forgetIdea();
    this.search = '';
  }

  private open(e: Event, id: string) {
    e.preventDefault();
    this.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id }, bubbles: true, composed: true }));
  }

  /** Runs a merge or undo, says how it went, and focuses the outcome for keyboard users. */
  private async run(action: (api: IdeaGroupsApi) => Promise<unknown>, done: string) {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.failed = false;
    this.message = this.l.t('working');
    try {
      await action(this.api);
      this.message = done;
      this.search = '';
      this.dispatchEvent(new Event('bk-reload', { bubbles: true, composed: true }));
    } catch (error) {
      this.message = this.l.t('mergeFailed', { message: this.reason(error as AdminApiError) });
      this.failed = true;
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#merge-heading')?.focus();
  }

  /** Why the collector refused, in the page's language where the issue's code is known. */
  private reason(err: AdminApiError): string {
    if (err.status === 0) return this.l.t('networkError');
    const key = `mergeIssue.${err.issues?.[0]?.code ?? err.code}`;
    return this.l.has(key) ? this.l.t(key as keyof AdminStrings) : (err.issues?.[0]?.message ?? err.message);
  }

  private snippet(text: string) {
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  }

  private renderMergedWith(target: AdminIdea | undefined, targetId: string) {
    const l = this.l;
    return html`
      <p>
        ${l.t('mergedWith')}:
        <a href="#${targetId}" @click=${(e: Event) => this.open(e, targetId)}>${target ? `“${this.snippet(target.text)}”` : targetId}</a>
      </p>
      <p class="hint">${l.t('mergedHint')}</p>
      ${
        this.canEdit && this.api
          ? html`<button type="button" aria-disabled=${this.busy ? 'true' : 'false'}
            @click=${() => this.run((api) => api.unmergeIdea(this.idea!.id), l.t('unmergeDone'))}>${l.t('unmerge')}</button>`
          : ''
      }
    `;
  }

  private renderMerged(merged: AdminIdea[]) {
    const l = this.l;
    return html`
      <p>${l.t('mergedList', { count: merged.length })}</p>
      <ul>
        ${merged.map(
          (m) => html`<li>
            <p class="text" dir="auto">${m.text}</p>
            <p class="meta">${l.t('receivedOn', { date: this.formatDate(m.createdAt) })} · ${l.t('field.votes')}: ${m.votes}</p>
            <div class="row">
              <button type="button" aria-label=${`${l.t('open')}: ${this.snippet(m.text)}`} @click=${(e: Event) => this.open(e, m.id)}>${l.t('open')}</button>
              ${
                this.canEdit && this.api
                  ? html`<button type="button" aria-label=${l.t('unmergeOneLabel', { text: this.snippet(m.text) })}
                    aria-disabled=${this.busy ? 'true' : 'false'}
                    @click=${() => this.run((api) => api.unmergeIdea(m.id), l.t('unmergeDone'))}>${l.t('unmergeOne')}</button>`
                  : ''
              }
            </div>
          </li>`,
        )}
      </ul>
    `;
  }

  private renderSearch(idea: AdminIdea) {
    const l = this.l;
    const { direction, ideas } = mergeCandidates(this.ideas, idea, this.search);
    const searching = this.search.trim() !== '';
    const shown = ideas.slice(0, SHOWN_MAX);
    const merge = (other: AdminIdea) =>
      direction === 'into'
        ? this.run((api) => api.mergeIdeas(other.id, [idea.id]), l.t('mergeDone'))
        : this.run((api) => api.mergeIdeas(idea.id, [other.id]), l.t('mergeDone'));
    return html`
      <div class="field">
        <label for="merge-search">${l.t('mergeSearchLabel')}</label>
        <input id="merge-search" type="search" autocomplete="off" .value=${this.search} aria-describedby="merge-hint merge-count"
          @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
        <p class="hint" id="merge-hint">${direction === 'into' ? l.t('mergeSearchHint') : l.t('mergeSearchHintFrom')}</p>
      </div>
      <p id="merge-count" role="status" aria-live="polite">
        ${searching ? l.t('mergeFound', { count: ideas.length }) : ''}
        ${ideas.length > SHOWN_MAX && searching ? l.t('mergeMore', { max: SHOWN_MAX }) : ''}
      </p>
      ${
        searching && shown.length
          ? html`<ul class="candidates">
            ${shown.map(
              (other) => html`<li>
                <p class="text" dir="auto">${other.text}</p>
                <p class="meta">${l.t('receivedOn', { date: this.formatDate(other.createdAt) })} · ${this.label('status', other.status)}</p>
                <button type="button" data-id=${other.id} aria-disabled=${this.busy ? 'true' : 'false'}
                  aria-label=${l.t(direction === 'into' ? 'mergeIntoLabel' : 'mergeFromLabel', { text: this.snippet(other.text) })}
                  @click=${() => merge(other)}>${l.t(direction === 'into' ? 'mergeInto' : 'mergeFrom')}</button>
              </li>`,
            )}
          </ul>`
          : ''
      }
    `;
  }

  override render() {
    const idea = this.idea;
    if (!idea) return html``;
    const l = this.l;
    const merged = mergedInto(this.ideas, idea.id);
    const target = idea.mergedInto ? this.ideas.find((i) => i.id === idea.mergedInto) : undefined;
    const editable = this.canEdit && !!this.api;
    if (!idea.mergedInto && !merged.length && !editable) return html``;
    return html`
      <section aria-labelledby="merge-heading">
        <h3 id="merge-heading" tabindex="-1">${l.t('mergeHeading')}</h3>
        ${idea.mergedInto ? this.renderMergedWith(target, idea.mergedInto) : ''}
        ${merged.length ? this.renderMerged(merged) : ''}
        ${!idea.mergedInto && editable ? this.renderSearch(idea) : ''}
        <p class="status" role=${this.failed ? 'alert' : 'status'} aria-live=${this.failed ? 'assertive' : 'polite'}>${this.message}</p>
      </section>
    `;
  }
}
