import { css, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { AdminIdea } from '../schema/admin.js';
import { AdminElement } from './shared/admin-element.js';
import { adminStyles } from './shared/admin.styles.js';
import {
  AdminApiError,
  HttpAdminApi,
  hasCalendarApi,
  hasIdeaGroupsApi,
  hasInboxApi,
  hasManageApi,
  hasSectionsApi,
  hasVolunteerApi,
  type AdminApi,
  type Scopes,
} from './shared/api.js';
import type { HandledChange } from './inbox/handled.js';
import { knownTags } from './inbox/idea-groups.js';
import type { AdminIdeaDetail } from './inbox/idea-detail.js';
import type { AdminInbox } from './inbox/inbox.js';
import { clearSession, readSession, saveSession, type AdminSession } from './session.js';
import type { AdminStrings } from './shared/strings.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-app': AdminApp;
  }
}

type View = 'inbox' | 'house-meeting' | 'export' | 'calendar' | 'exports' | 'results' | 'privacy' | 'volunteers' | 'polls' | 'intake';

/**
 * The coordinator page: sign-in, then the sections the token's scopes allow (ideas inbox with
 * detail and moderation, the monthly agenda, the CSV export, the calendar). The token stays in sessionStorage.
 *
 * @summary Coordinator page.
 */
export class AdminApp extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      :host {
        max-inline-size: 60rem;
        margin-inline: auto;
        padding: var(--_space);
      }
      header {
        border-block-end: 2px solid var(--_accent);
        margin-block-end: 1em;
      }
      h1 {
        font-size: 1.5rem;
      }
      nav ul {
        list-style: none;
        padding: 0;
        margin: 0.5em 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      nav button[aria-current='page'] {
        color: var(--_accent-text);
        background: var(--_accent);
      }
      .lang select {
        inline-size: auto;
      }
      @media print {
        :host {
          padding: 0;
          max-inline-size: none;
        }
        header,
        nav {
          display: none;
        }
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    apiBase: { attribute: 'api-base' },
    apiFactory: { attribute: false },
    session: { state: true },
    scopes: { state: true },
    view: { state: true },
    ideas: { state: true },
    loading: { state: true },
    loadError: { state: true },
    selected: { state: true },
    signInError: { state: true },
    busy: { state: true },
  };

  /** Where the collector is; '' (the default) is this page's own origin. */
  declare apiBase: string;
  /** Makes the API client for a session; tests and stories hand in their own. */
  declare apiFactory: ((session: AdminSession, apiBase: string) => AdminApi) | undefined;
  declare session: AdminSession | undefined;
  declare scopes: Scopes | undefined;
  declare view: View;
  declare ideas: AdminIdea[];
  declare loading: boolean;
  declare loadError: string;
  declare selected: string | undefined;
  declare signInError: string;
  declare busy: boolean;

  api: AdminApi | undefined;

  constructor() {
    super();
    this.apiBase = '';
    this.view = 'inbox';
    this.ideas = [];
    this.loading = false;
    this.loadError = '';
    this.signInError = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // "Mark as handled" on an idea, in the inbox list or its detail view: the app keeps the ideas.
    this.addEventListener('bk-handled', this.ideaHandled);
    const saved = readSession();
    if (saved && !this.session) void this.signIn(saved);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The document's language follows the page's, for screen readers and hyphenation.
    if (changed.has('lang') && this.lang) document.documentElement.lang = this.lang;
  }

  private makeApi(session: AdminSession): AdminApi {
    return this.apiFactory?.(session, this.apiBase) ?? new HttpAdminApi(session.token, session.site, this.apiBase);
  }

  private errorText(error: unknown): string {
    const err = error as AdminApiError;
    if (!(err instanceof AdminApiError)) return String(err);
    if (err.status === 0) return this.l.t('networkError');
    if (err.status === 401) return this.l.t('badToken');
    if (err.code === 'site_not_found') return this.l.t('siteNotFound');
    return err.message;
  }

  async signIn(session: AdminSession): Promise<void> {
    this.busy = true;
    this.signInError = '';
    const api = this.makeApi(session);
    try {
      const scopes = await api.scopes();
      if (!scopes.read && !scopes.moderate && !scopes.export) throw new Error(this.l.t('noAccess'));
      this.api = api;
      this.scopes = scopes;
      this.session = session;
      saveSession(session);
      this.view = scopes.read ? 'inbox' : hasSectionsApi(api) ? 'exports' : 'export';
      if (scopes.read) void this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    } catch (error) {
      this.signInError = this.errorText(error);
      // A stored session that no longer works is dropped, not retried on every load.
      clearSession();
    } finally {
      this.busy = false;
    }
  }

  signOut(): void {
    clearSession();
    this.api = undefined;
    this.session = undefined;
    this.scopes = undefined;
    this.ideas = [];
    this.selected = undefined;
    this.loadError = '';
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.loading = true;
    this.loadError = '';
    try {
      this.ideas = await this.api.listIdeas();
    } catch (error) {
      this.loadError = this.errorText(error);
    } finally {
      this.loading = false;
    }
  }

  private async open(id: string) {
    this.selected = id;
    await this.updateComplete;
    await this.renderRoot.querySelector<AdminIdeaDetail>('bk-admin-idea-detail')?.focusHeading();
  }

  private async close(id: string) {
    this.selected = undefined;
    await this.updateComplete;
    await this.renderRoot.querySelector<AdminInbox>('bk-admin-inbox')?.focusIdea(id);
  }

  private readonly ideaHandled = (e: CustomEvent<HandledChange>) => {
    const { kind, id, handledAt, handledBy } = e.detail;
    const idea = kind === 'idea' ? this.ideas.find((i) => i.id === id) : undefined;
    if (idea) this.saved({ ...idea, handledAt, handledBy });
  };

  private saved(idea: AdminIdea) {
    this.ideas = this.ideas.map((i) => (i.id === idea.id ? idea : i));
  }

  private setLang(e: Event) {
    this.lang = (e.target as HTMLSelectElement).value;
  }

  private renderHeader() {
    const l = this.l;
    return html`<header>
      <div class="row">
        <h1 tabindex="-1">${l.t('title')}</h1>
        <div class="lang check">
          <label for="lang">${l.t('language')}</label>
          <select id="lang" @change=${this.setLang}>
            <option value="nl" ?selected=${l.locale === 'nl'} lang="nl">Nederlands</option>
            <option value="en" ?selected=${l.locale === 'en'} lang="en">English</option>
          </select>
        </div>
      </div>
      ${
        this.session
          ? html`<p class="row">
            <span>${l.t('signedInAs', { site: this.session.site })}</span>
            <button type="button" class="sign-out" @click=${this.signOut}>${l.t('signOut')}</button>
          </p>`
          : ''
      }
    </header>`;
  }

  private renderNav() {
    const s = this.scopes!;
    const items: [View, keyof AdminStrings, boolean][] = [
      ['inbox', 'nav.inbox', s.read],
      ['house-meeting', 'nav.houseMeeting', s.read],
      // The ideas-only download, for an API without the downloads section; otherwise that section
      // offers everything, and one menu item is enough.
      ['export', 'nav.export', s.export && !hasSectionsApi(this.api)],
      ['calendar', 'nav.calendar', s.read && hasCalendarApi(this.api)],
      ['exports', 'nav.exports', s.export && hasSectionsApi(this.api)],
      ['results', 'nav.results', s.read && hasSectionsApi(this.api)],
      ['privacy', 'nav.privacy', !!s.admin && hasSectionsApi(this.api)],
      ['volunteers', 'nav.volunteers', s.read && hasVolunteerApi(this.api)],
      ['polls', 'nav.polls', s.read && hasManageApi(this.api)],
      ['intake', 'nav.intake', s.read && hasManageApi(this.api)],
    ];
    return html`<nav aria-label=${this.l.t('sections')}>
      <ul>
        ${items
          .filter(([, , allowed]) => allowed)
          .map(
            ([view, key]) => html`<li>
              <button type="button" data-view=${view} aria-current=${this.view === view ? 'page' : 'false'}
                @click=${() => {
                  this.view = view;
                  this.selected = undefined;
                }}>${this.l.t(key)}</button>
            </li>`,
          )}
      </ul>
    </nav>`;
  }

  private renderInbox() {
    const idea = this.selected ? this.ideas.find((i) => i.id === this.selected) : undefined;
    return html`
      <bk-admin-inbox .ideas=${this.ideas} ?loading=${this.loading} .error=${this.loadError} ?hidden=${!!idea}
        .api=${hasInboxApi(this.api) ? this.api : undefined} ?can-handle=${!!this.scopes?.moderate}
        @bk-open-idea=${(e: CustomEvent<{ id: string }>) => this.open(e.detail.id)} @bk-reload=${this.load}></bk-admin-inbox>
      ${
        idea
          ? html`<bk-admin-idea-detail .idea=${idea} @bk-close-idea=${(e: CustomEvent<{ id: string }>) => this.close(e.detail.id)}
            @bk-idea-saved=${(e: CustomEvent<AdminIdea>) => this.saved(e.detail)} @bk-reload=${this.load}
            @bk-open-idea=${(e: CustomEvent<{ id: string }>) => this.open(e.detail.id)}>
            ${
              this.scopes?.moderate && hasInboxApi(this.api)
                ? html`<bk-admin-handled .api=${this.api} kind="idea" item-id=${idea.id} .handledAt=${idea.handledAt}
                  .handledBy=${idea.handledBy}></bk-admin-handled>`
                : ''
            }
            ${
              this.scopes?.moderate
                ? html`<bk-admin-moderation .idea=${idea} .api=${this.api}></bk-admin-moderation>`
                : html`<p class="hint">${this.l.t('noModerate')}</p>`
            }
            ${this.renderIdeaGroups(idea)}
          </bk-admin-idea-detail>`
          : ''
      }
    `;
  }

  /** Tags and duplicates of the shown idea, when the API has them. */
  private renderIdeaGroups(idea: AdminIdea) {
    const api = hasIdeaGroupsApi(this.api) ? this.api : undefined;
    if (!api) return '';
    const canEdit = !!this.scopes?.moderate;
    return html`<bk-admin-idea-tags .idea=${idea} .api=${api} .known=${knownTags(this.ideas)} ?can-edit=${canEdit}></bk-admin-idea-tags>
      <bk-admin-idea-merge .idea=${idea} .ideas=${this.ideas} .api=${api} ?can-edit=${canEdit}></bk-admin-idea-merge>`;
  }

  private renderView() {
    switch (this.view) {
      case 'inbox':
        return this.renderInbox();
      case 'house-meeting':
        return html`<bk-admin-house-meeting .ideas=${this.ideas}></bk-admin-house-meeting>`;
      case 'export':
        return html`<bk-admin-export .api=${this.api}></bk-admin-export>`;
      case 'calendar':
        return html`<bk-admin-calendar .api=${hasCalendarApi(this.api) ? this.api : undefined} ?can-edit=${!!this.scopes?.moderate}
          ?can-export=${!!this.scopes?.export}></bk-admin-calendar>`;
      case 'exports':
      case 'results':
      case 'privacy':
      case 'volunteers':
        return this.renderSection(this.view);
      case 'polls':
      case 'intake':
        return this.renderManage(this.view);
    }
  }

  // — exports, results and privacy sections —

  private renderSection(view: 'exports' | 'results' | 'privacy' | 'volunteers') {
    if (view === 'volunteers') {
      const volunteers = hasVolunteerApi(this.api) ? this.api : undefined;
      return html`<bk-admin-volunteers .api=${volunteers} ?can-edit=${!!this.scopes?.moderate}></bk-admin-volunteers>`;
    }
    const api = hasSectionsApi(this.api) ? this.api : undefined;
    if (view === 'exports') return html`<bk-admin-exports .api=${api} ?can-audit=${!!this.scopes?.admin}></bk-admin-exports>`;
    if (view === 'results') return html`<bk-admin-results .api=${api}></bk-admin-results>`;
    return html`<bk-admin-privacy .api=${api}></bk-admin-privacy>`;
  }

  // — manage polls and the welcome intake's questions —

  private renderManage(view: 'polls' | 'intake') {
    const api = hasManageApi(this.api) ? this.api : undefined;
    const canEdit = !!this.scopes?.moderate;
    return view === 'polls'
      ? html`<bk-admin-polls .api=${api} ?can-edit=${canEdit}></bk-admin-polls>`
      : html`<bk-admin-intake-flow .api=${api} ?can-edit=${canEdit}></bk-admin-intake-flow>`;
  }

  override render() {
    return html`
      ${this.renderHeader()}
      ${
        this.session && this.scopes
          ? html`${this.renderNav()}<main>${this.renderView()}</main>`
          : html`<main>
            <bk-admin-sign-in .site=${readSession()?.site ?? ''} ?busy=${this.busy} .error=${this.signInError}
              @bk-sign-in=${(e: CustomEvent<AdminSession>) => this.signIn(e.detail)}></bk-admin-sign-in>
          </main>`
      }
    `;
  }
}
