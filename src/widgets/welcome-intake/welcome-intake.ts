import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { WidgetState } from '../../core/buurtkit-element.js';
import { BuurtkitSender } from '../../core/buurtkit-sender.js';
import { canRead } from '../../core/endpoint.js';
import { SendingPartLoader } from '../../core/sending-part-loader.js';
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
import type { ScheduleSource } from './result-data.js';
import { IntakeSendingPart } from './intake-sending-part.js';
import { siteKey } from './site-key.js';
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
  !!v &&
  typeof v === 'object' &&
  typeof (v as IntakeFlow).id === 'string' &&
  Number.isInteger((v as IntakeFlow).version) &&
  Array.isArray((v as IntakeFlow).steps) &&
  (v as IntakeFlow).steps.every((s) => Array.isArray(s?.questions));
/** The built-in flow ships apart (it carries three languages): a collector serves its own. */
const builtInFlow = () => import('../../schema/welcome-intake-default.js').then((m) => m.DEFAULT_INTAKE_FLOW);
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
 * tablet at the centre (filled in together, nothing readable kept on the device). With a collector,
 * the intake is sealed with the site's public key before it is stored or sent.
 *
 * @event bk-submit - Before sending; cancelable. `event.envelope` (its `data` sealed with a collector).
 * @event bk-sent - The endpoint accepted the intake. `event.id`, `event.envelope`.
 * @event bk-queued - In the outbox (sealed on this device, or unsealed in this page's memory); sent later. `event.id`, `event.envelope`.
 * @event bk-error - `event.reason`: `rejected`, `invalid`, `storage` or `no-endpoint`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart intro - The flow's introduction above the first step.
 * @csspart toolbar - The kiosk bar with "opnieuw beginnen".
 * @csspart notice - The "not connected" message.
 * @csspart start-over - "Opnieuw beginnen" (also `button`).
 * @csspart form - The form of one step.
 * @csspart progress - "Stap 2 van 5".
 * @csspart step-title - The heading of the step.
 * @csspart error-summary - The list of problems, with links to the fields.
 * @csspart field - The wrapper of each question.
 * @csspart label - Labels and legends.
 * @csspart hint - Help text.
 * @csspart error - An error message.
 * @csspart input - Every input and textarea.
 * @csspart textarea - The long-answer fields (also `input`).
 * @csspart option - A choice row (radio or checkbox).
 * @csspart card - A themakaart: a large choice with an icon and a label.
 * @csspart nav - The row of back / skip / next buttons.
 * @csspart back - "Terug" (also `button`).
 * @csspart skip - "Sla over" (also `button`).
 * @csspart next - "Verder", the step's send button (also `button`).
 * @csspart button - Every button.
 * @csspart result - The result screen.
 * @csspart print - "Afdrukken" on the result screen (also `button`).
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
  declare protected answers: IntakeAnswers;
  declare protected stepIndex: number;
  declare protected errors: Errors;
  declare protected loadedFlow: IntakeFlow | undefined;

  /** @internal */
  readonly l = new LocalizeController<IntakeStrings>(
    this,
    'welcome-intake',
    { nl },
    {
      en: () => import('./locales/en.js').then((m) => m.en),
      ar: () => import('./locales/ar.js').then((m) => m.ar),
    },
  );
  /**
   * Sealing and the hand-over to the outbox, in the first download: a press of "Versturen" never
   * needs code that a dropped connection could keep away.
   */
  private readonly sender = new IntakeSendingPart(this);
  /**
   * The result screen (`result.ts`): loaded on the last step, or once a kiosk is shown. Without it
   * (the connection dropped before it came) the visitor still sees the outcome; it is tried again
   * on the next `online`.
   */
  private readonly screen = new SendingPartLoader<typeof import('./result.js')>(
    this,
    () =>
      import('./result.js').then((m) => {
        this.adoptLate(m.resultStyles);
        this.l.add({ nl: m.resultNl });
        return m;
      }),
    () =>
      !!this.currentFlow && ((this.phase === 'steps' && this.stepIndex === this.steps.length - 1) || this.kiosk || this.phase === 'result'),
  );
  private showSummary = false;
  /** @internal */
  formError = '';
  private status = '';
  private tone: StatusTone = 'info';
  private honeypot = '';
  private startedAt = 0;
  private fetchedFlowFor = '';
  private keyAskedFor = '';
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    clearTimeout(this.idleTimer);
  }

  /** Back online: fetch the result screen if it is missing (the intake itself is in the outbox). */
  private readonly onOnline = () => {
    if (!this.screen.value && (this.kiosk || this.phase === 'result')) this.loadScreen();
  };

  /** Load the result screen, and show it if the visitor is looking at the result. */
  private loadScreen() {
    this.screen.get().then(
      () => this.phase === 'result' && this.requestUpdate(),
      () => undefined,
    );
  }

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
    // The site key now, while there is a connection: a press made offline later is sealed with it.
    const cfg = this.resolvedEndpoint;
    const keyFor = cfg ? `${cfg.endpointType} ${cfg.endpoint} ${cfg.site}` : '';
    if (cfg && keyFor !== this.keyAskedFor) {
      this.keyAskedFor = keyFor;
      void siteKey(cfg);
    }
    const flow = this.currentFlow;
    const site = this.resolvedEndpoint?.site;
    if (flow && site && !this.kiosk) {
      const key = draftKey(site, flow);
      if (this.draftRestored !== key) {
        this.draftRestored = key;
        const draft = readDraft(key);
        if (draft) {
          this.answers = draft.answers;
          this.stepIndex = Math.max(
            0,
            visibleSteps(flow, draft.answers).findIndex((s) => s.id === draft.step),
          );
        }
      } else if (changed.has('answers') || changed.has('stepIndex')) {
        writeDraft(key, this.phase === 'steps' ? { answers: this.answers, step: this.steps[this.stepIndex]?.id ?? '' } : undefined);
      }
    }
    // An answer may hide later steps: stay within the steps there are.
    if (flow && this.stepIndex > this.steps.length - 1) this.stepIndex = Math.max(0, this.steps.length - 1);
    if (changed.has('mode')) this.toggleState('kiosk', this.kiosk);
    for (const state of PHASE_STATES) {
      const on =
        state === 'sending'
          ? this.phase === 'sending'
          : state === 'failed'
            ? !!this.formError
            : this.phase === 'result' && this.sender.result?.delivered === state;
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
    (collector
      ? fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' }).then((r) => (r.ok ? r.json() : undefined))
      : Promise.resolve()
    )
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
      ${
        this.kiosk
          ? html`<div part="toolbar" class="toolbar">
            <p class="hint">${l.t('kioskNote')}</p>
            <button type="button" part="button start-over" @click=${() => this.reset(true)}>${l.t('startOver')}</button>
          </div>`
          : nothing
      }
      ${
        this.unconfigured
          ? html`<p part="notice" class="notice">${l.t('notConnected')}</p>`
          : !flow
            ? html`<p class="hint">${l.t('loading')}</p>`
            : this.phase === 'result' && this.sender.result
              ? this.renderResult(flow)
              : this.renderStep(flow)
      }
      ${statusRegion(this.status, this.tone)}
    </div>`;
  }

  private renderResult(flow: IntakeFlow) {
    const result = this.sender.result!;
    if (this.screen.value) return this.screen.value.renderResult(this.l, flow, result, this.contactPerson);
    // The screen could not be loaded (offline): the outcome, in words from the first download.
    return html`<section part="result" class="result" aria-labelledby="result-title">
      <h3 id="result-title" class="result-title" tabindex="-1">${this.l.t(this.sender.outcomeKey())}</h3>
    </section>`;
  }

  /** @internal The intake is in an outbox: the result screen, filled from the calendar for these answers. */
  showResult(answers: IntakeAnswers): void {
    this.loadScreen();
    void this.loadResult(answers);
  }

  private scheduleSource(): ScheduleSource | undefined {
    const items = this.activities ?? this.child('data-activities');
    if (items) return { kind: 'items', items };
    if (this.calendarSrc) return { kind: 'ics', url: this.calendarSrc };
    const cfg = this.resolvedEndpoint;
    return cfg && canRead(cfg) ? { kind: 'collector', endpoint: cfg.endpoint, site: cfg.site } : undefined;
  }

  /** Fills the result screen from the calendar; without a source, or offline, it shows the rest. */
  private async loadResult(answers: IntakeAnswers) {
    const source = this.scheduleSource();
    const flow = this.currentFlow;
    if (!source || !flow) return;
    try {
      const { loadSchedule, matchTags, resultData, withDates } = await import('./result-data.js');
      // Shown with dates and times: the date formatter's set-up is finished first (see `withDates`).
      const items = await withDates(loadSchedule(source));
      const data = resultData(items, matchTags(flow, answers), Date.now(), this.l.locale, this.timeZone || undefined);
      const result = this.sender.result;
      if (this.phase === 'result' && result) {
        result.data = data;
        this.requestUpdate();
      }
    } catch (e) {
      console.warn(`[buurtkit] <welcome-intake> could not load activities: ${(e as Error).message}`);
    }
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
      <form part="form" class="form" novalidate autocomplete=${this.kiosk ? 'off' : nothing} @submit=${this.onNext}>
        <h3 part="step-title" class="step-title" tabindex="-1">
          <span part="progress" class="progress">${l.t('progress', { step: this.stepIndex + 1, total: steps.length })}</span>
          <span class="title">${localText(step.title, l.locale)}</span>
        </h3>
        ${step.intro ? html`<p class="hint">${localText(step.intro, l.locale)}</p>` : nothing}
        ${
          this.showSummary && (invalid.length || this.formError)
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
              : nothing
        }
        ${visibleQuestions(step, this.answers).map((q) =>
          renderQuestion(q, {
            l,
            answer: this.answers[q.id],
            error: this.errors[q.id],
            set: (v) => this.setAnswer(q.id, v),
            kiosk: this.kiosk,
          }),
        )}
        ${
          last
            ? html`<div class="trap" aria-hidden="true" inert>
              <label for="website">Website</label>
              <input id="website" tabindex="-1" autocomplete="off" @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)} />
            </div>`
            : nothing
        }
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
    this.errors = {};
    this.showSummary = false;
    this.formError = '';
    this.stepIndex = Math.max(0, index);
    void this.focusLater('.step-title');
  }

  private showErrors(errors: Errors) {
    this.errors = errors;
    this.showSummary = true;
    this.emitError('invalid', {
      issues: Object.entries(errors).map(([id, key]) => ({ path: `data.answers.${id}`, message: this.l.t(key), code: key })),
    });
    void this.focusLater('.summary');
  }

  private async submit(): Promise<void> {
    const cfg = this.resolvedEndpoint;
    const flow = this.currentFlow;
    if (!cfg || !flow || this.phase === 'sending') return;
    const all = this.stepErrors(true);
    if (Object.keys(all).length) return this.showErrorsOnStep(all);
    const trap = { honeypot: this.honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - this.startedAt)) };
    this.formError = '';
    this.phase = 'sending';
    this.say(this.l.t('sending'));
    await this.sender.send(cfg, flow, this.answers, trap);
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
    this.sender.clear();
    this.showSummary = false;
    this.formError = '';
    this.honeypot = '';
    this.startedAt = performance.now();
    this.say('');
    this.renderRoot.querySelector('form')?.reset();
    if (focus) void this.focusLater('.step-title');
  }

  /** Kiosk: any touch or key restarts the idle countdown. */
  private readonly touch = () => {
    clearTimeout(this.idleTimer);
    if (!this.kiosk || !this.isConnected) return;
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
