import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BuurtkitSender } from '../../core/buurtkit-sender.js';
import type { WidgetState } from '../../core/buurtkit-element.js';
import { DeliveryController, type DeliveryResult } from '../../core/delivery.js';
import { submissionRequest } from '../../core/request.js';
import { SendingPartLoader } from '../../core/sending-part-loader.js';
import { canRead, siteBase, type ResolvedEndpoint } from '../../core/endpoint.js';
import { Loader } from '../../core/load.js';
import { LocalizeController } from '../../core/localize.js';
import { checkAnswer, notConnectedCode } from '../../core/not-connected.js';
import { localized } from '../../core/localized.js';
import { textFor, type LocalizedText } from '../../schema/localized-text.js';
import { sharedOutbox } from '../../core/outbox.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import { formStyles } from '../../core/form-styles.js';
import { baseStyles, tokens, widgetLayout } from '../../core/styles.js';
import {
  AGREEMENT_VALUES,
  DEFAULT_POLLS,
  DONT_KNOW,
  POLL_RESPONDENT_TYPES,
  SMILEY_EMOJI,
  answerValues,
  statementsOf,
  type AgreementValue,
  type PollDefinition,
} from '../../schema/poll-constants.js';
import type { PollResults } from '../../schema/poll-results.js';
import { feedbackPollStyles } from './feedback-poll.styles.js';
import { emptyValues, flagKey, hasAnswer, hasAnswered, isOneTap, isOpen, type PollValues } from './form-values.js';
import { buildPollPayload, claimAnswer, forgetAnswered, pollEnvelope } from './press.js';
import type { PollSendingPart } from './poll-sending-part.js';
import { nl, type FeedbackPollStrings } from './strings.js';

export { registerLocale } from '../../core/localize.js';
export { BkErrorEvent } from '../../core/events.js';
export { BkSubmitEvent, BkSentEvent, BkQueuedEvent } from '../../core/send-events.js';
export { Outbox, sharedOutbox } from '../../core/outbox.js';

export type FeedbackPollPhase = 'loading' | 'form' | 'sending' | 'sent' | 'queued' | 'failed' | 'done' | 'missing';
const PHASE_STATES: readonly WidgetState[] = ['sending', 'sent', 'queued', 'failed'];
const TRIPLE_TAP_MS = 1500;

const parsePoll = (value: string | null): PollDefinition | undefined => {
  try {
    return value ? (JSON.parse(value) as PollDefinition) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * @tagname feedback-poll
 * @summary A quick, anonymous poll: one tap on a smiley, yes/a bit/no, 1–5 or a choice, or a set of
 * outcome statements ("Door de activiteiten van {naam} …") on an agreement scale. Inline, never a
 * pop-up; one response per poll per browser; `mode="kiosk"` for a shared tablet at the door.
 *
 * @event bk-submit - Before sending; cancelable. `event.envelope`.
 * @event bk-sent - The endpoint accepted the response. `event.id`, `event.envelope`.
 * @event bk-queued - Kept on this device; sent later. `event.id`, `event.envelope`.
 * @event bk-error - `event.reason`: `rejected`, `invalid`, `storage` or `no-endpoint`.
 * @event bk-kiosk-exit - A coordinator left kiosk mode (triple tap on the heading, or Ctrl+Alt+K); cancelable.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading (in kiosk mode also the hidden exit: tap it three times).
 * @csspart notice - "Not connected" and "could not load".
 * @csspart form - The form.
 * @csspart question - The one question's group.
 * @csspart answer - Each answer button of a one-question poll.
 * @csspart statement - Each statement's radio group.
 * @csspart choice - Each radio label (statements, respondent type).
 * @csspart textarea - The comment and story fields.
 * @csspart submit - The send button (polls with more than one question).
 * @csspart button - Every button (the send button, and in kiosk mode "Tablet weer klaarzetten").
 * @csspart thanks - The thank-you panel.
 * @csspart results - The results after voting (chart and numbers).
 * @csspart status - The live status line.
 *
 * @cssproperty --bk-feedback-poll-accent - Accent of this widget only; defaults to `--bk-color-accent`.
 * @cssproperty --bk-feedback-poll-max-width - Maximum width. Default `40em`.
 *
 * @cssstate sending - Sending.
 * @cssstate sent - The endpoint accepted the response.
 * @cssstate queued - Kept on this device; will be sent.
 * @cssstate failed - The endpoint refused; the answers are still in the form.
 */
export class FeedbackPoll extends BuurtkitSender {
  static override styles = [tokens, baseStyles, widgetLayout, formStyles, feedbackPollStyles];

  static override properties: PropertyDeclarations = {
    pollId: { attribute: 'poll-id' },
    poll: { converter: { fromAttribute: parsePoll } },
    mode: { reflect: true },
    subject: {},
    activityId: { attribute: 'activity-id' },
    heading: {},
    resetSeconds: { type: Number, attribute: 'reset-seconds' },
    phase: { state: true, attribute: false },
    values: { state: true, attribute: false },
    definition: { state: true, attribute: false },
    results: { state: true, attribute: false },
    kioskStopped: { state: true, attribute: false },
  };

  /** Which poll to load from the collector (`welkom` and `impact` are built in). */
  declare pollId: string | undefined;
  /** The poll inline, as JSON attribute or object property; wins over `poll-id`. */
  declare poll: PollDefinition | undefined;
  /** `inline` (default) or `kiosk`: a shared tablet, "Bedankt!" then the next person. */
  declare mode: 'inline' | 'kiosk' | undefined;
  /** The initiative's name for `{naam}`, when the poll does not give it. */
  declare subject: string | undefined;
  /** Ties every response to this activity (its calendar id). */
  declare activityId: string | undefined;
  declare heading: string | undefined;
  /** Kiosk mode: seconds the thank-you stays before the poll resets. Default 5. */
  declare resetSeconds: number;
  declare phase: FeedbackPollPhase;
  /** @internal */
  declare values: PollValues;
  /** @internal */
  declare definition: PollDefinition | undefined;
  /** @internal */
  declare results: PollResults | undefined;
  declare protected kioskStopped: boolean;

  /** @internal */
  readonly l = new LocalizeController<FeedbackPollStrings>(
    this,
    'feedback-poll',
    { nl },
    { en: () => import('./locales/en.js').then((m) => m.en), ar: () => import('./locales/ar.js').then((m) => m.ar) },
  );
  /**
   * The sending part (envelope, outbox hand-over, states, results): fetched right after the first
   * render that can send, and again (if that failed) when the visitor starts on the poll or
   * answers, or has answered before and the poll shows results.
   */
  private readonly sending = new SendingPartLoader<PollSendingPart>(
    this,
    () =>
      import('./poll-sending-part.js').then(({ PollSendingPart, resultsStyles }) => {
        this.adoptLate(resultsStyles);
        return new PollSendingPart(this);
      }),
    () => !this.unconfigured,
  );
  /**
   * The poll's definition from the collector, read with backoff while it cannot be loaded. A poll
   * the collector does not know is `null` (then the built-in one with that id, if any).
   */
  private readonly definitionRead = new Loader(this, {
    args: () => {
      const cfg = this.resolvedEndpoint;
      return !this.poll && this.pollId && cfg && canRead(cfg) ? ([cfg, this.pollId] as const) : undefined;
    },
    task: async ([cfg, pollId], signal): Promise<PollDefinition | null> => {
      const res = await fetch(`${siteBase(cfg)}/polls/${encodeURIComponent(pollId)}`, { headers: { accept: 'application/json' }, signal });
      if (res.status === 404 && !(await notConnectedCode(res))) return null;
      return (await (await checkAnswer(res)).json()) as PollDefinition;
    },
    endpoint: ([cfg]) => cfg,
  });
  /**
   * @internal Hands responses to the outbox and hears their late outcome. In the first download
   * with the envelope (`press.ts`), so a press never waits for the sending part.
   */
  readonly delivery = new DeliveryController(this, (env, result) =>
    this.sending.get().then(
      (s) => s.onLate(env, result),
      () => undefined,
    ),
  );
  private loadedKey = '';
  private status = '';
  private tone: StatusTone = 'info';
  /** @internal The error under the form ("choose an answer first", "could not be sent"). */
  error = '';
  /** @internal The hidden field only bots fill in. */
  honeypot = '';
  /** @internal When the form was shown, for the time-on-form check. */
  startedAt = 0;
  /** @internal Kiosk mode: the reset to the next person after the thank-you. */
  resetTimer: ReturnType<typeof setTimeout> | undefined;
  private taps: number[] = [];
  /** @internal Kiosk mode: responses given on this device since it started. */
  kioskCount = 0;

  constructor() {
    super();
    this.resetSeconds = 5;
    this.phase = 'loading';
    this.values = emptyValues();
    this.kioskStopped = false;
  }

  /** @internal */
  get kiosk(): boolean {
    return this.mode === 'kiosk' && !this.kioskStopped;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    addEventListener('storage', this.onStorage);
    // The outbox's store is in the first download: starting it sends what a previous page left.
    this.outbox ?? sharedOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
    removeEventListener('storage', this.onStorage);
    clearTimeout(this.resetTimer);
  }

  /** English and Arabic ship apart: give them a moment before the first render, so Dutch does not flash. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = this.hasUpdated ? undefined : this.l.ready();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    const cfg = this.resolvedEndpoint;
    const read = this.definitionRead;
    const key = JSON.stringify([cfg?.endpoint, cfg?.site, cfg?.endpointType, this.pollId, this.poll, read.phase, read.value]);
    // Once the visitor has sent, a late answer of the read does not change what they see.
    if (key !== this.loadedKey && !PHASE_STATES.includes(this.phase as WidgetState) && this.phase !== 'done') {
      this.loadedKey = key;
      this.settleDefinition(cfg);
    }
    if (changed.has('phase')) for (const state of PHASE_STATES) this.toggleState(state, this.phase === state);
  }

  /** @internal The sending part, once its module has loaded. */
  get send(): PollSendingPart | undefined {
    return this.sending.value;
  }

  /**
   * Inline poll, else the collector's; the built-in one with that id in webhook mode, when the
   * collector does not know it, or while it cannot be read (the read goes on in the background).
   */
  private settleDefinition(cfg: ResolvedEndpoint | undefined): void {
    let poll = this.poll;
    if (!poll && this.pollId) {
      const builtIn = DEFAULT_POLLS.find((p) => p.id === this.pollId);
      poll = builtIn;
      if (cfg && canRead(cfg)) {
        const read = this.definitionRead;
        if (read.phase === 'ready') poll = read.value ?? builtIn;
        else if (!builtIn || (read.phase !== 'failed' && read.phase !== 'not-connected')) {
          this.phase = 'loading';
          return;
        }
      }
    }
    this.definition = poll;
    this.phase = !poll || !isOpen(poll) ? 'missing' : cfg && !this.kiosk && hasAnswered(cfg.site, poll.id) ? 'done' : 'form';
    this.startedAt = performance.now();
    // Answered before: the results (an extra; without the sending part they are not shown).
    if (this.phase === 'done' && poll?.showResults)
      this.sending.get().then(
        (s) => s.loadResults(),
        () => undefined,
      );
  }

  /** @internal GET a public read of the site; undefined on any failure (the poll works without it). */
  async read(cfg: ResolvedEndpoint, path: string): Promise<unknown> {
    try {
      const answer = await fetch(`${siteBase(cfg)}/${path}`, { headers: { accept: 'application/json' } });
      return answer.ok ? await answer.json() : undefined;
    } catch {
      return undefined;
    }
  }

  private subjectName(poll: PollDefinition): string {
    return poll.subject ?? this.subject ?? this.l.t('ourPlace');
  }

  /** @internal */
  answerLabel(poll: PollDefinition, value: string): string {
    if (poll.kind === 'choice') {
      const label = poll.options?.find((o) => o.value === value)?.label;
      return label === undefined ? value : textFor(label, this.l.locale).text;
    }
    return this.l.has(`answer.${value}`) ? this.l.t(`answer.${value}` as keyof FeedbackPollStrings & string) : value;
  }

  protected override render() {
    const { l } = this;
    const poll = this.definition;
    return html`<div part="base" class="base" lang=${l.locale} dir=${l.dir}>
      <h2 part="heading" class="heading" dir="auto" @click=${this.onHeadingTap}>${this.heading || (poll?.title ? localized(poll.title, l.locale) : l.t('heading'))}</h2>
      ${
        this.unconfigured
          ? html`<p part="notice" class="notice">${l.t('notConnected')}</p>`
          : this.kioskStopped
            ? this.renderStopped()
            : this.phase === 'loading'
              ? this.definitionRead.phase === 'failed' || this.definitionRead.phase === 'not-connected'
                ? this.definitionRead.render(l.locale, l.t('notConnected'))
                : html`<p class="hint">${l.t('loading')}</p>`
              : this.phase === 'missing' || !poll
                ? html`<p part="notice" class="notice">${l.t(poll ? 'closed' : 'missing')}</p>`
                : this.phase === 'sent' || this.phase === 'queued' || this.phase === 'done'
                  ? this.renderThanks(poll)
                  : this.renderForm(poll)
      }
      ${statusRegion(this.status, this.tone)}
    </div>`;
  }

  private renderForm(poll: PollDefinition) {
    const { l } = this;
    const oneTap = isOneTap(poll);
    const sending = this.phase === 'sending';
    return html`<form part="form" class="form" novalidate @submit=${this.onSubmit} @focusin=${this.sending.prefetch}>
      ${poll.kind === 'statements' ? this.renderStatements(poll) : this.renderQuestion(poll, oneTap)}
      ${
        poll.respondentType
          ? this.radioGroup(
              'respondent',
              `${l.t('respondentLabel')} ${l.t('optional')}`,
              POLL_RESPONDENT_TYPES.map((t) => [t, l.t(`respondent.${t}`)]),
              this.values.respondentType,
              (v) => this.set({ respondentType: v as PollValues['respondentType'] }),
            )
          : nothing
      }
      ${poll.comment ? this.textField('comment', l.t('commentLabel'), this.values.comment, 1000) : nothing}
      ${poll.story ? this.textField('story', l.t('storyLabel', { naam: this.subjectName(poll) }), this.values.story, 2000) : nothing}
      <div class="trap" aria-hidden="true">
        <label>Website <input tabindex="-1" autocomplete="off" .value=${this.honeypot} @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)} /></label>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        oneTap
          ? nothing
          : html`<div><button part="button submit" class="primary" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${l.t('submit')}</button></div>`
      }
    </form>`;
  }

  private renderQuestion(poll: PollDefinition, oneTap: boolean) {
    const { l } = this;
    const values = answerValues(poll);
    return html`<fieldset part="question" class="question">
      <legend dir="auto">${localized(poll.question, l.locale)}</legend>
      ${poll.kind === 'scale' ? html`<p class="hint">${l.t('scaleLow')} · ${l.t('scaleHigh')}</p>` : nothing}
      <div class="answers">
        ${values.map(
          (v) => html`<button
            type="button"
            part="answer"
            class="answer"
            aria-pressed=${oneTap ? nothing : String(this.values.answer === v)}
            @click=${() => this.choose(v, oneTap)}
          >
            ${poll.kind === 'smileys' ? html`<span class="emoji" aria-hidden="true">${SMILEY_EMOJI[v as keyof typeof SMILEY_EMOJI]}</span>` : nothing}
            <span dir="auto">${poll.kind === 'choice' ? localized(poll.options?.find((o) => o.value === v)?.label ?? v, l.locale) : this.answerLabel(poll, v)}</span>
          </button>`,
        )}
      </div>
    </fieldset>`;
  }

  private renderStatements(poll: PollDefinition) {
    const { l } = this;
    // The coordinator's own stem as written; else the built-in one in the visitor's language.
    const name = (text: string) => text.replace('{naam}', this.subjectName(poll));
    const stem = poll.stem ? localized(poll.stem, l.locale, name) : name(l.t('stem'));
    const stemText = poll.stem ? name(textFor(poll.stem, l.locale).text) : name(l.t('stem'));
    const scale = [...AGREEMENT_VALUES, DONT_KNOW].map((v): [string, string] => [v, l.t(`agree.${v}`)]);
    return html`<div>
      <p class="stem" dir="auto">${stem}</p>
      <p class="hint">${l.t('statementsIntro')}</p>
      ${statementsOf(poll).map((s) => {
        // Seen as "…ken ik andere buurtbewoners."; heard as the whole sentence, stem included.
        const legend = html`<span class="visually-hidden">${stemText.replace(/\s*(…|\.\.\.|:)\s*$/, '')} </span><span aria-hidden="true">…</span
          ><span dir="auto">${this.statementContent(poll, s)}</span>`;
        return this.radioGroup(
          `s-${s.id}`,
          legend,
          scale,
          this.values.statements[s.id],
          (v) => this.set({ statements: { ...this.values.statements, [s.id]: v as AgreementValue } }),
          'statement',
        );
      })}
    </div>`;
  }

  /** The default statements in the visitor's language; a coordinator's own statements as written. */
  /** @internal */
  statementText(poll: PollDefinition, s: { id: string; text: LocalizedText }): string {
    const key = `statement.${s.id}` as keyof FeedbackPollStrings & string;
    return poll.statements?.length || !this.l.has(key) ? textFor(s.text, this.l.locale).text : this.l.t(key);
  }

  /** The statement as shown: a coordinator's text without a translation is marked Dutch. */
  private statementContent(poll: PollDefinition, s: { id: string; text: LocalizedText }) {
    const key = `statement.${s.id}` as keyof FeedbackPollStrings & string;
    return poll.statements?.length || !this.l.has(key) ? localized(s.text, this.l.locale) : this.l.t(key);
  }

  private radioGroup(
    name: string,
    legend: string | TemplateResult,
    options: readonly (readonly [string, string])[],
    current: string | undefined,
    onChange: (value: string) => void,
    part = 'group',
  ) {
    return html`<fieldset part=${part} class=${part}>
      <legend>${legend}</legend>
      <div class="choices">
        ${options.map(
          ([value, label]) => html`<label part="choice" class="choice"
            ><input type="radio" name=${name} .value=${value} .checked=${current === value} @change=${() => onChange(value)} />${label}</label
          >`,
        )}
      </div>
    </fieldset>`;
  }

  private textField(id: 'comment' | 'story', label: string, value: string, max: number) {
    return html`<div class="field">
      <label for=${id}>${label} <span class="hint">${this.l.t('optional')}</span></label>
      <textarea part="textarea" id=${id} dir="auto" rows="3" maxlength=${max} .value=${value} @input=${(e: Event) => this.set({ [id]: (e.target as HTMLTextAreaElement).value })}></textarea>
    </div>`;
  }

  private renderThanks(poll: PollDefinition) {
    const { l } = this;
    const done = this.phase === 'done';
    return html`<div part="thanks" class="thanks">
        <p class="thanks-title" tabindex="-1">${done ? l.t('already') : l.t('thanks')}</p>
        ${done ? nothing : html`<p>${this.kiosk ? l.t('kioskNext') : l.t('thanksBody')}</p>`}
      </div>
      ${this.results && !this.kiosk ? this.send?.renderResults(poll, this.results) : nothing}`;
  }

  private renderStopped() {
    const { l } = this;
    return html`<div part="thanks" class="thanks">
      <p class="thanks-title" tabindex="-1">${l.t('kioskStopped')}</p>
      <p>${l.t('kioskCount', { count: this.kioskCount })}</p>
      <button type="button" part="button" class="primary" @click=${this.resumeKiosk}>${l.t('kioskResume')}</button>
    </div>`;
  }

  private set(change: Partial<PollValues>) {
    this.values = { ...this.values, ...change };
    if (this.error && hasAnswer(this.values)) this.error = '';
  }

  private choose(value: string, oneTap: boolean) {
    this.set({ answer: value });
    if (oneTap) this.submit();
  }

  private readonly onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    this.submit();
  };

  /** @internal */
  say(status: string, tone: StatusTone = 'info') {
    this.status = status;
    this.tone = tone;
    this.requestUpdate();
  }

  /** Ask for an answer if there is none; else send it, at once when the sending part is here. */
  private submit(): void {
    if (!this.resolvedEndpoint || !this.definition || this.phase === 'sending') return;
    if (!hasAnswer(this.values)) {
      this.error = this.l.t('errEmpty');
      this.emitError('invalid', { issues: [{ path: 'data.answer', message: this.error }] });
      return this.requestUpdate();
    }
    void this.press();
  }

  /**
   * Claim "answered in this browser" (not in kiosk mode), build the envelope and hand it to the
   * outbox, all from the first download: offline since the page loaded, the response is still on
   * the device and any later page of the site sends it. The sending part shows the outcome; while
   * it cannot load, the widget says it briefly itself.
   */
  private async press(): Promise<void> {
    const cfg = this.resolvedEndpoint;
    const poll = this.definition;
    if (!cfg || !poll || this.phase === 'sending') return;
    const { site } = cfg;
    this.error = '';
    this.phase = 'sending';
    this.say(this.l.t('sending'));
    // Another tab of this browser answered first (also offline): this one shows it is answered.
    if (!this.kiosk && !(await claimAnswer(site, poll.id))) return this.showAnswered();
    const payload = buildPollPayload(poll, this.values, { activityId: this.activityId, kiosk: this.kiosk });
    const envelope = pollEnvelope(site, this.l.lang, payload, { honeypot: this.honeypot, startedAt: this.startedAt });
    const result = await this.delivery.deliver(envelope, submissionRequest(cfg, envelope));
    if (!this.kiosk && (result.state === 'cancelled' || result.state === 'failed')) forgetAnswered(site, poll.id);
    this.sending.use(
      (send) => send.apply(result, envelope),
      () => this.showKept(result),
      () => undefined,
    );
  }

  /** The outcome while the sending part cannot load: the response is in the outbox, or stays chosen. */
  private showKept(result: DeliveryResult): void {
    const { l } = this;
    if (result.state === 'sent' || (result.state === 'queued' && result.stored)) {
      this.values = emptyValues();
      this.phase = result.state;
      this.say(l.t(result.state), result.state === 'sent' ? 'success' : 'info');
      if (this.kiosk) {
        this.kioskCount++;
        clearTimeout(this.resetTimer);
        this.resetTimer = setTimeout(() => this.resetKiosk(), Math.max(1, this.resetSeconds) * 1000);
      }
    } else if (result.state === 'queued') {
      // Only in this page's memory (storage denied): sent while the page stays open.
      this.values = emptyValues();
      this.phase = 'queued';
      this.say(l.t('offline'), 'error');
    } else {
      this.phase = result.state === 'failed' ? 'failed' : 'form';
      this.error = result.state === 'failed' ? l.t(result.notConnected ? 'notConnected' : 'offline') : '';
      this.say(this.error, 'error');
    }
    void this.focusLater('.thanks-title');
  }

  private showAnswered(): void {
    this.values = emptyValues();
    this.phase = 'done';
    this.say(this.l.t('already'));
  }

  /** Another tab of this browser answered this poll: show it here too. */
  private readonly onStorage = (e: StorageEvent) => {
    const cfg = this.resolvedEndpoint;
    const poll = this.definition;
    if (
      !this.kiosk &&
      cfg &&
      poll &&
      e.newValue &&
      e.key === flagKey(cfg.site, poll.id) &&
      (this.phase === 'form' || this.phase === 'failed')
    ) {
      this.showAnswered();
    }
  };

  /** @internal The next person: an empty form. */
  resetKiosk() {
    this.values = emptyValues();
    this.honeypot = '';
    this.phase = 'form';
    this.startedAt = performance.now();
    this.say('');
  }

  /** The hidden exit: three taps on the heading within 1.5 s, or Ctrl+Alt+K. */
  private readonly onHeadingTap = () => {
    if (this.mode !== 'kiosk' || this.kioskStopped) return;
    const now = performance.now();
    this.taps = [...this.taps.filter((t) => now - t < TRIPLE_TAP_MS), now];
    if (this.taps.length >= 3) this.exitKiosk();
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey && e.altKey && e.code === 'KeyK' && this.mode === 'kiosk' && !this.kioskStopped) {
      e.preventDefault();
      this.exitKiosk();
    }
  };

  private exitKiosk() {
    this.taps = [];
    const event = new Event('bk-kiosk-exit', { bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(event)) return;
    clearTimeout(this.resetTimer);
    this.kioskStopped = true;
    this.say('');
    void this.focusLater('.thanks-title');
  }

  private readonly resumeKiosk = () => {
    this.kioskStopped = false;
    this.kioskCount = 0;
    this.resetKiosk();
  };

  /** @internal */
  async focusLater(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
