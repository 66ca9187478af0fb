import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { BuurtkitSender } from '../../core/buurtkit-sender.js';
import { DeliveryController, type DeliveryResult } from '../../core/delivery.js';
import { canRead, type OutboxRequest } from '../../core/endpoint.js';
import { LocalizeController } from '../../core/localize.js';
import { nextTask } from '../../core/next-task.js';
import { sharedOutbox } from '../../core/outbox.js';
import { submissionRequest } from '../../core/request.js';
import { SendingPartLoader } from '../../core/sending-part-loader.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import { formStyles } from '../../core/form-styles.js';
import { baseStyles, tokens, widgetLayout } from '../../core/styles.js';
import type { WidgetState } from '../../core/buurtkit-element.js';
import { IDEA_TEXT_MAX } from '../../schema/constants.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import { parseCategories, type CategoryOption } from './categories.js';
import { emptyValues, type FieldErrors, type IdeaFormValues } from './form-values.js';
import { ideaBoxStyles } from './idea-box.styles.js';
import { renderForm } from './idea-form.js';
import type { IdeaListController } from './idea-list.js';
import type { IdeaSendingPart } from './idea-sending-part.js';
import { ideaEnvelope, validateIdea } from './press.js';
import { nl, type IdeaBoxStrings } from './strings.js';

/** What the visitor sees: the form, a send in progress, or a thank-you. `failed` keeps the form. */
// Public API that goes with the element: more locales, the events, a custom outbox.
export { registerLocale } from '../../core/localize.js';
export { BkErrorEvent } from '../../core/events.js';
export { BkSubmitEvent, BkSentEvent, BkQueuedEvent } from '../../core/send-events.js';
export { Outbox, sharedOutbox } from '../../core/outbox.js';

export type IdeaBoxPhase = 'form' | 'sending' | 'sent' | 'queued' | 'failed';
const PHASE_STATES: readonly WidgetState[] = ['sending', 'sent', 'queued', 'failed'];
/** "Characters left" is announced when fewer than these remain. */
const COUNT_THRESHOLDS = [100, 50, 20, 10, 0];

/**
 * @tagname idea-box
 * @summary An idea box for a walk-in centre or neighbourhood house: visitors send an idea
 * (anonymously by default), and see what happened with published ideas.
 *
 * @slot intro - Replaces the introduction above the form (by default: what to write, and that a name is not needed).
 *
 * @event bk-submit - Before sending; cancelable (`preventDefault()` stops sending). `event.envelope`.
 * @event bk-sent - The endpoint accepted the idea or vote. `event.id`, `event.envelope`.
 * @event bk-queued - Kept on this device; sent later. `event.id`, `event.envelope`.
 * @event bk-error - `event.reason`: `rejected`, `invalid`, `storage` or `no-endpoint`; `event.detail`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart intro - The introduction under the heading.
 * @csspart notice - The "not connected" message.
 * @csspart form - The form.
 * @csspart error-summary - The list of problems shown after a failed submit.
 * @csspart error - A visible form-level error message.
 * @csspart field - The wrapper of each field.
 * @csspart label - Each field's label.
 * @csspart hint - Help text under a label.
 * @csspart input - Every text input, select and checkbox.
 * @csspart textarea - The idea textarea.
 * @csspart counter - The character count.
 * @csspart button - Every button.
 * @csspart submit - The submit button.
 * @csspart another - "Nog een idee sturen" after sending (also `button`).
 * @csspart thanks - The thank-you panel after sending.
 * @csspart status - The live status line ("Bezig met versturen…", "Verstuurd", …).
 * @csspart list-heading - The heading of the published ideas.
 * @csspart list - The list of published ideas.
 * @csspart idea - One published idea.
 * @csspart badge - The status badge of an idea.
 * @csspart answer - The coordinator's public answer.
 * @csspart vote-button - The upvote button.
 *
 * @cssproperty --bk-color-accent - Buttons, focus accents and checkboxes. Default `#0a5c7a`.
 * @cssproperty --bk-color-accent-text - Text on accent backgrounds. Default `#fff`.
 * @cssproperty --bk-color-text - Text colour. Default: inherited from the page.
 * @cssproperty --bk-color-surface-text - Text on the widget's own cards and panels. Default `#1a1a1a` (dark set `#f2f2f2`).
 * @cssproperty --bk-min-font-size - The smallest text size, whatever the page sets. Default `16px`.
 * @cssproperty --bk-color-muted - Hints and dates. Default `#4a4a4a`.
 * @cssproperty --bk-color-border - Field borders. Default `#6b6b6b`.
 * @cssproperty --bk-color-surface - Cards and panels. Default `#fff`.
 * @cssproperty --bk-color-surface-alt - Idea cards and answers. Default `#f3f5f6`.
 * @cssproperty --bk-color-field - Field background. Default `#fff`.
 * @cssproperty --bk-color-field-text - Field text. Default `#1a1a1a`.
 * @cssproperty --bk-color-danger - Errors. Default `#a4161a`.
 * @cssproperty --bk-color-success - Success. Default `#1b6b36`.
 * @cssproperty --bk-radius - Corner radius. Default `0.5em`.
 * @cssproperty --bk-space - Base spacing. Default `1em`.
 * @cssproperty --bk-focus-ring - Focus outline. Default `3px solid #1a56db`.
 * @cssproperty --bk-touch-target - Minimum size of controls. Default `44px`.
 * @cssproperty --bk-idea-box-accent - Accent of this widget only; defaults to `--bk-color-accent`.
 * @cssproperty --bk-idea-box-max-width - Maximum width. Default `40em`.
 *
 * @cssstate sending - Sending.
 * @cssstate sent - The endpoint accepted the idea.
 * @cssstate queued - Kept on this device; will be sent.
 * @cssstate failed - The endpoint refused; the text is still in the form.
 * @cssstate invalid - The form shows errors (found in the browser, or a 422 from the endpoint).
 */
export class IdeaBox extends BuurtkitSender {
  static override styles = [tokens, baseStyles, widgetLayout, formStyles, ideaBoxStyles];

  static override properties: PropertyDeclarations = {
    categories: { converter: { fromAttribute: parseCategories } },
    heading: {},
    hideList: { type: Boolean, attribute: 'hide-list' },
    listLimit: { type: Number, attribute: 'list-limit' },
    phase: { state: true, attribute: false },
    values: { state: true, attribute: false },
    errors: { state: true, attribute: false },
  };

  /** Category choices: a comma list or JSON `[{value, label}]` as attribute; an array as property. */
  declare categories: CategoryOption[] | undefined;
  /** Replaces the heading text. */
  declare heading: string | undefined;
  /** Hide the public list of published ideas (it is shown by default in collector mode). */
  declare hideList: boolean;
  /** Show at most this many published ideas (default 20; 0 shows what the collector gives, up to 100). */
  declare listLimit: number;
  /** What the visitor sees now. */
  declare phase: IdeaBoxPhase;
  /** @internal */
  declare values: IdeaFormValues;
  /** @internal */
  declare errors: FieldErrors;

  /** @internal */
  readonly l = new LocalizeController<IdeaBoxStrings>(
    this,
    'idea-box',
    { nl },
    // Shipped apart: only visitors whose page asks for the language download it.
    { en: () => import('./locales/en.js').then((m) => m.en), ar: () => import('./locales/ar.js').then((m) => m.ar) },
  );
  /** @internal The public list, once its module has loaded (see `loadList`). */
  list: IdeaListController | undefined;
  private listLoading: Promise<void> | undefined;
  /**
   * The sending part (checks, envelope, outbox hand-over, thank-you): fetched right after the
   * first render that can send, and again (if that failed) when the visitor works on the form,
   * presses send or votes.
   */
  private readonly sending = new SendingPartLoader<IdeaSendingPart>(
    this,
    () => import('./idea-sending-part.js').then(({ IdeaSendingPart }) => new IdeaSendingPart(this)),
    () => !this.unconfigured,
  );
  /**
   * @internal Hands ideas and votes to the outbox and hears their late outcome. In the first
   * download with the envelope (`press.ts`), so a press never waits for the sending part.
   */
  readonly delivery = new DeliveryController(this, (env, result) =>
    this.sending.get().then(
      (s) => s.onLate(env, result),
      () => undefined,
    ),
  );
  /** @internal A form-level error (refused, unmapped issues, an earlier idea that failed). */
  formError = '';
  /** @internal The text of an earlier idea that was refused after the form was reused. */
  earlierText = '';
  /** @internal True when the summary lists problems (after a submit attempt). */
  showSummary = false;
  /** @internal The polite "characters left" message, changed only when a threshold is crossed. */
  counterAnnouncement = '';
  private counterBucket: number | undefined;
  private status = '';
  private tone: StatusTone = 'info';
  /** @internal The idea was kept only in this page's memory (storing on the device failed). */
  storageNote = false;
  /** @internal The id of the idea sent last, to match its late outcome. */
  lastId = '';
  /** @internal When the form was shown, for the time-on-form check. */
  startedAt = 0;

  constructor() {
    super();
    this.hideList = false;
    this.listLimit = 20;
    this.phase = 'form';
    this.values = emptyValues();
    this.errors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The outbox's store is in the first download: starting it sends what a previous page left.
    this.outbox ?? sharedOutbox();
  }

  protected override willUpdate(changed: PropertyValues): void {
    const cfg = this.resolvedEndpoint;
    const showList = !!cfg && canRead(cfg) && !this.hideList;
    // Asked for after the first render, in a task of its own: starting the list's download (its
    // preload links) in the render's task added 10-20 ms to it on a slow phone.
    if (showList) void (this.hasUpdated ? this.loadList() : nextTask().then(() => this.loadList()));
    this.list?.sync(cfg, showList, this.listLimit);
    if (changed.has('values')) this.announceCount(this.values.text.length);
    if (changed.has('phase') || changed.has('errors')) {
      for (const state of PHASE_STATES) this.toggleState(state, this.phase === state);
      this.toggleState('invalid', this.phase !== 'sending' && Object.keys(this.errors).length > 0);
    }
  }

  /**
   * The public list and votes are a separate chunk, fetched only where the list is shown; the form
   * renders and sends without waiting for it. (The outbox is not lazy: page load flushes it.)
   */
  private loadList() {
    this.listLoading ??= import('./idea-list.js').then(
      async ({ IdeaListController, listStyles }) => {
        // The module was evaluated in this task; the list is set up and rendered in the next.
        await nextTask();
        this.adoptLate(listStyles);
        this.list = new IdeaListController(this, this.l, (env, req) => this.deliver(env, req));
        this.requestUpdate();
      },
      // The list is an extra: without it the form works; the next update tries again.
      () => (this.listLoading = undefined),
    );
  }

  /** English ships apart: give it a moment before the first render, so Dutch does not flash. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = this.hasUpdated ? undefined : this.l.ready();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    super.firstUpdated();
    this.startedAt = performance.now();
  }

  /** @internal The sending part, once its module has loaded. */
  get send(): IdeaSendingPart | undefined {
    return this.sending.value;
  }

  /** Votes from the list go through the same outbox hand-over as ideas. */
  private deliver(envelope: EnvelopeBase, request: OutboxRequest): Promise<DeliveryResult> {
    return this.delivery.deliver(envelope, request);
  }

  /** The checks made before sending; the collector validates everything again. */
  protected validate(values: IdeaFormValues): FieldErrors {
    return validateIdea(values);
  }

  /** @internal The sending part's way to the checks above, which a subclass may replace. */
  errorsIn(values: IdeaFormValues): FieldErrors {
    return this.validate(values);
  }

  /** @internal Update one form value (from the form's input events). */
  setValue<K extends keyof IdeaFormValues>(key: K, value: IdeaFormValues[K]): void {
    this.values = { ...this.values, [key]: value };
    // Once the visitor has seen the summary, errors follow their corrections live.
    if (this.showSummary) this.errors = this.validate(this.values);
  }

  /** Announce the characters left only near the limit, and only when a threshold is crossed. */
  private announceCount(length: number) {
    const left = IDEA_TEXT_MAX - length;
    const bucket = COUNT_THRESHOLDS.findLast((t) => left <= t);
    if (bucket === this.counterBucket) return;
    this.counterBucket = bucket;
    this.counterAnnouncement = bucket === undefined ? '' : this.l.t('charsLeft', { count: left });
  }

  protected override render() {
    const { l } = this;
    const done = this.phase === 'sent' || this.phase === 'queued';
    return html`<div part="base" class="base" lang=${l.locale} dir=${l.dir}>
      <h2 part="heading" class="heading">${this.heading || l.t('heading')}</h2>
      ${
        this.unconfigured
          ? html`<p part="notice" class="notice">${l.t('notConnected')}</p>`
          : done
            ? (this.send?.renderThanks() ??
              html`<div part="thanks" class="thanks"><p class="thanks-title" tabindex="-1">${l.t(this.storageNote ? 'storageFailed' : this.phase === 'sent' ? 'sent' : 'queued')}</p></div>`)
            : html`<div part="intro" class="intro"><slot name="intro">${l.t('intro')}</slot></div>
              ${renderForm(this, this.values, this.errors, (e) => this.onSubmit(e), this.sending.prefetch)}`
      }
      ${statusRegion(this.status, this.tone)} ${this.unconfigured ? nothing : this.list?.render(this.listLimit)}
    </div>`;
  }

  /** @internal */
  say(status: string, tone: StatusTone = 'info') {
    this.status = status;
    this.tone = tone;
    this.requestUpdate();
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    if (this.phase === 'sending' || !this.resolvedEndpoint) return;
    this.sending.use(
      (send) => send.submit(),
      // Offline since the page loaded: the idea goes to the outbox from here.
      () => void this.keepPress(),
      () => {
        if (this.isConnected && this.phase !== 'sent' && this.phase !== 'queued') this.renderRoot.querySelector('form')?.requestSubmit();
      },
    );
  }

  /**
   * The sending part could not be fetched (offline since the page loaded): put the idea in the
   * outbox from the first download, so it is on the device and any later page of the site sends
   * it, exactly once under its envelope id. An idea that fails the checks stays in the form; the
   * error summary comes with the sending part.
   */
  private async keepPress(): Promise<void> {
    const cfg = this.resolvedEndpoint;
    const { l } = this;
    if (!cfg || this.phase === 'sending' || this.phase === 'queued' || this.phase === 'sent') return;
    if (Object.keys(this.errorsIn(this.values)).length) return this.say(l.t('offline'), 'error');
    const envelope = ideaEnvelope(cfg.site, l.lang, this.values, this.startedAt);
    this.phase = 'sending';
    const result = await this.delivery.deliver(envelope, submissionRequest(cfg, envelope));
    // The part arrived meanwhile: it shows the outcome as after any press.
    if (this.send) return this.send.apply(result, envelope);
    if (result.state === 'sent' || result.state === 'queued') {
      this.lastId = envelope.id;
      this.values = emptyValues();
      // Not on the device (storage denied): never "saved"; keep the page open until it is sent.
      this.storageNote = result.state === 'queued' && !result.stored;
      this.phase = result.state;
      this.say(l.t(this.storageNote ? 'storageFailed' : result.state), result.state === 'sent' ? 'success' : 'info');
      void this.focusLater('.thanks-title');
    } else {
      this.phase = 'form';
      this.say(
        result.state === 'failed' && result.notConnected ? l.t('notConnected') : result.state === 'failed' ? l.t('offline') : '',
        'error',
      );
    }
  }

  /** @internal */
  async focusLater(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** @internal Focus a field from the error summary (fragment links do not work in a shadow root). */
  focusField(id: string) {
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }
}
