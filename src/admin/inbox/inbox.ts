import { css, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminIdea } from '../../schema/admin.js';
import { IDEA_STATUSES, type HandledKind } from '../../schema/constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { hasInboxApi, type InboxApi } from '../shared/api.js';
import type { AdminEntryDetail } from './entry-detail.js';
import { problemText } from '../exports/exports.js';
import type { HandledChange } from './handled.js';
import { categoriesOf, emptyFilter, filterIdeas, type IdeaFilter, type ListFilter } from './idea-filter.js';
import {
  emptyData,
  emptyEntryFilter,
  entriesOf,
  facetsOf,
  filterEntries,
  loadInboxData,
  type EntryFilter,
  type EntryFormat,
  type EntryTab,
  type InboxData,
  type InboxEntry,
  type InboxTab,
} from './inbox-entries.js';
import type { AdminStrings } from '../shared/strings.js';
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

/** Each entry tab's own filter: its label and the select's id. */
const FACETS: Record<EntryTab, { label: keyof AdminStrings; id: string }> = {
  intakes: { label: 'topicLabel', id: 'topic' },
  signups: { label: 'roleLabel', id: 'role' },
  responses: { label: 'pollLabel', id: 'poll' },
};

/** A list row, whatever the kind: never a name or contact detail. */
interface Row {
  kind: HandledKind;
  id: string;
  summary: string;
  receivedAt: string;
  badges: { text: string; on?: boolean }[];
  handledAt: string | null;
  handledBy: string | null;
}

/**
 * The inbox per widget: a tab for ideas and one for each other widget the site uses (welcome
 * talks, volunteer sign-ups, poll responses with a comment or story), each newest first, with
 * filters (period, handled or not, and the widget's own: category, topic, role, poll), a search
 * over the loaded list, a detail view and, with `can-handle`, "mark as handled" and its undo.
 * Names and contact details are never listed: they are in the detail views only. Ideas come from
 * the app (which shows their detail with moderation); the rest the inbox loads through `api`.
 *
 * @summary Inbox per widget.
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
      .tabs button[aria-pressed='true'] {
        color: var(--_accent-text);
        background: var(--_accent);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    ideas: { attribute: false },
    loading: { type: Boolean },
    error: {},
    api: { attribute: false },
    canHandle: { type: Boolean, attribute: 'can-handle' },
    filter: { state: true },
    tab: { state: true },
    data: { state: true },
    dataLoading: { state: true },
    dataErrors: { state: true },
    entryFilters: { state: true },
    opened: { state: true },
  };

  declare ideas: AdminIdea[];
  declare loading: boolean;
  declare error: string;
  /** Loads the other widgets' items and marks items as handled; without it the inbox has ideas only. */
  declare api: InboxApi | undefined;
  declare canHandle: boolean;
  declare filter: IdeaFilter;
  declare tab: InboxTab;
  declare data: InboxData;
  declare dataLoading: boolean;
  declare dataErrors: Partial<Record<EntryTab, string>>;
  declare entryFilters: Record<EntryTab, EntryFilter>;
  /** The entry whose detail is shown (ideas: the app shows theirs). */
  declare opened: string | undefined;

  constructor() {
    super();
    this.ideas = [];
    this.loading = false;
    this.error = '';
    this.canHandle = false;
    this.filter = emptyFilter();
    this.tab = 'ideas';
    this.data = emptyData();
    this.dataLoading = false;
    this.dataErrors = {};
    this.entryFilters = { intakes: emptyEntryFilter(), signups: emptyEntryFilter(), responses: emptyEntryFilter() };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && hasInboxApi(this.api)) void this.loadEntries(this.api);
    if (!this.tabs().includes(this.tab)) this.tab = 'ideas';
  }

  /** Put focus back on an item's button (after closing its detail view). */
  async focusIdea(id: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  /** Loads intakes, sign-ups and poll responses; a widget that fails says so in its tab. */
  async loadEntries(api: InboxApi): Promise<void> {
    this.dataLoading = true;
    const { data, errors } = await loadInboxData(api, (error) => problemText(this.l, error));
    this.data = data;
    this.dataErrors = errors;
    this.dataLoading = false;
  }

  private get format(): EntryFormat {
    return { t: (key, params) => this.l.t(key, params), date: (iso) => this.formatDate(iso) };
  }

  private entries(tab: EntryTab): InboxEntry[] {
    return entriesOf(tab, this.data, this.format);
  }

  /** Ideas always; another widget's tab once it has items (or could not be loaded). */
  private tabs(): InboxTab[] {
    const d = this.data;
    const counts: Record<EntryTab, number> = {
      intakes: d.intakes.length,
      signups: d.applications.length + d.signups.length,
      responses: d.responses.length,
    };
    return ['ideas', ...(Object.keys(counts) as EntryTab[]).filter((t) => this.dataErrors[t] || counts[t] > 0)];
  }

  private onHandled(e: CustomEvent<HandledChange>) {
    const { kind, id, handledAt, handledBy } = e.detail;
    const update = <T extends { id: string }>(list: T[]) => list.map((r) => (r.id === id ? { ...r, handledAt, handledBy } : r));
    const d = this.data;
    if (kind === 'intake') this.data = { ...d, intakes: update(d.intakes) };
    if (kind === 'application') this.data = { ...d, applications: update(d.applications) };
    if (kind === 'signup') this.data = { ...d, signups: update(d.signups) };
    if (kind === 'poll-response') this.data = { ...d, responses: update(d.responses) };
    // Ideas belong to the app: the event goes on to it.
  }

  private setFilter(key: keyof IdeaFilter | keyof EntryFilter) {
    return (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      if (this.tab === 'ideas') this.filter = { ...this.filter, [key]: value };
      else this.entryFilters = { ...this.entryFilters, [this.tab]: { ...this.entryFilters[this.tab], [key]: value } };
    };
  }

  private clearFilters() {
    if (this.tab === 'ideas') this.filter = emptyFilter();
    else this.entryFilters = { ...this.entryFilters, [this.tab]: emptyEntryFilter() };
  }

  private async open(row: Row) {
    if (row.kind === 'idea') {
      this.dispatchEvent(new CustomEvent('bk-open-idea', { detail: { id: row.id }, bubbles: true, composed: true }));
      return;
    }
    this.opened = row.id;
    await this.updateComplete;
    await this.renderRoot.querySelector<AdminEntryDetail>('bk-admin-entry-detail')?.focusHeading();
  }

  private async closeEntry(id: string) {
    this.opened = undefined;
    await this.focusIdea(id);
  }

  /** Search, period and handled: the fields every tab has; `extra` are the tab's own. */
  private renderFilters(f: ListFilter, extra: TemplateResult, hint: keyof AdminStrings) {
    const l = this.l;
    return html`
      <div class="field">
        <label for="search">${l.t('search')}</label>
        <input id="search" type="search" .value=${f.search} @input=${this.setFilter('search')} aria-describedby="search-hint" />
        <p class="hint" id="search-hint">${l.t(hint)}</p>
      </div>
      <details>
        <summary>${l.t('filters')}</summary>
        <div class="grid">
          ${extra}
          <div class="field">
            <label for="handled">${l.t('handledLabel')}</label>
            <select id="handled" .value=${f.handled} @change=${this.setFilter('handled')}>
              <option value="" ?selected=${!f.handled}>${l.t('any')}</option>
              <option value="yes" ?selected=${f.handled === 'yes'}>${l.t('handledYes')}</option>
              <option value="no" ?selected=${f.handled === 'no'}>${l.t('handledNo')}</option>
            </select>
          </div>
          <div class="field">
            <label for="from">${l.t('fromLabel')}</label>
            <input id="from" type="date" .value=${f.from} @change=${this.setFilter('from')} />
          </div>
          <div class="field">
            <label for="to">${l.t('toLabel')}</label>
            <input id="to" type="date" .value=${f.to} @change=${this.setFilter('to')} />
          </div>
        </div>
        <button type="button" @click=${this.clearFilters}>${l.t('clearFilters')}</button>
      </details>
    `;
  }

  private renderSelect(
    id: string,
    label: keyof AdminStrings,
    value: string,
    key: 'status' | 'published' | 'category' | 'tag' | 'facet',
    options: [string, string][],
  ) {
    const l = this.l;
    return html`<div class="field">
      <label for=${id}>${l.t(label)}</label>
      <select id=${id} .value=${value} @change=${this.setFilter(key)}>
        <option value="" ?selected=${!value}>${l.t('any')}</option>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${value === v}>${text}</option>`)}
      </select>
    </div>`;
  }

  private renderRow(row: Row) {
    const l = this.l;
    return html`<li>
      <p class="text" dir="auto">${row.summary}</p>
      <p class="meta row">
        <span>${l.t('receivedOn', { date: this.formatDate(row.receivedAt) })}</span>
        ${row.badges.map((b) => html`<span class="badge ${b.on ? 'on' : ''}">${b.text}</span>`)}
        ${row.handledAt ? html`<span class="badge on">${l.t('handledYes')}</span>` : ''}
      </p>
      <div class="row">
        <button type="button" data-id=${row.id} @click=${() => this.open(row)}
          aria-label=${`${l.t('open')}: ${row.summary.slice(0, 60)}`}>${l.t('open')}</button>
        ${
          this.canHandle
            ? html`<bk-admin-handled .api=${this.api} kind=${row.kind} item-id=${row.id} item-label=${row.summary}
              .handledAt=${row.handledAt} .handledBy=${row.handledBy}></bk-admin-handled>`
            : ''
        }
      </div>
    </li>`;
  }

  /** Count, load error, "nothing found" and the rows: the same for every tab. */
  private renderList(rows: Row[], count: string, state: { loading: boolean; error: string; empty: keyof AdminStrings }) {
    const l = this.l;
    return html`
      <p class="count" role="status" aria-live="polite">${state.loading ? l.t('loading') : count}</p>
      ${
        state.error
          ? html`<p role="alert">${this.tab === 'ideas' ? l.t('loadFailed', { message: state.error }) : l.t('inbox.loadFailed', { message: state.error })}</p>
            <button type="button" @click=${this.reload}>${l.t('reload')}</button>`
          : ''
      }
      ${!state.loading && !state.error && rows.length === 0 ? html`<p>${l.t(state.empty)}</p>` : ''}
      <ol aria-labelledby="inbox-heading">${repeat(
        rows,
        (r) => r.id,
        (r) => this.renderRow(r),
      )}</ol>
    `;
  }

  private reload() {
    if (this.tab === 'ideas') this.dispatchEvent(new Event('bk-reload', { bubbles: true, composed: true }));
    else if (hasInboxApi(this.api)) void this.loadEntries(this.api);
  }

  private renderIdeas() {
    const l = this.l;
    const f = this.filter;
    const shown = filterIdeas(this.ideas, f);
    const total = this.ideas.length;
    const count = shown.length === total ? l.t('count', { count: total }) : l.t('countOf', { shown: shown.length, count: total });
    const extra = html`
      ${this.renderSelect(
        'status',
        'statusLabel',
        f.status,
        'status',
        IDEA_STATUSES.map((s) => [s, this.label('status', s)]),
      )}
      ${this.renderSelect('published', 'publishedLabel', f.published, 'published', [
        ['yes', l.t('yes')],
        ['no', l.t('no')],
      ])}
      ${this.renderSelect(
        'category',
        'categoryLabel',
        f.category,
        'category',
        categoriesOf(this.ideas).map((c) => [c, c]),
      )}
      ${this.renderSelect(
        'tag',
        'tagLabel',
        f.tag,
        'tag',
        knownTags(this.ideas).map((t) => [t, t]),
      )}
    `;
    const rows = shown.map((idea): Row => ({
      kind: 'idea',
      id: idea.id,
      summary: idea.text,
      receivedAt: idea.createdAt,
      badges: [
        { text: this.label('status', idea.status) },
        { text: idea.published ? l.t('isPublished') : l.t('isHidden'), on: idea.published },
        ...(idea.category ? [{ text: idea.category }] : []),
        ...(idea.mergedInto ? [{ text: l.t('mergedBadge') }] : []),
        ...idea.tags.map((t) => ({ text: t })),
      ],
      handledAt: idea.handledAt,
      handledBy: idea.handledBy,
    }));
    return html`${this.renderFilters(f, extra, 'searchHint')}
      <bk-admin-tag-overview .ideas=${this.ideas} .selected=${f.tag}
        @bk-pick-tag=${(e: CustomEvent<{ tag: string }>) => (this.filter = { ...this.filter, tag: e.detail.tag })}></bk-admin-tag-overview>
      ${this.renderList(rows, count, { loading: this.loading, error: this.error, empty: 'noIdeas' })}`;
  }

  private renderEntries(tab: EntryTab) {
    const l = this.l;
    const f = this.entryFilters[tab];
    const all = this.entries(tab);
    const opened = this.opened ? all.find((e) => e.id === this.opened) : undefined;
    const shown = filterEntries(all, f);
    const count =
      shown.length === all.length
        ? l.t(`inbox.count.${tab}`, { count: all.length })
        : l.t(`inbox.countOf.${tab}`, { shown: shown.length, count: all.length });
    const facet = FACETS[tab];
    const extra = this.renderSelect(
      facet.id,
      facet.label,
      f.facet,
      'facet',
      facetsOf(all).map((v) => [v, v]),
    );
    const rows = shown.map((e): Row => ({ ...e, badges: e.badges.map((text) => ({ text })) }));
    return html`
      <div ?hidden=${!!opened}>
        ${this.renderFilters(f, extra, 'inbox.searchHint')}
        ${this.renderList(rows, count, { loading: this.dataLoading, error: this.dataErrors[tab] ?? '', empty: 'inbox.empty' })}
      </div>
      ${
        opened
          ? html`<bk-admin-entry-detail .entry=${opened} .api=${this.api} ?can-handle=${this.canHandle}
            @bk-close-entry=${(e: CustomEvent<{ id: string }>) => this.closeEntry(e.detail.id)}></bk-admin-entry-detail>`
          : ''
      }
    `;
  }

  private renderTabs(tabs: InboxTab[]) {
    const l = this.l;
    if (tabs.length < 2) return '';
    return html`<div class="row tabs" role="group" aria-label=${l.t('inbox.kinds')}>
      ${tabs.map(
        (t) => html`<button type="button" data-tab=${t} aria-pressed=${this.tab === t ? 'true' : 'false'}
          @click=${() => {
            this.tab = t;
            this.opened = undefined;
          }}>${l.t(`inbox.tab.${t}`)}</button>`,
      )}
    </div>`;
  }

  override render() {
    return html`
      <section aria-labelledby="inbox-heading" @bk-handled=${this.onHandled}>
        <h2 id="inbox-heading">${this.l.t('nav.inbox')}</h2>
        ${this.renderTabs(this.tabs())}
        ${this.tab === 'ideas' ? this.renderIdeas() : this.renderEntries(this.tab)}
      </section>
    `;
  }
}
