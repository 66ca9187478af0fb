/** Building the submission envelope in the browser. Pure, zod-free: types only from the schema. */
import { PROTOCOL_VERSION, type WidgetName } from '../schema/constants.js';
import type { Consent, Envelope, Trap } from '../schema/envelope.js';
import { uuidv7 } from '../schema/ids.js';

export interface EnvelopeInput<D> {
  site: string;
  widget: WidgetName;
  locale: string;
  data: D;
  trap: Trap;
  consent?: Consent | undefined;
  /** For tests; a fresh UUIDv7 and the current time by default. */
  id?: string;
  now?: number;
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export function buildEnvelope<D>(input: EnvelopeInput<D>): Envelope<D> {
  const now = input.now ?? Date.now();
  const envelope: Envelope<D> = {
    id: input.id ?? uuidv7(now),
    site: input.site,
    widget: input.widget,
    schemaVersion: PROTOCOL_VERSION,
    sentAt: new Date(now).toISOString(),
    // A host page's lang may be anything; the protocol wants a BCP 47-ish tag.
    locale: LOCALE.test(input.locale) ? input.locale : 'nl',
    data: input.data,
    trap: input.trap,
  };
  if (input.consent) envelope.consent = input.consent;
  return envelope;
}
