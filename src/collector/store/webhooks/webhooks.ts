/**
 * The store's webhook part: a site's webhook (where accepted submissions are forwarded, and the
 * key that signs them) and the durable outbox of deliveries, leased by any number of instances.
 * Deliveries of submissions are queued by the parts that store them, in the same transaction. One
 * implementation per backend (sqlite-webhooks.ts, postgres-webhooks.ts); reached as `store.webhooks`.
 */
import type { NewWebhookDelivery, WebhookClaim, WebhookDelivery, WebhookResult, WebhookTarget } from '../types.js';

export interface WebhooksStore {
  /** Sets (or replaces) the site's webhook. */
  set(target: WebhookTarget): Promise<void>;
  /** Removes the site's webhook; pending deliveries are dropped. False when there was none. */
  remove(site: string): Promise<boolean>;
  get(site: string): Promise<WebhookTarget | null>;
  /** Queues a delivery when the site has a webhook; a no-op otherwise (one statement either way). */
  enqueue(delivery: NewWebhookDelivery): Promise<void>;
  /**
   * Leases up to `limit` pending deliveries due at `now` (not leased by someone else) until
   * `leaseUntil`, oldest first, atomically: two instances never get the same delivery.
   */
  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookClaim[]>;
  /** Records an attempt's result and ends the lease; a final status removes the payload. */
  finishDelivery(id: string, result: WebhookResult): Promise<void>;
  /** The site's deliveries, newest first. */
  listDeliveries(site: string, limit: number): Promise<WebhookDelivery[]>;
  /** The site's pending deliveries with their payloads, so an erasure can redact them. */
  listPendingPayloads(site: string): Promise<{ id: string; payload: unknown }[]>;
  /** Replaces pending deliveries' payloads; a `null` payload drops the delivery. Returns how many changed. */
  redactDeliveries(site: string, changes: readonly { id: string; payload: unknown }[]): Promise<number>;
}
