import { css, html, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminIdea } from '../schema/admin.js';
import { IDEA_STATUSES } from '../schema/constants.js';
import { AdminElement } from './admin-element.js';
import { adminStyles } from './admin.styles.js';
import { categoriesOf, emptyFilter, filterIdeas, type IdeaFilter } from './idea-filter.js';
import { knownTags } from './idea-groups.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-open-idea': CustomEvent<{ id: string }>;
    'bk-reload': Event;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-inbox': AdminInbox;
  }
}

/**
 * The ideas inbox: newest first, filters, a search over the loaded list, and how many are shown.
 * Names and contact details are not listed: they are in the detail view only.
 *
 * @summary Inbox of ideas.
 * @event bk-open-idea - `detail: {id}` to show one idea.
 * @event bk-reload - asks the app to load the ideas again.
 */
export class AdminInbox extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.75em;
      }
      .text {
        margin: 0.25em 0;
        white-space: pre-line;
        display: -webkit-box;
        -webkit-line-clamp: 4;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .meta {
        color: var(--_muted);
        font-size: 0.95em;
      }
      .count {
        font-weight: 600;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    ideas: { attribute: false },
    loading: { type: Boolean },
    error: {},
    filter: { state: true },
  };

  declare ideas: AdminIdea[];
  declare loading: boolean;
  declare error: string;
  declare filter: IdeaFilter;

  constructor() {
    super();
    this.ideas = [];
    this.loading = false;
    this.error = '';
    this.filter = emptyFilter();
  }

  /** Put focus back on an idea's button (after closing its detail view). */
  async focusIdea(id: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  private set<K extends keyof IdeaFilter>(key: K) {
    return (e: Event) => {
      this.filter = { ...this.filter, [key]: (e.target as HTMLInputElement).value as IdeaFilter[K] };
    };
  }

  private open(id: string) {
    this.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id }, bubbles: true, composed: true }));
  }

  private renderFilters() {
    const l = this.l;
    const f = this.filter;
    const categories = categoriesOf(this.ideas);
    return html`
      <div class="field">
        <label for="search">${l.t('search')}</label>
        <input id="search" type="search" .value=${f.search} @input=${this.set('search')} aria-describedby="search-hint" />
        <p class="hint" id="search-hint">${l.t('searchHint')}</p>
      </div>
      <details>
        <summary>${l.t('filters')}</summary>
        <div class="grid">
          <div class="field">
            <label for="status">${l.t('statusLabel')}</label>
            <select id="status" .value=${f.status} @change=${this.set('status')}>
              <option value="" ?selected=${!f.status}>${l.t('any')}</option>
              ${IDEA_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${this.label('status', s)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="published">${l.t('publishedLabel')}</label>
            <select id="published" .value=${f.published} @change=${this.set('published')}>
              <option value="" ?selected=${!f.published}>${l.t('any')}</option>
              <option value="yes" ?selected=${f.published === 'yes'}>${l.t('yes')}</option>
              <option value="no" ?selected=${f.published === 'no'}>${l.t('no')}</option>
            </select>
          </div>
          <div class="field">
            <label for="from">${l.t('fromLabel')}</label>
            <input id="from" type="date" .value=${f.from} @change=${this.set('from')} />
          </div>
          <div class="field">
            <label for="to">${l.t('toLabel')}</label>
            <input id="to" type="date" .value=${f.to} @change=${this.set('to')} />
          </div>
          <div class="field">
            <label for="category">${l.t('categoryLabel')}</label>
            <select id="category" .value=${f.category} @change=${this.set('category')}>
              <option value="" ?selected=${!f.category}>${l.t('any')}</option>
              ${categories.map((c) => html`<option value=${c} ?selected=${f.category === c}>${c}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="tag">${l.t('tagLabel')}</label>
            <select id="tag" .value=${f.tag} @change=${this.set('tag')}>
              <option value="" ?selected=${!f.tag}>${l.t('any')}</option>
              ${knownTags(this.ideas).map((t) => html`<option value=${t} ?selected=${f.tag === t}>${t}</option>`)}
            </select>
          </div>
        </div>
        <button type="button" @click=${() => (this.filter = emptyFilter())}>${l.t('clearFilters')}</button>
      </details>
    `;
  }

  private renderIdea(idea: AdminIdea) {
    const l = this.l;
    return html`<li>
      <p class="text">${idea.text}</p>
      <p class="meta row">
        <span>${l.t('receivedOn', { date: this.formatDate(idea.createdAt) })}</span>
        <span class="badge">${this.label('status', idea.status)}</span>
        <span class="badge ${idea.published ? 'on' : ''}">${idea.published ? l.t('isPublished') : l.t('isHidden')}</span>
        ${idea.category ? html`<span>${idea.category}</span>` : ''}
        ${idea.mergedInto ? html`<span class="badge">${l.t('mergedBadge')}</span>` : ''}
        ${idea.tags.map((t) => html`<span class="badge">${t}</span>`)}
      </p>
      <button type="button" data-id=${idea.id} @click=${() => this.open(idea.id)}
        aria-label=${`${l.t('open')}: ${idea.text.slice(0, 60)}`}>${l.t('open')}</button>
    </li>`;
  }

  override render() {
    const l = this.l;
    const shown = filterIdeas(this.ideas, this.filter);
    const total = this.ideas.length;
    const count =
      shown.length === total ? l.t('count', { count: total }) : l.t('countOf', { shown: shown.length, count: total });
    return html`
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">${l.t('inboxHeading')}</h2>
        ${this.renderFilters()}
        <bk-admin-tag-overview .ideas=${this.ideas} .selected=${this.filter.tag}
          @bk-pick-tag=${(e: CustomEvent<{ tag: string }>) => (this.filter = { ...this.filter, tag: e.detail.tag })}></bk-admin-tag-overview>
        <p class="count" role="status" aria-live="polite">${this.loading ? l.t('loading') : count}</p>
        ${this.error
          ? html`<p role="alert">${l.t('loadFailed', { message: this.error })}</p>
              <button type="button" @click=${() => this.dispatchEvent(new Event('bk-reload', { bubbles: true, composed: true }))}>
                ${l.t('reload')}
              </button>`
          : ''}
        ${!this.loading && !this.error && shown.length === 0 ? html`<p>${l.t('noIdeas')}</p>` : ''}
        <ol aria-labelledby="inbox-heading">${repeat(shown, (i) => i.id, (i) => this.renderIdea(i))}</ol>
      </section>
    `;
  }
}
