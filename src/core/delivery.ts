/**
 * "Submit to endpoint" as a controller: dispatch the cancelable `bk-submit`, hand the envelope to
 * the outbox, translate the outcome into `bk-sent` / `bk-queued` / `bk-error`, and keep listening
 * for the late outcome of queued envelopes this widget owns.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MAX_BODY_BYTES } from '../schema/constants.js';
import type { EnvelopeBase, FieldIssue } from '../schema/envelope.js';
import type { OutboxRequest } from './endpoint.js';
import { BkErrorEvent } from './events.js';
import { BkQueuedEvent, BkSentEvent, BkSubmitEvent } from './send-events.js';
import { sharedOutbox, type Outbox, type OutboxEvent, type OutboxOutcome } from './outbox.js';
import type { NotConnectedCode } from './not-connected.js';

/** What became of an envelope that was handed to the outbox. */
type Sent =
  | { state: 'sent'; id: string }
  | { state: 'queued'; id: string; stored: boolean }
  | { state: 'failed'; id: string; status: number; issues: FieldIssue[]; notConnected?: NotConnectedCode };
export type DeliveryResult = { state: 'cancelled' } | Sent;

export interface DeliveryHost extends ReactiveControllerHost, HTMLElement {
  /** A custom outbox; the page's shared outbox when unset. */
  outbox?: Outbox | undefined;
}

export class DeliveryController implements ReactiveController {
  private readonly owned = new Map<string, EnvelopeBase>();
  private readonly inFlight = new Set<string>();
  private subscribed: Outbox | undefined;

  constructor(
    private readonly host: DeliveryHost,
    /** Called when a queued envelope is finally delivered or refused, while the widget is connected. */
    private readonly onLate: (envelope: EnvelopeBase, result: DeliveryResult) => void,
    /** The outbox to hand envelopes to: the host's, else the page's shared one. */
    private readonly pickOutbox: () => Outbox = () => host.outbox ?? sharedOutbox(),
  ) {
    host.addController(this);
  }

  /** Connecting the first widget starts the shared outbox, which flushes what a previous page left. */
  hostConnected() {
    this.outbox();
  }

  hostDisconnected() {
    this.subscribed?.removeEventListener('outcome', this.onOutcome);
    this.subscribed = undefined;
  }

  private outbox(): Outbox {
    const outbox = this.pickOutbox();
    if (outbox !== this.subscribed) {
      this.subscribed?.removeEventListener('outcome', this.onOutcome);
      outbox.addEventListener('outcome', this.onOutcome);
      this.subscribed = outbox;
    }
    return outbox;
  }

  async deliver(envelope: EnvelopeBase, request: OutboxRequest): Promise<DeliveryResult> {
    const submit = new BkSubmitEvent(envelope);
    this.host.dispatchEvent(submit);
    if (submit.defaultPrevented) return { state: 'cancelled' };
    const { id } = envelope;
    let result: Sent = { state: 'failed', id, status: 413, issues: [] };
    if (new Blob([request.body]).size <= MAX_BODY_BYTES) {
      this.inFlight.add(id);
      try {
        const { outcome, stored } = await this.outbox().enqueue(request, { id, site: envelope.site, widget: envelope.widget });
        if (!stored) this.host.dispatchEvent(new BkErrorEvent('storage', { id }));
        result = toResult(outcome, stored);
      } catch {
        result = { state: 'failed', id, status: 0, issues: [] };
      } finally {
        this.inFlight.delete(id);
      }
    }
    if (result.state === 'queued') this.owned.set(id, envelope);
    this.announce(envelope, result);
    return result;
  }

  private readonly onOutcome = (e: Event) => {
    const outcome = (e as OutboxEvent).outcome;
    const envelope = this.owned.get(outcome.id);
    if (!envelope || this.inFlight.has(outcome.id) || outcome.kind === 'retrying') return;
    this.owned.delete(outcome.id);
    const result = toResult(outcome, true);
    this.announce(envelope, result);
    this.onLate(envelope, result);
  };

  private announce(envelope: EnvelopeBase, result: Sent) {
    const { id } = envelope;
    if (result.state === 'failed' && result.notConnected) {
      // The website owner can fix this; the visitor is told it is not connected, not "saved".
      const endpoint = (this.host as { resolvedEndpoint?: { endpoint: string } }).resolvedEndpoint?.endpoint ?? "(this widget's endpoint)";
      const { localName } = this.host;
      const code = result.notConnected;
      void import('./site-owner.js').then(
        (m) => m.tellSiteOwner(localName, endpoint, envelope.site, code),
        () => undefined,
      );
      this.host.dispatchEvent(new BkErrorEvent('not-connected', { id, status: result.status, error: result.notConnected }));
      return;
    }
    this.host.dispatchEvent(
      result.state === 'sent'
        ? new BkSentEvent(id, envelope)
        : result.state === 'queued'
          ? new BkQueuedEvent(id, envelope)
          : new BkErrorEvent(result.status === 422 ? 'invalid' : 'rejected', { id, status: result.status, issues: result.issues }),
    );
  }
}

function toResult(outcome: OutboxOutcome | { kind: 'queued'; id: string }, stored: boolean): Sent {
  const { id } = outcome;
  if (outcome.kind === 'delivered') return { state: 'sent', id };
  if (outcome.kind === 'rejected') {
    const { status, issues, notConnected } = outcome;
    return { state: 'failed', id, status, issues, ...(notConnected && { notConnected }) };
  }
  return { state: 'queued', id, stored };
}
