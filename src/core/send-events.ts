/**
 * The events of sending (see `events.ts` for all of them): dispatched by the delivery code, so they
 * travel with it and not in a widget's first download when its sending part loads on demand.
 */
import type { EnvelopeBase } from '../schema/envelope.js';
import { eventInit as init } from './events.js';

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
