/**
 * The sending half of `<welcome-intake>`: the payload and its envelope, the hand-over to the
 * outbox (`DeliveryController`), what the outcome means for the screen, and the result screen
 * itself. A visitor needs none of it to see and answer the first step, so the widget loads this
 * module when the visitor reaches the last step or sends (a kiosk loads it once it is shown).
 * Its Dutch texts (`send-strings.ts`) and the result screen's styles come along.
 */
import { html, nothing } from 'lit';
import { DeliveryController, type DeliveryHost, type DeliveryResult } from '../../core/delivery.js';
import type { LocalizeController } from '../../core/localize.js';
import { canRead, type ResolvedEndpoint } from '../../core/endpoint.js';
import { buildEnvelope } from '../../core/envelope.js';
import { submissionRequest } from '../../core/request.js';
import type { StatusTone } from '../../core/status.js';
import type { EnvelopeBase, FieldIssue, Trap } from '../../schema/envelope.js';
import {
  allQuestions,
  buildIntakePayload,
  hasContactDetail,
  localText,
  type IntakeAnswers,
  type IntakeErrorKey,
  type IntakeFlow,
  type IntakePayload,
} from '../../schema/welcome-intake-flow.js';
import { draftKey, writeDraft } from './draft.js';
import type { ResultData, ScheduleSource } from './result-data.js';
import { sendNl } from './send-strings.js';
import type { IntakeStrings } from './strings.js';

export { resultStyles } from './result.styles.js';

/** What the sending half uses of the widget (its `@internal` members). */
export interface SendHost extends DeliveryHost {
  readonly l: LocalizeController<IntakeStrings>;
  readonly currentFlow: IntakeFlow | undefined;
  readonly resolvedEndpoint: ResolvedEndpoint | undefined;
  readonly mode: string;
  readonly activities: unknown[] | undefined;
  readonly calendarSrc: string | undefined;
  readonly timeZone: string | undefined;
  readonly contactPerson: string | undefined;
  phase: 'steps' | 'sending' | 'result';
  formError: string;
  child(attr: string): unknown;
  say(status: string, tone?: StatusTone): void;
  focusLater(selector: string): Promise<void>;
  showErrorsOnStep(errors: Record<string, IntakeErrorKey>): void;
}

export class IntakeSender {
  /** What the result screen shows; undefined before sending and after a kiosk reset. */
  result: { delivered: 'sent' | 'queued'; data?: ResultData | undefined } | undefined;
  private storageNote = false;
  /** The last intake handed to the outbox, so its late outcome reaches this visitor only. */
  private lastId = '';
  private readonly delivery: DeliveryController;

  constructor(private readonly w: SendHost) {
    w.l.add({ nl: sendNl });
    // Added to a connected host it connects at once, which starts the page's shared outbox.
    this.delivery = new DeliveryController(w, (env, r) => this.onLateOutcome(env, r));
  }

  /** Build the envelope from the answers and hand it to the outbox; the widget is in `sending`. */
  async send(cfg: ResolvedEndpoint, flow: IntakeFlow, answers: IntakeAnswers, trap: Trap): Promise<void> {
    const { w } = this;
    const payload = buildIntakePayload(flow, answers, w.mode === 'kiosk');
    const consentQ = allQuestions(flow).find((q) => q.type === 'consent');
    const consent =
      hasContactDetail(flow, payload.answers) && consentQ && payload.answers[consentQ.id] === true
        ? { textVersion: `intake:${flow.id}:${flow.version}`, givenAt: new Date().toISOString() }
        : undefined;
    const envelope = buildEnvelope<IntakePayload>({ site: cfg.site, widget: 'welcome-intake', locale: w.l.lang, data: payload, consent, trap });
    this.apply(await this.delivery.deliver(envelope, submissionRequest(cfg, envelope)), envelope);
    // In the outbox: fill the result screen from the calendar, for the answers just sent.
    if (this.result) void this.loadResult(answers);
  }

  private apply(result: DeliveryResult, envelope: EnvelopeBase) {
    const { w } = this;
    const { l } = w;
    if (result.state === 'cancelled') {
      w.phase = 'steps';
      return w.say('');
    }
    if (result.state === 'failed') {
      w.phase = 'steps';
      w.say(l.t('failed'), 'error');
      if (result.status === 422) return this.showIssues(result.issues);
      w.formError = l.t('failed');
      w.requestUpdate();
      return void w.focusLater('.form-error');
    }
    // The outbox holds the intake now: the draft goes, the answers stay in memory for the result.
    this.lastId = envelope.id;
    const site = w.resolvedEndpoint?.site;
    if (site && w.currentFlow) writeDraft(draftKey(site, w.currentFlow), undefined);
    this.storageNote = result.state === 'queued' && !result.stored;
    this.result = { delivered: result.state };
    w.phase = 'result';
    w.say(l.t(result.state), result.state === 'sent' ? 'success' : 'info');
    void w.focusLater('.result-title');
  }

  /** 422 issues (`data.answers.<id>`, `consent…`) onto their questions. */
  private showIssues(issues: FieldIssue[]) {
    const { w } = this;
    const questions = allQuestions(w.currentFlow!);
    const errors: Record<string, IntakeErrorKey> = {};
    for (const { path, code } of issues) {
      const id = path.startsWith('data.answers.') ? path.split('.')[2]! : path.startsWith('consent') ? questions.find((q) => q.type === 'consent')?.id : undefined;
      if (id && questions.some((q) => q.id === id)) errors[id] ??= code?.startsWith('err') && w.l.has(code) ? (code as IntakeErrorKey) : 'errType';
      else w.formError = w.l.t('errForm');
    }
    w.showErrorsOnStep(errors);
  }

  private scheduleSource(): ScheduleSource | undefined {
    const { w } = this;
    const items = w.activities ?? w.child('data-activities');
    if (items) return { kind: 'items', items };
    if (w.calendarSrc) return { kind: 'ics', url: w.calendarSrc };
    const cfg = w.resolvedEndpoint;
    return cfg && canRead(cfg) ? { kind: 'collector', endpoint: cfg.endpoint, site: cfg.site } : undefined;
  }

  /** Fills the result screen from the calendar; without a source, or offline, it shows the rest. */
  private async loadResult(answers: IntakeAnswers) {
    const { w } = this;
    const source = this.scheduleSource();
    const flow = w.currentFlow;
    if (!source || !flow) return;
    try {
      const { loadSchedule, matchTags, resultData } = await import('./result-data.js');
      const items = await loadSchedule(source);
      const data = resultData(items, matchTags(flow, answers), Date.now(), w.l.locale, w.timeZone || undefined);
      if (w.phase === 'result' && this.result) {
        this.result = { ...this.result, data };
        w.requestUpdate();
      }
    } catch (e) {
      console.warn(`[buurtkit] <welcome-intake> could not load activities: ${(e as Error).message}`);
    }
  }

  /** A queued intake was finally delivered or refused. */
  private onLateOutcome(envelope: EnvelopeBase, result: DeliveryResult) {
    const { w } = this;
    // After a kiosk reset the next visitor is not told about the last one's intake.
    if (result.state === 'sent' && this.lastId === envelope.id) {
      if (this.result) this.result = { ...this.result, delivered: 'sent' };
      return w.say(w.l.t('lateSent'), 'success');
    }
    // Refused later: while the answers are still on screen, give them back to fix.
    if (result.state === 'failed' && this.lastId === envelope.id && w.phase === 'result') {
      this.result = undefined;
      this.apply(result, envelope);
    }
  }

  /** Forget the last intake (a kiosk reset): nothing of it stays for the next visitor. */
  clear(): void {
    this.result = undefined;
    this.storageNote = false;
    this.lastId = '';
  }

  renderResult(flow: IntakeFlow) {
    const { l } = this.w;
    const data = this.result?.data;
    const contact = this.w.contactPerson || localText(flow.contactPerson, l.locale);
    return html`<section part="result" class="result" aria-labelledby="result-title">
      <h3 id="result-title" class="result-title" tabindex="-1">${l.t('resultTitle')}</h3>
      <p>${l.t(this.result?.delivered === 'queued' ? 'resultQueued' : 'resultIntro')}</p>
      ${this.storageNote ? html`<p class="error">${l.t('storageFailed')}</p>` : nothing}
      ${data
        ? html`<h4>${l.t('activitiesTitle')}</h4>
            ${data.activities.length
              ? html`<ul part="activities" class="activities">
                  ${data.activities.map(
                    (a) => html`<li><strong dir="auto">${a.title}</strong><br />${a.when}${a.location ? html` · <bdi>${a.location}</bdi>` : nothing}</li>`,
                  )}
                </ul>`
              : html`<p>${l.t('noActivities')}</p>`}
            ${data.today
              ? html`<h4>${l.t('todayTitle')}</h4>
                  <p class="today">
                    ${data.today.length ? data.today.map((b) => l.t('openToday', b)).join(', ') : l.t('closedToday')}
                  </p>`
              : nothing}`
        : nothing}
      ${contact ? html`<h4>${l.t('contactTitle')}</h4><p class="contact" dir="auto">${contact}</p>` : nothing}
      <div part="nav" class="nav">
        <button type="button" part="button print" @click=${() => window.print()}>${l.t('print')}</button>
      </div>
    </section>`;
  }
}
