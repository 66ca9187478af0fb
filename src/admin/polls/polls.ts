import { dutchText } from '../../schema/localized-text.js';
import { html, nothing, type PropertyDeclarations } from 'lit';
import type { PollDefinition } from '../../schema/poll-constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { hasCalendarApi, type ManageApi, type SitePoll } from '../shared/api.js';
import { problemText } from '../exports/exports.js';
import { manageFormStyles } from '../shared/manage-styles.js';
import type { AdminPollForm } from './poll-form.js';
import { pollState } from './poll-draft.js';
import { localDate } from '../volunteers/volunteers.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-polls': AdminPolls;
  }
}

/**
 * The site's polls: the built-in ones until replaced and those a coordinator
 * made, each with its kind and whether it is open; with `moderate`, a new poll and changing one
 * (`bk-admin-poll-form`). Polls are not deleted: closing one is giving it a period that has ended.
 *
 * @summary Polls section.
 */
export class AdminPolls extends AdminElement {
  static override styles = [adminStyles, manageFormStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    polls: { state: true },
    activities: { state: true },
    error: { state: true },
    editing: { state: true },
    message: { state: true },
  };

  declare api: ManageApi | undefined;
  /** Show "new poll" and "change" (the token has `moderate`). */
  declare canEdit: boolean;
  declare polls: SitePoll[] | undefined;
  declare activities: { id: string; title: string }[];
  declare error: string;
  /** The poll being changed, `null` for a new one, undefined when the list shows. */
  declare editing: PollDefinition | null | undefined;
  declare message: string;
  private loadedFrom: ManageApi | undefined;

  constructor() {
    super();
    this.canEdit = false;
    this.activities = [];
    this.error = '';
    this.message = '';
  }

  protected override willUpdate(): void {
    if (this.api && this.api !== this.loadedFrom) {
      this.loadedFrom = this.api;
      void this.load();
    }
  }

  async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.error = '';
    try {
      this.polls = await api.pollDefinitions();
      if (hasCalendarApi(api)) {
        const items = await api.listActivities();
        this.activities = items.filter((i) => i.kind === 'activity').map((i) => ({ id: i.data.id, title: i.data.title }));
      }
    } catch (error) {
      this.error = this.l.t('resultsFailed', { message: problemText(this.l, error) });
    }
  }

  private async edit(poll: PollDefinition | null) {
    this.editing = poll;
    this.message = '';
    await this.updateComplete;
    await this.renderRoot.querySelector<AdminPollForm>('bk-admin-poll-form')?.focusHeading();
  }

  private async closeForm(saved?: PollDefinition) {
    const was = this.editing;
    this.editing = undefined;
    if (saved) {
      this.message = this.l.t('pollSaved', { title: dutchText(saved.title ?? saved.question) || saved.id });
      const polls = this.polls ?? [];
      const entry = { poll: saved, builtIn: false, createdAt: null, updatedAt: null };
      this.polls = polls.some((p) => p.poll.id === saved.id) ? polls.map((p) => (p.poll.id === saved.id ? entry : p)) : [...polls, entry];
    }
    await this.updateComplete;
    const id = saved?.id ?? was?.id;
    this.renderRoot.querySelector<HTMLElement>(id ? `[data-id="${id}"] .edit` : '.new-poll')?.focus();
  }

  private renderPoll({ poll, builtIn }: SitePoll) {
    const l = this.l;
    const state = pollState(poll, localDate());
    const activity = poll.activityId && (this.activities.find((a) => a.id === poll.activityId)?.title ?? poll.activityId);
    return html`<li data-id=${poll.id}>
      <h3>${dutchText(poll.title ?? poll.question) || poll.id}</h3>
      <p>${l.t(`kind.${poll.kind}`)}${poll.title && poll.question ? html` — ${dutchText(poll.question)}` : nothing}</p>
      <p class="row">
        <span class="badge ${state === 'open' ? 'on' : ''}">${l.t(`pollState.${state}`)}</span>
        ${builtIn ? html`<span class="badge">${l.t('pollBuiltIn')}</span>` : nothing}
        ${poll.period ? html`<span>${l.t('pollPeriod', { from: this.day(poll.period.from), to: this.day(poll.period.to) })}</span>` : nothing}
        ${activity ? html`<span>${l.t('pollForActivity', { title: activity })}</span>` : nothing}
      </p>
      ${
        this.canEdit
          ? html`<button type="button" class="edit" aria-label=${l.t('editTitle', { title: dutchText(poll.title ?? poll.question) || poll.id })}
            @click=${() => this.edit(poll)}>${l.t('edit')}</button>`
          : nothing
      }
    </li>`;
  }

  private day(date: string) {
    return this.formatDate(`${date}T12:00:00Z`, false);
  }

  override render() {
    const l = this.l;
    if (this.editing !== undefined) {
      return html`<bk-admin-poll-form .api=${this.api} .poll=${this.editing ?? undefined} .activities=${this.activities}
        .existingIds=${(this.polls ?? []).map((p) => p.poll.id)}
        @bk-poll-saved=${(e: CustomEvent<PollDefinition>) => this.closeForm(e.detail)} @bk-poll-cancel=${() => this.closeForm()}></bk-admin-poll-form>`;
    }
    return html`<section aria-labelledby="polls-heading">
      <h2 id="polls-heading">${l.t('pollsHeading')}</h2>
      <p class="hint">${l.t('pollsIntro')}</p>
      ${
        this.canEdit
          ? html`<button type="button" class="new-poll primary" @click=${() => this.edit(null)}>${l.t('pollNew')}</button>`
          : html`<p class="hint">${l.t('noManageModerate')}</p>`
      }
      <p class="status" role="status">${this.message}</p>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.polls === undefined && !this.error ? html`<p>${l.t('loading')}</p>` : nothing}
      ${this.polls?.length ? html`<ul class="list">${this.polls.map((p) => this.renderPoll(p))}</ul>` : nothing}
    </section>`;
  }
}
