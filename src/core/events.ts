/**
 * Events every buurtkit widget dispatches. They bubble and cross shadow roots (`composed`), so a
 * website owner can listen on `document`. Names are prefixed `bk-` because none is a native event.
 */
import type { EnvelopeBase, FieldIssue } from '../schema/envelope.js';

const init = { bubbles: true, composed: true } as const;

/**
 * Before anything is sent. Cancelable: `event.preventDefault()` stops the widget from sending,
 * e.g. when the website owner handles the envelope itself.
 */
export class BkSubmitEvent extends Event {
  constructor(readonly envelope: EnvelopeBase) {
    super('bk-submit', { ...init, cancelable: true });
  }
}

/** The endpoint accepted the envelope (a 2xx, or an opaque no-cors answer). */
export class BkSentEvent extends Event {
  constructor(
    readonly id: string,
    readonly envelope?: EnvelopeBase,
  ) {
    super('bk-sent', init);
  }
}

/** The envelope is kept in the outbox and will be sent later (offline, a server error, a rate limit). */
export class BkQueuedEvent extends Event {
  constructor(
    readonly id: string,
    readonly envelope?: EnvelopeBase,
  ) {
    super('bk-queued', init);
  }
}

/**
 * Something the visitor or website owner should know about:
 * - `rejected`: the endpoint refused the envelope (a 4xx other than 408/429); it is not retried;
 * - `invalid`: the form has errors (in the browser, or a 422 from the collector);
 * - `storage`: the outbox could not store it on this device; it is kept in memory while the page is open;
 * - `no-endpoint`: the widget has no endpoint or site and cannot send.
 */
export type BkErrorReason = 'rejected' | 'invalid' | 'storage' | 'no-endpoint';

export class BkErrorEvent extends Event {
  constructor(
    readonly reason: BkErrorReason,
    readonly detail: { id?: string; status?: number; issues?: FieldIssue[] } = {},
  ) {
    super('bk-error', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-submit': BkSubmitEvent;
    'bk-sent': BkSentEvent;
    'bk-queued': BkQueuedEvent;
    'bk-error': BkErrorEvent;
  }
}
