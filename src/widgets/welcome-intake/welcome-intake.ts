import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { WidgetState } from '../../core/buurtkit-element.js';
import { BuurtkitSender } from '../../core/buurtkit-sender.js';
import { canRead } from '../../core/endpoint.js';
import { DB_NAME } from '../../core/outbox-db.js';
import { SendingPart } from '../../core/sending-part.js';
import { LocalizeController } from '../../core/localize.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import { formStyles } from '../../core/form-styles.js';
import { baseStyles, tokens, widgetLayout } from '../../core/styles.js';
import {
  allQuestions,
  localText,
  validateAnswers,
  visibleQuestions,
  visibleSteps,
  type IntakeAnswer,
  type IntakeAnswers,
  type IntakeErrorKey,
  type IntakeFlow,
} from '../../schema/welcome-intake-flow.js';
import { draftKey, readDraft, writeDraft } from './draft.js';
import { controlId, renderQuestion } from './questions.js';
import type { IntakeSender } from './send.js';
import { nl, type IntakeStrings } from './strings.js';
import { intakeStyles } from './welcome-intake.styles.js';

export { registerLocale } from '../../core/localize.js';
export { BkErrorEvent } from '../../core/events.js';
export { BkSubmitEvent, BkSentEvent, BkQueuedEvent } from '../../core/send-events.js';
export { Outbox, sharedOutbox } from '../../core/outbox.js';

export type IntakePhase = 'steps' | 'sending' | 'result';
export type IntakeMode = 'personal' | 'kiosk';
type Errors = Record<string, IntakeErrorKey>;

const DEFAULT_IDLE_SECONDS = 120;
const PHASE_STATES: readonly WidgetState[] = ['sending', 'sent', 'queued', 'failed'];
/** The shape the widget needs; the collector validates flows fully when a coordinator saves one. */
const isFlow = (v: unknown): v is IntakeFlow =>
  !!v && typeof v === 'object' && typeof (v as IntakeFlow).id === 'string' && Number.isInteger((v as IntakeFlow).version) &&
  Array.isArray((v as IntakeFlow).steps) && (v as IntakeFlow).steps.every((s) => Array.isArray(s?.questions));
/** The built-in flow ships apart (it carries three languages): a collector serves its own. */
const builtInFlow = () => import('../../schema/welcome-intake-default.js').then((m) => m.DEFAULT_INTAKE_FLOW);
/** Whether this page checked for items an earlier page left in the outbox (once: one outbox per page). */
let leftoversChecked = false;
const parseJson = (text: string | null | undefined): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * @tagname welcome-intake
 * @summary A short, optional welcome conversation, one step at a time, that ends with what the
 * place offers today and who to talk to. Every question may be skipped; a kiosk mode serves a
 * tablet at the centre (filled in together, nothing kept on the device).
 *
 * @event bk-submit - Before sending; cancelable. `event.envelope`.
 * @event bk-sent - The endpoint accepted the intake. `event.id`, `event.envelope`.
 * @event bk-queued - Kept on this device; sent later. `event.id`, `event.envelope`.
 * @event bk-error - `event.reason`: `rejected`, `invalid`, `storage` or `no-endpoint`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart intro - The flow's introduction above the first step.
 * @csspart toolbar - The kiosk bar with "opnieuw beginnen".
 * @csspart form - The form of one step.
 * @csspart progress - "Stap 2 van 5".
 * @csspart step-title - The heading of the step.
 * @csspart error-summary - The list of problems, with links to the fields.
 * @csspart field - The wrapper of each question.
 * @csspart label - Labels and legends.
 * @csspart hint - Help text.
 * @csspart error - An error message.
 * @csspart input - Every input and textarea.
 * @csspart option - A choice row (radio or checkbox).
 * @csspart card - A themakaart: a large choice with an icon and a label.
 * @csspart nav - The row of back / skip / next buttons.
 * @csspart button - Every button.
 * @csspart result - The result screen.
 * @csspart activities - The list of matching activities.
 * @csspart status - The live status line.
 *
 * @cssproperty --bk-color-accent - Buttons, focus accents, chosen cards. Default `#0a5c7a`.
 * @cssproperty --bk-radius - Corner radius. Default `0.5em`.
 * @cssproperty --bk-space - Base spacing. Default `1em`.
 * @cssproperty --bk-touch-target - Minimum size of controls. Default `44px`.
 * @cssproperty --bk-welcome-intake-accent - Accent of this widget only; defaults to `--bk-color-accent`.
 * @cssproperty --bk-welcome-intake-max-width - Maximum width. Default `44em`.
 *
 * @cssstate sending - Sending.
 * @cssstate sent - Delivered.
 * @cssstate queued - Kept on this device; will be sent.
 * @cssstate failed - The endpoint refused; the answers are still there.
 * @cssstate invalid - The step shows errors.
 * @cssstate kiosk - Kiosk (assisted) mode.
 */
export class WelcomeIntake extends BuurtkitSender {
  static override styles = [tokens, baseStyles, widgetLayout, formStyles, intakeStyles];

  static override properties: PropertyDeclarations = {
    flow: { converter: { fromAttribute: parseJson } },
    activities: { attribute: false },
    calendarSrc: { attribute: 'calendar-src' },
    timeZone: { attribute: 'time-zone' },
    contactPerson: { attribute: 'contact-person' },
    heading: {},
    mode: {},
    idleSeconds: { type: Number, attribute: 'idle-seconds' },
    phase: { state: true, attribute: false },
    answers: { state: true, attribute: false },
    stepIndex: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    loadedFlow: { state: true, attribute: false },
  };

  /** The flow: an object, or JSON as attribute. Else a child `<script type="application/json" data-flow>`, the collector's, or the built-in one. */
  declare flow: IntakeFlow | undefined;
  /** Calendar items for the result screen (as `<activity-calendar>` takes them). Else a child `<script data-activities>`, `calendar-src`, or the collector. */
  declare activities: unknown[] | undefined;
  /** An ICS feed for the result screen. */
  declare calendarSrc: string | undefined;
  /** The site's zone for "vandaag". Default `Europe/Amsterdam`. */
  declare timeZone: string | undefined;
  /** "Bij wie kun je terecht": a name or role, shown on the result screen (else the flow's `contactPerson`). */
  declare contactPerson: string | undefined;
  /** Replaces the heading. */
  declare heading: string | undefined;
  /** `personal` (default: a draft in sessionStorage) or `kiosk` (no draft, "opnieuw beginnen", reset when idle). */
  declare mode: IntakeMode;
  /** Kiosk: start over after this many seconds without a touch or key (default 120), also after sending. */
  declare idleSeconds: number;
  declare phase: IntakePhase;
  protected declare answers: IntakeAnswers;
  protected declare stepIndex: number;
  protected declare errors: Errors;
  protected declare loadedFlow: IntakeFlow | undefined;

  /** @internal */
  readonly l = new LocalizeController<IntakeStrings>(this, 'welcome-intake', { nl }, {
    en: () => import('./locales/en.js').then((m) => m.en),
    ar: () => import('./locales/ar.js').then((m) => m.ar),
  });
  /**
   * The sending half and result screen (`send.ts`): loaded on the way to sending, on the last step.
   * A kiosk loads it once shown, so a connection that drops later in the day cannot keep an
   * intake from the outbox. A load that failed is tried again when sending.
   */
  private readonly sending = new SendingPart<IntakeSender>(
    this,
    () =>
      import('./send.js').then((m) => {
        this.adoptLate(m.resultStyles);
        return new m.IntakeSender(this);
      }),
    () => !!this.currentFlow && ((this.phase === 'steps' && this.stepIndex === this.steps.length - 1) || this.kiosk),
  );
  /** Sending found no connection for the sending half: send when the browser is back online. */
  private sendWhenOnline = false;
  private showSummary = false;
  /** @internal */
  formError = '';
  private status = '';
  private tone: StatusTone = 'info';
  private honeypot = '';
  private startedAt = 0;
  private fetchedFlowFor = '';
  private draftRestored = '';
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.mode = 'personal';
    this.idleSeconds = DEFAULT_IDLE_SECONDS;
    this.phase = 'steps';
    this.answers = {};
    this.stepIndex = 0;
    this.errors = {};
  }

  private get kiosk(): boolean {
    return this.mode === 'kiosk';
  }

  private parsed = new Map<string, { text: string; value: unknown }>();

  /** @internal A child `<script type="application/json" data-…>`, parsed once per text. */
  child(attr: string): unknown {
    const text = this.querySelector(`:scope > script[type="application/json"][${attr}]`)?.textContent ?? '';
    let entry = this.parsed.get(attr);
    if (entry?.text !== text) this.parsed.set(attr, (entry = { text, value: parseJson(text) }));
    return entry.value;
  }

  /** The flow in use; undefined while the collector's (or the built-in one) is loading. */
  get currentFlow(): IntakeFlow | undefined {
    if (isFlow(this.flow)) return this.flow;
    const inline = this.child('data-flow');
    return isFlow(inline) ? inline : this.loadedFlow;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of ['pointerdown', 'keydown', 'input']) this.addEventListener(type, this.touch);
    addEventListener('online', this.onOnline);
    this.touch();
    this.sendLeftovers();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    clearTimeout(this.idleTimer);
  }

  /**
   * The page's outbox sends what an earlier page left behind once it starts, and it starts with
   * the sending half. So when this device has an outbox database (something was sent from it
   * before), load that half now; a device that never sent anything skips it. Without
   * `indexedDB.databases()` we cannot tell, so load it. Once per page: one outbox per page.
   */
  private sendLeftovers() {
    if (leftoversChecked || typeof indexedDB === 'undefined') return;
    leftoversChecked = true;
    // Async, so a browser that throws here (a privacy mode) counts as "cannot tell" too.
    void (async () => (await indexedDB.databases?.())?.some((d) => d.name === DB_NAME) ?? true)().then(
      (waiting) => waiting && this.sending.prefetch(),
      () => this.sending.prefetch(),
    );
  }

  /** Back online after sending found no connection: send now (the visitor already pressed send). */
  private readonly onOnline = () => {
    if (this.sendWhenOnline && this.phase === 'steps') void this.submit();
    else if (this.kiosk && !this.sending.value) this.sending.prefetch();
  };

  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = this.hasUpdated ? undefined : this.l.ready();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    super.firstUpdated();
    this.startedAt = performance.now();
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.loadFlow();
    const flow = this.currentFlow;
    const site = this.resolvedEndpoint?.site;
    if (flow && site && !this.kiosk) {
      const key = draftKey(site, flow);
      if (this.draftRestored !== key) {
        this.draftRestored = key;
        const draft = readDraft(key);
        if (draft) {
          this.answers = draft.answers;
          this.stepIndex = Math.max(0, visibleSteps(flow, draft.answers).findIndex((s) => s.id === draft.step));
        }
      } else if (changed.has('answers') || changed.has('stepIndex')) {
        writeDraft(key, this.phase === 'steps' ? { answers: this.answers, step: this.steps[this.stepIndex]?.id ?? '' } : undefined);
      }
    }
    // An answer may hide later steps: stay within the steps there are.
    if (flow && this.stepIndex > this.steps.length - 1) this.stepIndex = Math.max(0, this.steps.length - 1);
    if (changed.has('mode')) this.toggleState('kiosk', this.kiosk);
    for (const state of PHASE_STATES) {
      const on = state === 'sending' ? this.phase === 'sending' : state === 'failed' ? !!this.formError : this.sending.value?.result?.delivered === state;
      this.toggleState(state, on);
    }
    this.toggleState('invalid', Object.keys(this.errors).length > 0);
  }

  /**
   * Without a flow of its own the widget asks the collector (once per endpoint), or, in webhook
   * mode or when the collector cannot be reached, uses the built-in flow.
   */
  private loadFlow() {
    const cfg = this.resolvedEndpoint;
    if (isFlow(this.flow) || this.child('data-flow')) return;
    const collector = cfg && canRead(cfg);
    const key = collector ? `${cfg.endpoint}|${cfg.site}` : 'built-in';
    if (this.fetchedFlowFor === key) return;
    this.fetchedFlowFor = key;
    this.loadedFlow = undefined;
    const url = collector ? `${cfg.endpoint.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(cfg.site)}/intake-flow` : '';
    // Revalidated, not cached: a coordinator's change shows on the next visit.
    (collector ? fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' }).then((r) => (r.ok ? r.json() : undefined)) : Promise.resolve())
      .catch(() => undefined)
      .then((data: unknown) => (isFlow(data) ? data : builtInFlow()))
      .then((flow) => {
        if (this.fetchedFlowFor === key) this.loadedFlow = flow;
      });
  }

  private get steps() {
    const flow = this.currentFlow;
    return flow ? visibleSteps(flow, this.answers) : [];
  }

  /** @internal */
  setAnswer(id: string, value: IntakeAnswer | undefined): void {
    const next = { ...this.answers };
    if (value === undefined) delete next[id];
    else next[id] = value;
    this.answers = next;
    if (this.showSummary) this.errors = this.stepErrors();
  }

  private stepErrors(all = false): Errors {
    const flow = this.currentFlow!;
    const errors = validateAnswers(flow, this.answers);
    if (all) return errors;
    const ids = new Set(visibleQuestions(this.steps[this.stepIndex]!, this.answers).map((q) => q.id));
    return Object.fromEntries(Object.entries(errors).filter(([id]) => ids.has(id)));
  }

  protected override render() {
    const { l } = this;
    const flow = this.currentFlow;
    return html`<div part="base" class="base" lang=${l.locale} dir=${l.dir}>
      <h2 part="heading" class="heading">${this.heading || localText(flow?.title, l.locale) || l.t('heading')}</h2>
      ${this.kiosk
        ? html`<div part="toolbar" class="toolbar">
            <p class="hint">${l.t('kioskNote')}</p>
            <button type="button" part="button start-over" @click=${() => this.reset(true)}>${l.t('startOver')}</button>
          </div>`
        : nothing}
      ${this.unconfigured
        ? html`<p part="notice" class="notice">${l.t('notConnected')}</p>`
        : !flow
          ? html`<p class="hint">${l.t('loading')}</p>`
          : this.phase === 'result' && this.sending.value
            ? this.sending.value.renderResult(flow)
            : this.renderStep(flow)}
      ${statusRegion(this.status, this.tone)}
    </div>`;
  }

  private renderStep(flow: IntakeFlow) {
    const { l } = this;
    const steps = this.steps;
    const step = steps[this.stepIndex];
    if (!step) return nothing; // a flow whose every step is conditional, none shown yet
    const last = this.stepIndex === steps.length - 1;
    const invalid = Object.entries(this.errors);
    const questions = new Map(allQuestions(flow).map((q) => [q.id, q]));
    return html`${this.stepIndex === 0 && flow.intro ? html`<p part="intro" class="intro">${localText(flow.intro, l.locale)}</p>` : nothing}
      <form part="form" class="form" novalidate @submit=${this.onNext}>
        <h3 part="step-title" class="step-title" tabindex="-1">
          <span part="progress" class="progress">${l.t('progress', { step: this.stepIndex + 1, total: steps.length })}</span>
          <span class="title">${localText(step.title, l.locale)}</span>
        </h3>
        ${step.intro ? html`<p class="hint">${localText(step.intro, l.locale)}</p>` : nothing}
        ${this.showSummary && (invalid.length || this.formError)
          ? html`<div part="error-summary" class="summary" tabindex="-1" role="group" aria-labelledby="summary-title">
              <h4 id="summary-title">${l.t('summaryTitle')}</h4>
              ${this.formError ? html`<p>${this.formError}</p>` : nothing}
              <ul>
                ${invalid.map(([id, key]) => {
                  const q = questions.get(id);
                  const target = q ? controlId(q, key) : '';
                  return html`<li>
                    <a href="#${target}" @click=${(e: Event) => (e.preventDefault(), this.focusField(target))}
                      >${q ? `${localText(q.label, l.locale)}: ` : ''}${l.t(key)}</a
                    >
                  </li>`;
                })}
              </ul>
            </div>`
          : this.formError
            ? html`<p part="error" class="error form-error" tabindex="-1">${this.formError}</p>`
            : nothing}
        ${visibleQuestions(step, this.answers).map((q) =>
          renderQuestion(q, { l, answer: this.answers[q.id], error: this.errors[q.id], set: (v) => this.setAnswer(q.id, v) }),
        )}
        ${last
          ? html`<div class="trap" aria-hidden="true" inert>
              <label for="website">Website</label>
              <input id="website" tabindex="-1" autocomplete="off" @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)} />
            </div>`
          : nothing}
        <div part="nav" class="nav">
          ${this.stepIndex > 0 ? html`<button type="button" part="button back" @click=${this.back}>${l.t('back')}</button>` : nothing}
          <button type="button" part="button skip" @click=${this.skip}>${l.t('skip')}</button>
          <button type="submit" part="button next" class="primary" aria-disabled=${this.phase === 'sending' ? 'true' : 'false'}>
            ${l.t(this.phase === 'sending' ? 'sending' : last ? 'send' : 'next')}
          </button>
        </div>
      </form>`;
  }

  private readonly onNext = (e: SubmitEvent) => {
    e.preventDefault();
    if (this.phase === 'sending') return;
    const errors = this.stepErrors();
    this.formError = '';
    if (Object.keys(errors).length) return this.showErrors(errors);
    if (this.stepIndex < this.steps.length - 1) return this.go(this.stepIndex + 1);
    void this.submit();
  };

  private readonly skip = () => {
    const step = this.steps[this.stepIndex]!;
    const next = { ...this.answers };
    for (const q of step.questions) delete next[q.id];
    this.answers = next;
    this.errors = {};
    this.showSummary = false;
    if (this.stepIndex < visibleSteps(this.currentFlow!, next).length - 1) this.go(this.stepIndex + 1);
    else void this.submit();
  };

  private readonly back = () => this.go(this.stepIndex - 1);

  private go(index: number) {
    if (this.sendWhenOnline) {
      // Back to the answers: the visitor sends again when ready; a kiosk counts down again.
      this.sendWhenOnline = false;
      this.touch();
    }
    this.errors = {};
    this.showSummary = false;
    this.formError = '';
    this.stepIndex = Math.max(0, index);
    void this.focusLater('.step-title');
  }

  private showErrors(errors: Errors) {
    this.errors = errors;
    this.showSummary = true;
    this.emitError('invalid', { issues: Object.entries(errors).map(([id, key]) => ({ path: `data.answers.${id}`, message: this.l.t(key), code: key })) });
    void this.focusLater('.summary');
  }

  private async submit(): Promise<void> {
    const cfg = this.resolvedEndpoint;
    const flow = this.currentFlow;
    if (!cfg || !flow || this.phase === 'sending') return;
    const all = this.stepErrors(true);
    if (Object.keys(all).length) return this.showErrorsOnStep(all);
    const trap = { honeypot: this.honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - this.startedAt)) };
    this.sendWhenOnline = false;
    this.formError = '';
    this.phase = 'sending';
    this.say(this.l.t('sending'));
    let sender: IntakeSender;
    try {
      sender = await this.sending.get();
    } catch {
      // The connection went before the sending half arrived: nothing is sent or lost. The answers
      // stay on screen (and in the draft); `online` sends them, or the visitor presses send again.
      this.phase = 'steps';
      this.sendWhenOnline = true;
      this.touch(); // a kiosk keeps the unsent answers until they are sent (or a person starts over)
      this.formError = this.l.t('sendOffline');
      this.say(this.formError, 'error');
      return void this.focusLater('.form-error');
    }
    // A kiosk reset while it loaded: that visitor's intake is not sent.
    if (this.phase === 'sending') await sender.send(cfg, flow, this.answers, trap);
  }

  /** @internal Errors found at sending: go to the first step that has one. */
  showErrorsOnStep(errors: Errors): void {
    const steps = this.steps;
    const index = steps.findIndex((s) => visibleQuestions(s, this.answers).some((q) => errors[q.id]));
    this.stepIndex = index < 0 ? this.stepIndex : index;
    const ids = new Set(visibleQuestions(steps[this.stepIndex]!, this.answers).map((q) => q.id));
    this.showErrors(Object.fromEntries(Object.entries(errors).filter(([id]) => ids.has(id))));
  }

  /** Back to an empty first step; nothing of the last visitor stays in the widget or in storage. */
  reset(focus = false): void {
    clearTimeout(this.idleTimer);
    const site = this.resolvedEndpoint?.site;
    if (site && this.currentFlow) writeDraft(draftKey(site, this.currentFlow), undefined);
    this.answers = {};
    this.errors = {};
    this.stepIndex = 0;
    this.phase = 'steps';
    this.sending.value?.clear();
    this.sendWhenOnline = false;
    this.showSummary = false;
    this.formError = '';
    this.honeypot = '';
    this.startedAt = performance.now();
    this.say('');
    this.renderRoot.querySelector('form')?.reset();
    if (focus) void this.focusLater('.step-title');
  }

  /**
   * Kiosk: any touch or key restarts the idle countdown. Not while answers wait for the
   * connection to be sent: an idle reset would lose them, as nothing of them is stored yet.
   */
  private readonly touch = () => {
    clearTimeout(this.idleTimer);
    if (!this.kiosk || !this.isConnected || this.sendWhenOnline) return;
    const seconds = this.idleSeconds > 0 ? this.idleSeconds : DEFAULT_IDLE_SECONDS;
    this.idleTimer = setTimeout(() => this.reset(), seconds * 1000);
  };

  protected override updated(changed: PropertyValues): void {
    // A new result (after sending) starts the countdown too: "auto reset after submit".
    if (changed.has('mode') || changed.has('idleSeconds') || (changed.has('phase') && this.phase === 'result')) this.touch();
  }

  /** @internal */
  say(status: string, tone: StatusTone = 'info'): void {
    this.status = status;
    this.tone = tone;
    this.requestUpdate();
  }

  /** @internal */
  async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** @internal Focus a field from the error summary. */
  focusField(id: string) {
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }
}
