/**
 * The sending half of `<welcome-intake>`: the payload and its envelope, sealing it with the site's
 * public key, the hand-over to the outbox (`DeliveryController`) and what the outcome means for the
 * screen. It is part of the widget's first download, so a press of "Versturen" never waits for
 * code: offline from the first step on, the sealed intake is in the outbox before the visitor is
 * told anything, and any later page of the site, in any tab, sends it.
 *
 * Sealed (collector mode with the site's key): stored on the device and sent encrypted; nobody but
 * the collector reads it. Not sealable (webhook mode, no key yet, no WebCrypto): never written to
 * the device; kept in this page's memory and sent from there, and the visitor is told so.
 */
import { sendNotConnectedText } from '../../core/delivery-strings.js';
import { DeliveryController, type DeliveryHost, type DeliveryResult } from '../../core/delivery.js';
import type { LocalizeController, StringTable } from '../../core/localize.js';
import type { ResolvedEndpoint } from '../../core/endpoint.js';
import { buildEnvelope } from '../../core/envelope.js';
import { memoryOutbox } from '../../core/memory-outbox.js';
import { submissionRequest } from '../../core/request.js';
import { canSeal, sealTo } from '../../core/seal.js';
import type { StatusTone } from '../../core/status.js';
import type { EnvelopeBase, FieldIssue, Trap } from '../../schema/envelope.js';
import { sealedIntakeAad, type SealedIntakePayload } from '../../schema/sealed-intake.js';
import {
  allQuestions,
  buildIntakePayload,
  hasContactDetail,
  type IntakeAnswers,
  type IntakeErrorKey,
  type IntakeFlow,
  type IntakePayload,
} from '../../schema/welcome-intake-flow.js';
import { draftKey, writeDraft } from './draft.js';
import type { ResultData } from './result-data.js';
import { siteKey } from './site-key.js';
import type { IntakeStrings } from './strings.js';

/** What the sending half uses of the widget (its `@internal` members). */
export interface SendHost extends DeliveryHost {
  readonly l: LocalizeController<IntakeStrings>;
  /** The site's own texts; `sendNotConnected` there replaces the built-in one. */
  readonly strings?: StringTable | undefined;
  readonly currentFlow: IntakeFlow | undefined;
  readonly resolvedEndpoint: ResolvedEndpoint | undefined;
  readonly mode: string;
  phase: 'steps' | 'sending' | 'result';
  formError: string;
  say(status: string, tone?: StatusTone): void;
  focusLater(selector: string): Promise<void>;
  showErrorsOnStep(errors: Record<string, IntakeErrorKey>): void;
  /** The intake is in an outbox: show the result (and fill it from the calendar). */
  showResult(answers: IntakeAnswers): void;
}

/** What the result screen shows; set once an intake is in an outbox. */
export interface IntakeResult {
  delivered: 'sent' | 'queued';
  /** On the device (sealed), or only in this page's memory. */
  stored: boolean;
  /** Sealed with the site's key. */
  sealed: boolean;
  data?: ResultData | undefined;
}

export class IntakeSendingPart {
  result: IntakeResult | undefined;
  /** The last intake handed to an outbox, so its late outcome reaches this visitor only. */
  private lastId = '';
  /** Sealed intakes: the page's shared outbox (IndexedDB), or the widget's own. */
  private readonly stored: DeliveryController;
  /** Intakes that could not be sealed: memory only, never on the device. */
  private readonly unsealed: DeliveryController;

  constructor(private readonly w: SendHost) {
    const late = (env: EnvelopeBase, r: DeliveryResult) => this.onLateOutcome(env, r);
    // Connecting starts the page's shared outbox, which sends what an earlier page left behind.
    this.stored = new DeliveryController(w, late);
    this.unsealed = new DeliveryController(w, late, memoryOutbox);
  }

  /** Seal the answers and hand them to an outbox; the widget is in `sending`. */
  async send(cfg: ResolvedEndpoint, flow: IntakeFlow, answers: IntakeAnswers, trap: Trap): Promise<void> {
    const { w } = this;
    const payload = buildIntakePayload(flow, answers, w.mode === 'kiosk');
    const consentQ = allQuestions(flow).find((q) => q.type === 'consent');
    const consent =
      hasContactDetail(flow, payload.answers) && consentQ && payload.answers[consentQ.id] === true
        ? { textVersion: `intake:${flow.id}:${flow.version}`, givenAt: new Date().toISOString() }
        : undefined;
    const plain = buildEnvelope<IntakePayload>({
      site: cfg.site,
      widget: 'welcome-intake',
      locale: w.l.lang,
      data: payload,
      consent,
      trap,
    });
    const sealed = await this.seal(cfg, plain.id, payload);
    // A kiosk reset while sealing: that visitor's intake is not sent.
    if (w.phase !== 'sending') return;
    const envelope = sealed ? { ...plain, data: { kind: 'sealed', sealed } satisfies SealedIntakePayload } : plain;
    const result = await (sealed ? this.stored : this.unsealed).deliver(envelope, submissionRequest(cfg, envelope));
    this.apply(result, envelope, !!sealed);
    if (this.result) w.showResult(answers);
  }

  /** The whole payload sealed to the site's key; undefined when that cannot be done here. */
  private async seal(cfg: ResolvedEndpoint, id: string, payload: IntakePayload): Promise<string | undefined> {
    if (!canSeal()) return undefined;
    const key = await siteKey(cfg);
    return key ? sealTo(key, sealedIntakeAad(cfg.site, id), payload).catch(() => undefined) : undefined;
  }

  private apply(result: DeliveryResult, envelope: EnvelopeBase, sealed: boolean) {
    const { w } = this;
    const { l } = w;
    if (result.state === 'cancelled') {
      w.phase = 'steps';
      return w.say('');
    }
    if (result.state === 'failed') {
      w.phase = 'steps';
      // Not connected (the collector refused this page): say so, promise nothing; the answers stay.
      const failed = result.notConnected ? sendNotConnectedText(w, l.locale) : l.t('failed');
      w.say(failed, 'error');
      if (result.status === 422) return this.showIssues(result.issues);
      w.formError = failed;
      w.requestUpdate();
      return void w.focusLater('.form-error');
    }
    // An outbox holds the intake now: the draft goes, the answers stay in memory for the result.
    this.lastId = envelope.id;
    const site = w.resolvedEndpoint?.site;
    if (site && w.currentFlow) writeDraft(draftKey(site, w.currentFlow), undefined);
    // Only a sealed intake is ever written to the device.
    const stored = sealed && (result.state === 'sent' || result.stored);
    this.result = { delivered: result.state, stored, sealed };
    w.phase = 'result';
    w.say(l.t(this.outcomeKey()), result.state === 'sent' ? 'success' : 'info');
    void w.focusLater('.result-title');
  }

  /** The status line's text for the current result. */
  outcomeKey(): 'sent' | 'queued' | 'notStored' | 'storageFailed' {
    const r = this.result;
    if (!r || r.delivered === 'sent') return 'sent';
    return r.stored ? 'queued' : r.sealed ? 'storageFailed' : 'notStored';
  }

  /** 422 issues (`data.answers.<id>`, `consent…`) onto their questions. */
  private showIssues(issues: FieldIssue[]) {
    const { w } = this;
    const questions = allQuestions(w.currentFlow!);
    const errors: Record<string, IntakeErrorKey> = {};
    for (const { path, code } of issues) {
      const id = path.startsWith('data.answers.')
        ? path.split('.')[2]!
        : path.startsWith('consent')
          ? questions.find((q) => q.type === 'consent')?.id
          : undefined;
      if (id && questions.some((q) => q.id === id))
        errors[id] ??= code?.startsWith('err') && w.l.has(code) ? (code as IntakeErrorKey) : 'errType';
      else w.formError = w.l.t('errForm');
    }
    w.showErrorsOnStep(errors);
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
      this.apply(result, envelope, false);
    }
  }

  /** Forget the last intake (a kiosk reset): nothing of it stays for the next visitor. */
  clear(): void {
    this.result = undefined;
    this.lastId = '';
  }
}
