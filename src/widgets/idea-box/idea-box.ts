import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { BuurtkitWidget } from '../../core/buurtkit-widget.js';
import type { DeliveryResult } from '../../core/delivery.js';
import { DeliveryController } from '../../core/delivery.js';
import { canRead, submissionRequest } from '../../core/endpoint.js';
import { buildEnvelope } from '../../core/envelope.js';
import { LocalizeController } from '../../core/localize.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import { baseStyles, formStyles, tokens, widgetLayout } from '../../core/styles.js';
import type { WidgetState } from '../../core/buurtkit-element.js';
import { IDEA_TEXT_MAX } from '../../schema/constants.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import type { IdeaPayloadInput } from '../../schema/idea-box.js';
import { parseCategories, type CategoryOption } from './categories.js';
import { ideaBoxStyles } from './idea-box.styles.js';
import { renderForm } from './idea-form.js';
import type { IdeaListController } from './idea-list.js';
import {
  buildConsent,
  buildIdeaPayload,
  emptyValues,
  errorsToIssues,
  mapIssues,
  validateIdea,
  valuesFromPayload,
  type FieldErrors,
  type IdeaFormValues,
} from './payload.js';
import { nl, type IdeaBoxStrings } from './strings.js';

/** What the visitor sees: the form, a send in progress, or a thank-you. `failed` keeps the form. */
// Public API that goes with the element: more locales, the events, a custom outbox.
export { registerLocale } from '../../core/localize.js';
export { BkSubmitEvent, BkSentEvent, BkQueuedEvent, BkErrorEvent } from '../../core/events.js';
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
 * @cssproperty --bk-color-muted - Hints and dates. Default `#4a4a4a`.
 * @cssproperty --bk-color-border - Field borders. Default `#6b6b6b`.
 * @cssproperty --bk-color-surface - Cards and panels. Default `#fff`.
 * @cssproperty --bk-color-surface-alt - Idea cards and answers. Default `#f3f5f6`.
 * @cssproperty --bk-color-field - Field background. Default `#fff`.
 * @cssproperty --bk-color-field-text - Field text. Default `#1a1a1a`.
 * @cssproperty --bk-color-danger - Errors. Default `#a4161a`.
 * @cssproperty --bk-color-success - Success. Default `#1b6b36`.
 * @cssproperty --bk-radius - Corner radius. Default `0.5rem`.
 * @cssproperty --bk-space - Base spacing. Default `1rem`.
 * @cssproperty --bk-focus-ring - Focus outline. Default `3px solid #1a56db`.
 * @cssproperty --bk-touch-target - Minimum size of controls. Default `44px`.
 * @cssproperty --bk-idea-box-accent - Accent of this widget only; defaults to `--bk-color-accent`.
 * @cssproperty --bk-idea-box-max-width - Maximum width. Default `40rem`.
 *
 * @cssstate sending - Sending.
 * @cssstate sent - The endpoint accepted the idea.
 * @cssstate queued - Kept on this device; will be sent.
 * @cssstate failed - The endpoint refused; the text is still in the form.
 * @cssstate invalid - The form shows errors (found in the browser, or a 422 from the endpoint).
 */
export class IdeaBox extends BuurtkitWidget {
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
  protected declare values: IdeaFormValues;
  protected declare errors: FieldErrors;

  /** @internal */
  readonly l = new LocalizeController<IdeaBoxStrings>(
    this,
    'idea-box',
    { nl },
    // Shipped apart: only visitors whose page asks for the language download it.
    { en: () => import('./locales/en.js').then((m) => m.en), ar: () => import('./locales/ar.js').then((m) => m.ar) },
  );
  private readonly delivery = new DeliveryController(this, (env, r) => this.onLateOutcome(env, r));
  /** The public list, once its module has loaded (see `loadList`). */
  private list: IdeaListController | undefined;
  private listLoading: Promise<void> | undefined;
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
  private storageNote = false;
  private lastId = '';
  private startedAt = 0;

  constructor() {
    super();
    this.hideList = false;
    this.listLimit = 20;
    this.phase = 'form';
    this.values = emptyValues();
    this.errors = {};
  }

  protected override willUpdate(changed: PropertyValues): void {
    const cfg = this.resolvedEndpoint;
    const showList = !!cfg && canRead(cfg) && !this.hideList;
    if (showList) this.loadList();
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
      ({ IdeaListController, listStyles }) => {
        this.adoptLate(listStyles);
        this.list = new IdeaListController(this, this.l, (env, req) => this.delivery.deliver(env, req));
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

  /** The checks made before sending; the collector validates everything again. */
  protected validate(values: IdeaFormValues): FieldErrors {
    return validateIdea(values);
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
      ${this.unconfigured
        ? html`<p part="notice" class="notice">${l.t('notConnected')}</p>`
        : done
          ? this.renderThanks()
          : html`<div part="intro" class="intro"><slot name="intro">${l.t('intro')}</slot></div>
              ${renderForm(this, this.values, this.errors, (e) => void this.onSubmit(e))}`}
      ${statusRegion(this.status, this.tone)} ${this.unconfigured ? nothing : this.list?.render(this.listLimit)}
    </div>`;
  }

  private renderThanks() {
    const { l } = this;
    const queued = this.phase === 'queued';
    return html`<div part="thanks" class="thanks">
      <h3 class="thanks-title" tabindex="-1">${l.t(queued ? 'queuedTitle' : 'thanksTitle')}</h3>
      <p>${l.t(queued ? 'queuedBody' : 'thanksBody')}</p>
      ${queued && this.storageNote ? html`<p class="error">${l.t('storageFailed')}</p>` : nothing}
      <button type="button" part="button another" class="primary" @click=${this.another}>${l.t('another')}</button>
    </div>`;
  }

  private say(status: string, tone: StatusTone = 'info') {
    this.status = status;
    this.tone = tone;
    this.requestUpdate();
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const cfg = this.resolvedEndpoint;
    if (this.phase === 'sending' || !cfg) return;
    const values = this.values;
    const errors = this.validate(values);
    this.formError = '';
    if (Object.keys(errors).length) {
      this.showErrors(errors);
      this.emitError('invalid', { issues: errorsToIssues(errors) });
      return;
    }
    this.showSummary = false;
    this.errors = {};
    this.phase = 'sending';
    this.say(this.l.t('sending'));
    const envelope = buildEnvelope<IdeaPayloadInput>({
      site: cfg.site,
      widget: 'idea-box',
      locale: this.l.lang,
      data: buildIdeaPayload(values),
      consent: buildConsent(values),
      trap: { honeypot: values.honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - this.startedAt)) },
    });
    const result = await this.delivery.deliver(envelope, submissionRequest(cfg, envelope));
    this.apply(result, envelope);
  }

  private apply(result: DeliveryResult, envelope: EnvelopeBase) {
    const { l } = this;
    switch (result.state) {
      case 'cancelled':
        this.phase = 'form';
        this.say('');
        return;
      case 'sent':
      case 'queued':
        // The outbox holds the idea now, so the form can be emptied.
        this.lastId = envelope.id;
        this.values = emptyValues();
        this.earlierText = '';
        this.storageNote = result.state === 'queued' && !result.stored;
        this.phase = result.state;
        this.say(l.t(result.state), result.state === 'sent' ? 'success' : 'info');
        void this.focusLater('.thanks-title');
        return;
      case 'failed': {
        this.phase = 'failed';
        if (result.status === 422) {
          const { errors, unmapped } = mapIssues(result.issues, this.values);
          if (unmapped) this.formError = l.t('errForm');
          this.showErrors(errors);
          this.say(l.t('failed'), 'error');
        } else {
          this.formError = l.t('failed');
          this.say(l.t('failed'), 'error');
          void this.focusLater('.form-error');
        }
      }
    }
  }

  private showErrors(errors: FieldErrors) {
    this.errors = errors;
    this.showSummary = true;
    if (this.phase === 'sending') this.phase = 'form';
    void this.focusLater('.summary');
  }

  /** A queued idea or vote was finally delivered or refused. */
  private onLateOutcome(envelope: EnvelopeBase, result: DeliveryResult) {
    const data = envelope.data as Partial<IdeaPayloadInput> | { kind: 'vote'; ideaId: string };
    if (data.kind === 'vote') return this.list?.settle(data.ideaId, result);
    const { l } = this;
    const current = this.lastId === envelope.id && this.phase === 'queued';
    if (result.state === 'sent') {
      if (current) this.phase = 'sent';
      this.say(l.t(current ? 'sent' : 'lateSent'), 'success');
    } else if (result.state === 'failed') {
      // Never a silent drop: put the visitor's text back, or show it when the form is in use.
      if (current || !this.values.text.trim()) {
        this.values = valuesFromPayload(data as Partial<IdeaPayloadInput>, !!envelope.consent);
        this.apply(result, envelope);
      } else {
        this.earlierText = (data as Partial<IdeaPayloadInput>).text ?? '';
        this.say(l.t('failed'), 'error');
      }
    }
  }

  private readonly another = () => {
    this.phase = 'form';
    this.startedAt = performance.now();
    this.say('');
    void this.focusLater('#idea');
  };

  private async focusLater(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** @internal Focus a field from the error summary (fragment links do not work in a shadow root). */
  focusField(id: string) {
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }
}
