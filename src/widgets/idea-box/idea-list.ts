/**
 * The public list of `<idea-box>`: published ideas with their status and the coordinator's
 * answer, and an upvote per idea, once per browser. Collector mode only: in webhook mode, or when
 * the list cannot be loaded, nothing is shown. All idea text is rendered as text.
 *
 * Loaded on demand: `<idea-box>` imports this module (with its strings and styles) only when the
 * list is shown, so the form never waits for it. Votes go through the widget's outbox like ideas.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { PublishedIdea } from '../../schema/idea-box.js';
import type { DeliveryResult } from '../../core/delivery.js';
import { ideasUrl, type OutboxRequest, type ResolvedEndpoint } from '../../core/endpoint.js';
import { withDates } from '../../core/warm-dates.js';
import { Loader, type LoaderHost } from '../../core/load.js';
import { checkAnswer } from '../../core/not-connected.js';
import { voteRequest } from '../../core/request.js';
import { buildEnvelope } from '../../core/envelope.js';
import { formatsFor } from '../../core/formats.js';
import type { LocalizeController } from '../../core/localize.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import { listEn, listNl } from './list-strings.js';
import type { IdeaBoxStrings } from './strings.js';
import { readVotes, rememberVote } from './votes-store.js';

export { listStyles } from './idea-list.styles.js';

type Deliver = (envelope: EnvelopeBase, request: OutboxRequest) => Promise<DeliveryResult>;

function formatDate(value: string, locale: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? '' : formatsFor(locale, undefined).dateOf(ms, { dateStyle: 'long' });
}

function isIdea(x: unknown): x is PublishedIdea {
  const i = x as PublishedIdea | null;
  return typeof i?.id === 'string' && typeof i.text === 'string' && typeof i.status === 'string';
}

export class IdeaListController {
  /**
   * The list, read with backoff while it cannot be loaded; "could not load, we will try again"
   * shows in its place meanwhile.
   */
  readonly read: Loader<PublishedIdea[], readonly [string]>;
  voted = new Set<string>();
  message = '';
  tone: StatusTone = 'info';
  /** Votes made on this page since the list loaded, added to the loaded counts. */
  private readonly fresh = new Set<string>();
  private cfg: ResolvedEndpoint | undefined;
  private url = '';
  private loadedAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & LoaderHost,
    private readonly l: LocalizeController<IdeaBoxStrings>,
    private readonly deliver: Deliver,
  ) {
    l.add({ nl: listNl, en: listEn });
    this.read = new Loader(host, {
      args: () => (this.url ? ([this.url] as const) : undefined),
      task: async ([url], signal) => {
        const res = await checkAnswer(await fetch(url, { credentials: 'omit', cache: 'no-store', signal }));
        const body = (await res.json()) as { ideas?: unknown } | null;
        this.fresh.clear();
        this.loadedAt = performance.now();
        // Shown with dates: the date formatter's set-up is finished first (see `withDates`).
        return withDates(Array.isArray(body?.ideas) ? body.ideas.filter(isIdea) : []);
      },
      endpoint: () => this.cfg,
    });
  }

  /** Undefined while not shown: not loaded, failed, webhook mode or hidden. */
  get ideas(): PublishedIdea[] | undefined {
    return this.read.value;
  }

  /** Call before each render: the list URL (read when it changes); `show` only in collector mode. */
  sync(cfg: ResolvedEndpoint | undefined, show: boolean, limit: number): void {
    const url = cfg && show ? `${ideasUrl(cfg)}${limit > 0 ? `?limit=${Math.min(limit, 500)}` : ''}` : '';
    if (url === this.url) return;
    this.url = url;
    this.cfg = cfg;
    if (cfg && url) this.voted = readVotes(cfg.site);
  }

  async vote(idea: PublishedIdea): Promise<void> {
    const cfg = this.cfg;
    if (!cfg || this.voted.has(idea.id)) return;
    this.setVoted(idea.id, true);
    this.say('', 'info');
    const envelope = buildEnvelope({
      site: cfg.site,
      widget: 'idea-box',
      locale: this.l.lang,
      data: { kind: 'vote', ideaId: idea.id },
      trap: { honeypot: '', elapsedMs: Math.round(performance.now() - this.loadedAt) },
    });
    this.settle(idea.id, await this.deliver(envelope, voteRequest(cfg, idea.id, envelope)));
  }

  /** The outcome of a vote, now or after it waited in the outbox. */
  settle(ideaId: string, result: DeliveryResult): void {
    if (result.state === 'sent' || result.state === 'queued') this.say(this.l.t('voteThanks'), 'success');
    else {
      this.setVoted(ideaId, false);
      if (result.state === 'failed') this.say(this.l.t('voteFailed'), 'error');
    }
  }

  private setVoted(ideaId: string, on: boolean) {
    if (on) {
      this.voted.add(ideaId);
      this.fresh.add(ideaId);
    } else {
      this.voted.delete(ideaId);
      this.fresh.delete(ideaId);
    }
    if (this.cfg) rememberVote(this.cfg.site, ideaId, on);
    this.host.requestUpdate();
  }

  private say(message: string, tone: StatusTone) {
    this.message = message;
    this.tone = tone;
    this.host.requestUpdate();
  }

  render(limit: number) {
    const { l } = this;
    if (!this.url) return nothing;
    const ideas = this.ideas?.slice(0, limit > 0 ? limit : undefined);
    if (!ideas?.length) return this.read.render(l.locale);
    return html`<section class="list" aria-labelledby="list-heading">
      <h3 id="list-heading" part="list-heading">${l.t('listHeading')}</h3>
      <ul part="list" role="list">
        ${ideas.map((idea) => this.renderIdea(idea))}
      </ul>
      ${statusRegion(this.message, this.tone)}
    </section>`;
  }

  private renderIdea(idea: PublishedIdea) {
    const { l } = this;
    const statusKey = `status.${idea.status}` as keyof IdeaBoxStrings;
    const count = idea.votes + (this.fresh.has(idea.id) ? 1 : 0);
    const voted = this.voted.has(idea.id);
    return html`<li part="idea" class="idea">
      <p class="idea-text" id=${`idea-${idea.id}`} dir="auto">${idea.text}</p>
      <p class="meta">
        <span part="badge" class="badge" data-status=${idea.status}
          ><span class="visually-hidden">${l.t('statusPrefix')} </span>${l.has(statusKey) ? l.t(statusKey) : idea.status}</span
        >
        <span class="date">${l.t('postedOn', { date: formatDate(idea.createdAt, l.locale) })}</span>
      </p>
      ${
        idea.status === 'niet-mogelijk' && idea.statusReason
          ? html`<p class="reason"><strong>${l.t('reasonLabel')}</strong> <bdi>${idea.statusReason}</bdi></p>`
          : nothing
      }
      ${
        idea.publicAnswer
          ? html`<div part="answer" class="answer">
            <p class="answer-label">${l.t('answerLabel')}</p>
            <p class="answer-text" dir="auto">${idea.publicAnswer}</p>
          </div>`
          : nothing
      }
      <div class="vote">
        <button
          type="button"
          part="button vote-button"
          aria-pressed=${voted ? 'true' : 'false'}
          aria-describedby=${`idea-${idea.id}`}
          @click=${() => void this.vote(idea)}
        >
          ${l.t('vote')}
        </button>
        ${count > 0 ? html`<span class="count">${l.t('votes', { count })}</span>` : nothing}
      </div>
    </li>`;
  }
}
