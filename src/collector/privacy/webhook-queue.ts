/**
 * An erasure also reaches the webhook queue: a delivery that has not been sent yet still holds a
 * copy of what the visitor sent, and its retries (about two days) would send it out after the
 * person was erased. Deliveries for records erased whole are dropped; others are sent without
 * the person's name, contact and consent. Deliveries already sent keep no payload.
 */
import type { Store } from '../store/types.js';
import { sameContact, type NormalisedContact } from './contact.js';

/** Fields of a payload's `data` that name or reach a person. */
const PERSONAL_FIELDS = ['name', 'firstName', 'contact', 'phone', 'email'] as const;

function holdsContact(value: unknown, contact: NormalisedContact): boolean {
  if (typeof value === 'string') return sameContact(value, contact);
  if (Array.isArray(value)) return value.some((v) => holdsContact(v, contact));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((v) => holdsContact(v, contact));
  return false;
}

function withoutPersonalData(payload: Record<string, unknown>): Record<string, unknown> {
  const data = payload.data;
  const cleaned =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? Object.fromEntries(Object.entries(data).filter(([k]) => !(PERSONAL_FIELDS as readonly string[]).includes(k)))
      : data;
  return { ...payload, consent: null, data: cleaned };
}

/**
 * Redacts the site's pending deliveries that hold the contact (anywhere in the payload): dropped
 * with `includeContent`, otherwise stripped of personal fields, and dropped as well when the
 * contact is still somewhere else in the payload (e.g. typed into an idea's text). Returns how
 * many deliveries changed.
 */
export async function eraseFromWebhookQueue(
  store: Store,
  site: string,
  contact: NormalisedContact,
  includeContent: boolean,
): Promise<number> {
  const changes: { id: string; payload: unknown }[] = [];
  for (const { id, payload } of await store.webhooks.listPendingPayloads(site)) {
    if (!holdsContact(payload, contact)) continue;
    if (includeContent || typeof payload !== 'object' || payload === null) {
      changes.push({ id, payload: null });
      continue;
    }
    const redacted = withoutPersonalData(payload as Record<string, unknown>);
    changes.push({ id, payload: holdsContact(redacted, contact) ? null : redacted });
  }
  return changes.length ? store.webhooks.redactDeliveries(site, changes) : 0;
}
