/**
 * The sending part of `<idea-box>`: the checks before sending, building the envelope, handing it
 * to the outbox, and what the visitor sees after pressing send (the error summary, the states, the
 * thank-you, a late outcome of an idea that waited).
 *
 * Not in the first download, so the form renders sooner: fetched with its Dutch texts right after
 * the first render, and again (if that failed) when the visitor starts on the form, presses send
 * or votes (see `IdeaBox.sender`). Storing on the device is not here: the outbox's store is in the first
 * download, so what a previous page left behind is still sent. If this part cannot be fetched
 * (the network dropped just as the page loaded), the visitor's text stays in the form, the widget says
 * so, and sends it when the browser is online again.
 */
import { html, nothing } from 'lit';
import { sendNotConnectedText } from '../../core/delivery-strings.js';
import type { DeliveryController, DeliveryResult } from '../../core/delivery.js';
import { BkErrorEvent } from '../../core/events.js';
import { submissionRequest } from '../../core/request.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import type { IdeaPayloadInput } from '../../schema/idea-box.js';
import { emptyValues, type FieldErrors, type IdeaField } from './form-values.js';
import type { IdeaBox } from './idea-box.js';
import { errorsToIssues, mapIssues, valuesFromPayload } from './payload.js';
import { ideaEnvelope } from './press.js';
import { sendNl } from './send-strings.js';

export class IdeaSendingPart {
  constructor(private readonly h: IdeaBox) {
    h.l.add({ nl: sendNl });
  }

  /** Hands envelopes (ideas and the list's votes) to the outbox; the widget's, in its first download. */
  get delivery(): DeliveryController {
    return this.h.delivery;
  }

  /** Check, build and send what is in the form now. */
  async submit(): Promise<void> {
    const { h } = this;
    const cfg = h.resolvedEndpoint;
    if (h.phase === 'sending' || !cfg) return;
    const values = h.values;
    const errors = h.errorsIn(values);
    h.formError = '';
    if (Object.keys(errors).length) {
      this.showErrors(errors);
      h.dispatchEvent(new BkErrorEvent('invalid', { issues: errorsToIssues(errors) }));
      return;
    }
    h.showSummary = false;
    h.errors = {};
    h.phase = 'sending';
    h.say(h.l.t('sending'));
    const envelope = ideaEnvelope(cfg.site, h.l.lang, values, h.startedAt);
    this.apply(await this.delivery.deliver(envelope, submissionRequest(cfg, envelope)), envelope);
  }

  /** Show what became of an idea handed to the outbox (also one the widget handed over itself). */
  apply(result: DeliveryResult, envelope: EnvelopeBase) {
    const { h } = this;
    const { l } = h;
    switch (result.state) {
      case 'cancelled':
        h.phase = 'form';
        h.say('');
        return;
      case 'sent':
      case 'queued':
        // The outbox holds the idea now, so the form can be emptied.
        h.lastId = envelope.id;
        h.values = emptyValues();
        h.earlierText = '';
        h.storageNote = result.state === 'queued' && !result.stored;
        h.phase = result.state;
        // Not on the device (storage denied): never "saved"; keep the page open until it is sent.
        h.say(h.storageNote ? l.t('storageFailed') : l.t(result.state), result.state === 'sent' ? 'success' : 'info');
        void h.focusLater('.thanks-title');
        return;
      case 'failed': {
        h.phase = 'failed';
        if (result.status === 422) {
          const { errors, unmapped } = mapIssues(result.issues, h.values);
          if (unmapped) h.formError = l.t('errForm');
          this.showErrors(errors);
        } else {
          // Not connected (the collector refused this page): say so, promise nothing; the text stays.
          h.formError = result.notConnected ? sendNotConnectedText(h, l.locale) : l.t('failed');
          void h.focusLater('.form-error');
        }
        h.say(result.notConnected ? h.formError : l.t('failed'), 'error');
      }
    }
  }

  private showErrors(errors: FieldErrors) {
    const { h } = this;
    h.errors = errors;
    h.showSummary = true;
    if (h.phase === 'sending') h.phase = 'form';
    void h.focusLater('.summary');
  }

  /** A queued idea was finally delivered or refused (votes go to the list). */
  onLate(envelope: EnvelopeBase, result: DeliveryResult) {
    const { h } = this;
    const data = envelope.data as Partial<IdeaPayloadInput> | { kind: 'vote'; ideaId: string };
    if (data.kind === 'vote') return h.list?.settle(data.ideaId, result);
    const { l } = h;
    const current = h.lastId === envelope.id && h.phase === 'queued';
    if (result.state === 'sent') {
      if (current) h.phase = 'sent';
      h.say(l.t(current ? 'sent' : 'lateSent'), 'success');
    } else if (result.state === 'failed') {
      // Never a silent drop: put the visitor's text back, or show it when the form is in use.
      if (current || !h.values.text.trim()) {
        h.values = valuesFromPayload(data as Partial<IdeaPayloadInput>, !!envelope.consent);
        this.apply(result, envelope);
      } else {
        h.earlierText = (data as Partial<IdeaPayloadInput>).text ?? '';
        h.say(l.t('failed'), 'error');
      }
    }
  }

  /** The error summary (after a failed submit), a form-level error, and an earlier idea that failed. */
  renderNotices(invalid: IdeaField[], message: (f: IdeaField) => string) {
    const { h } = this;
    const { l } = h;
    return html`${
      h.showSummary && (invalid.length || h.formError)
        ? html`<div part="error-summary" class="summary" tabindex="-1" role="group" aria-labelledby="summary-title">
          <h3 id="summary-title">${l.t('summaryTitle')}</h3>
          ${h.formError ? html`<p>${h.formError}</p>` : nothing}
          <ul>
            ${invalid.map(
              (f) =>
                html`<li>
                  <a
                    href="#${f}"
                    @click=${(e: Event) => {
                      e.preventDefault();
                      h.focusField(f);
                    }}
                    >${message(f)}</a
                  >
                </li>`,
            )}
          </ul>
        </div>`
        : h.formError
          ? html`<p part="error" class="form-error error" tabindex="-1">${h.formError}</p>`
          : nothing
    }
    ${
      h.earlierText
        ? html`<div part="error" class="earlier">
          <p class="error">${l.t('earlierFailed')}</p>
          <blockquote dir="auto">${h.earlierText}</blockquote>
        </div>`
        : nothing
    }`;
  }

  /** The thank-you after sending, or after keeping the idea on this device. */
  renderThanks() {
    const { h } = this;
    const { l } = h;
    const queued = h.phase === 'queued';
    const inMemory = queued && h.storageNote;
    return html`<div part="thanks" class="thanks">
      <h3 class="thanks-title" tabindex="-1">${l.t(inMemory ? 'memoryTitle' : queued ? 'queuedTitle' : 'thanksTitle')}</h3>
      ${inMemory ? html`<p class="error">${l.t('storageFailed')}</p>` : html`<p>${l.t(queued ? 'queuedBody' : 'thanksBody')}</p>`}
      <button type="button" part="button another" class="primary" @click=${this.another}>${l.t('another')}</button>
    </div>`;
  }

  private readonly another = () => {
    const { h } = this;
    h.phase = 'form';
    h.startedAt = performance.now();
    h.say('');
    void h.focusLater('#idea');
  };
}
