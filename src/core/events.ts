/**
 * Events every buurtkit widget dispatches. They bubble and cross shadow roots (`composed`), so a
 * website owner can listen on `document`. Names are prefixed `bk-` because none is a native event.
 * `bk-error` is here, with every widget's first download; the events of sending (`bk-submit`,
 * `bk-sent`, `bk-queued`) are in `send-events.ts`, with the code that sends.
 */
import type { FieldIssue } from '../schema/envelope.js';
import type { NotConnectedCode } from './not-connected.js';
import type { BkQueuedEvent, BkSentEvent, BkSubmitEvent } from './send-events.js';

export const eventInit = { bubbles: true, composed: true } as const;

/**
 * Something the visitor or website owner should know about:
 * - `rejected`: the endpoint refused the envelope (a 4xx other than 408/429); it is not retried;
 * - `invalid`: the form has errors (in the browser, or a 422 from the collector);
 * - `storage`: the outbox could not store it on this device; it is kept in memory and sent while the page is open;
 * - `not-connected`: the collector refused the page (`detail.error`: `site_not_found`,
 *   `origin_not_allowed` or `not_found`); nothing was stored or will be retried, the text stays;
 * - `no-endpoint`: the widget has no endpoint or site, so it cannot send or load anything.
 */
export type BkErrorReason = 'rejected' | 'invalid' | 'storage' | 'not-connected' | 'no-endpoint';

export class BkErrorEvent extends Event {
  constructor(
    readonly reason: BkErrorReason,
    readonly detail: { id?: string; status?: number; issues?: FieldIssue[]; error?: NotConnectedCode } = {},
  ) {
    super('bk-error', eventInit);
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
