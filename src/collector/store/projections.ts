/** Projections shared by every store implementation. */
import type { AdminIdea, PublishedIdea } from '../../schema/index.js';
import type { RateOutcome, RateTake, WebhookDelivery } from './types.js';

/** The public projection: an explicit allow-list, so a new private column cannot leak by default. */
export function toPublishedIdea(i: AdminIdea): PublishedIdea {
  return {
    id: i.id,
    text: i.text,
    category: i.category,
    status: i.status,
    statusReason: i.statusReason,
    publicAnswer: i.publicAnswer,
    votes: i.votes,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** A `webhook_deliveries` row (payload excluded), the same from both backends' row shapes. */
export function toWebhookDelivery(r: Record<string, unknown>): WebhookDelivery {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    site: String(r.site),
    event: String(r.event),
    status: r.status as WebhookDelivery['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: text(r.next_attempt_at),
    lastError: text(r.last_error),
    createdAt: String(r.created_at),
    finishedAt: text(r.finished_at),
  };
}

/** A bucket's answer: when denied, the wait until one interval has drained (at least 1 ms). */
export function rateOutcome(take: RateTake, tat: number, denied: boolean): RateOutcome {
  if (!denied) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(tat + take.intervalMs - take.now - take.intervalMs * take.burst)) };
}
