/**
 * The sending part of `<feedback-poll>`: building the envelope, handing it to the outbox, what the
 * visitor sees after answering (the states, the kiosk reset, a late outcome of a response that
 * waited) and the results after voting, with their Dutch texts and styles.
 *
 * Not in the first download, so the poll renders sooner: fetched right after the first render, and
 * again (if that failed) when the visitor starts on the poll, answers, or has answered before and
 * the poll shows results (see `FeedbackPoll.sender`). Storing on the device is not here: the outbox's store
 * is in the first download, so what a previous page left behind is still sent. If this part cannot
 * be fetched (the network dropped just as the page loaded), the answer stays in the form, the widget
 * says so, and sends it when the browser is online again.
 */
import { sendNotConnectedText } from '../../core/delivery-strings.js';
import type { DeliveryResult } from '../../core/delivery.js';
import { canRead } from '../../core/endpoint.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import type { PollDefinition, PollResponsePayload } from '../../schema/poll-constants.js';
import type { PollResults } from '../../schema/poll-results.js';
import type { FeedbackPoll } from './feedback-poll.js';
import { emptyValues, hasAnswer } from './form-values.js';
import { valuesFromPayload } from './payload.js';
import { forgetAnswered, rememberAnswered } from './press.js';
import { resultsChart, type Bar } from './results-chart.js';
import { sendNl } from './send-strings.js';

export { resultsStyles } from './results-chart.js';

export class PollSendingPart {
  constructor(private readonly h: FeedbackPoll) {
    h.l.add({ nl: sendNl });
  }

  /** Show what became of a response the widget handed to the outbox (`FeedbackPoll.press`). */
  apply(result: DeliveryResult, envelope: EnvelopeBase) {
    const { h } = this;
    const { l } = h;
    if (result.state === 'cancelled') {
      h.phase = 'form';
      return h.say('');
    }
    if (result.state === 'failed') {
      // Refused: not answered after all, so this browser may answer again.
      if (!h.kiosk) forgetAnswered(envelope.site, String(envelope.data.pollId));
      h.phase = 'failed';
      h.values = valuesFromPayload(envelope.data as Partial<PollResponsePayload>);
      // Not connected (the collector refused this page): say so, promise nothing; the answers stay.
      h.error = result.notConnected ? sendNotConnectedText(h, l.locale) : l.t('failed');
      return h.say(h.error, 'error');
    }
    h.values = emptyValues();
    h.phase = result.state;
    h.say(l.t(result.state), result.state === 'sent' ? 'success' : 'info');
    void h.focusLater('.thanks-title');
    if (h.kiosk) {
      h.kioskCount++;
      clearTimeout(h.resetTimer);
      h.resetTimer = setTimeout(() => h.resetKiosk(), Math.max(1, h.resetSeconds) * 1000);
    } else {
      rememberAnswered(envelope.site, String(envelope.data.pollId));
      void this.loadResults();
    }
  }

  /** A queued response was delivered or refused later; a refused one goes back into the form. */
  onLate(envelope: EnvelopeBase, result: DeliveryResult) {
    const { h } = this;
    if (result.state === 'sent') return h.say(h.l.t('lateSent'), 'success');
    if (result.state === 'failed' && (h.phase !== 'form' || !hasAnswer(h.values))) {
      clearTimeout(h.resetTimer);
      this.apply(result, envelope);
    }
  }

  /** The aggregate results, where the poll shows them and the endpoint can be read (not in kiosk mode). */
  async loadResults(): Promise<void> {
    const { h } = this;
    const cfg = h.resolvedEndpoint;
    const poll = h.definition;
    if (!cfg || !poll?.showResults || !canRead(cfg) || h.kiosk) return;
    const answer = (await h.read(cfg, `polls/${encodeURIComponent(poll.id)}/results`)) as { results?: PollResults } | undefined;
    h.results = answer?.results;
  }

  /** The results as a chart with the numbers in text, under the thank-you. */
  renderResults(poll: PollDefinition, r: PollResults) {
    const { l } = this.h;
    const pct = (p: number | null) => (p === null ? '–' : `${new Intl.NumberFormat(l.lang, { maximumFractionDigits: 0 }).format(p)}%`);
    const bars: Bar[] = r.question
      ? r.question.answers.map((a) => ({ label: this.h.answerLabel(poll, a.value), count: a.count, percent: a.percent }))
      : r.statements.map((s) => ({
          label: `…${this.h.statementText(poll, s)} (${l.t('agree.eens')})`,
          count: s.agree,
          percent: s.percentAgree,
        }));
    return resultsChart(l.t('resultsTitle'), l.t('resultsCount', { count: r.n }), bars, (b) =>
      l.t('resultLine', { label: b.label, count: b.count, percent: pct(b.percent) }),
    );
  }
}
