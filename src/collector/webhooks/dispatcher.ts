/**
 * Webhooks (optional per site): each accepted submission is queued in the database, in the same
 * transaction that stored it (an outbox: a crash keeps both or neither, so every stored submission
 * is delivered at least once), and a dispatcher inside `serve` POSTs it to the site's URL, signed, with
 * retries over about two days. The queue lives in the database, so several collector instances
 * share it: a delivery is leased by one instance at a time. Once a delivery is final (delivered or
 * given up) its payload is removed, so the queue does not keep personal data.
 *
 * Signature: `Buurtkit-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`;
 * a receiver recomputes it and rejects old `t` values to stop replays. `Buurtkit-Delivery` is the
 * delivery's id (the same on every retry, for deduplication), `Buurtkit-Event` the event name.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { uuidv7 } from '../../schema/index.js';
import { repeat, type Repeating } from '../schedule.js';
import type { Store, WebhookClaim } from '../store/types.js';
import { BlockedTargetError, postJson, type SendOptions } from './send.js';

/** Waits before the 1st…8th retry; after the last one the delivery is given up. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000];
/** How long one instance holds a delivery it is sending before another may take it over. */
const LEASE_MS = 60_000;
const BATCH = 20;
export const DEFAULT_DISPATCH_INTERVAL_MS = 5_000;

export type WebhookEvent = 'submission.created' | (string & {});

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Queues an event for the site's webhook; does nothing when the site has none (one statement
 * either way). Call it after the data it describes is committed.
 */
export async function queueWebhook(store: Store, site: string, event: WebhookEvent, payload: unknown, now: Date): Promise<void> {
  await store.webhooks.enqueue({ id: uuidv7(now.getTime()), site, event, payload, createdAt: now.toISOString() });
}

export interface DispatcherOptions extends SendOptions {
  clock?: () => number;
  onError?: (error: Error) => void;
}

export interface DeliveryOutcome {
  id: string;
  status: 'delivered' | 'pending' | 'failed';
  error: string | null;
}

/** Sends the due deliveries once; returns what happened to each (for logs and tests). */
export async function dispatchDue(store: Store, options: DispatcherOptions = {}): Promise<DeliveryOutcome[]> {
  const clock = options.clock ?? Date.now;
  const now = clock();
  const claims = await store.webhooks.claimDeliveries(new Date(now).toISOString(), new Date(now + LEASE_MS).toISOString(), BATCH);
  return Promise.all(claims.map((claim) => deliver(store, claim, options, clock)));
}

async function deliver(store: Store, claim: WebhookClaim, options: DispatcherOptions, clock: () => number): Promise<DeliveryOutcome> {
  const body = JSON.stringify({
    event: claim.event,
    site: claim.site,
    deliveryId: claim.id,
    createdAt: claim.createdAt,
    data: claim.payload,
  });
  const t = Math.floor(clock() / 1000);
  let error: string | null = null;
  let permanent = false;
  try {
    const answer = await postJson(
      claim.url,
      body,
      {
        'user-agent': 'buurtkit-collector',
        'buurtkit-event': claim.event,
        'buurtkit-delivery': claim.id,
        'buurtkit-signature': signatureHeader(claim.secret, t, body),
      },
      options,
    );
    if (answer.status < 200 || answer.status > 299) error = `HTTP ${answer.status}`;
  } catch (e) {
    error = (e as Error).message;
    permanent = e instanceof BlockedTargetError;
  }
  const attempts = claim.attempts + 1;
  const done = clock();
  if (error === null) {
    await store.webhooks.finishDelivery(claim.id, {
      status: 'delivered',
      attempts,
      nextAttemptAt: null,
      lastError: null,
      finishedAt: new Date(done).toISOString(),
    });
    return { id: claim.id, status: 'delivered', error };
  }
  const delay = permanent ? undefined : RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) {
    await store.webhooks.finishDelivery(claim.id, {
      status: 'failed',
      attempts,
      nextAttemptAt: null,
      lastError: error,
      finishedAt: new Date(done).toISOString(),
    });
    return { id: claim.id, status: 'failed', error };
  }
  // A little jitter, so deliveries that failed together do not all come back at once.
  const next = done + delay + Math.floor(Math.random() * delay * 0.1);
  await store.webhooks.finishDelivery(claim.id, {
    status: 'pending',
    attempts,
    nextAttemptAt: new Date(next).toISOString(),
    lastError: error,
    finishedAt: null,
  });
  return { id: claim.id, status: 'pending', error };
}

export type DispatchSchedule = Repeating;

/** Runs `dispatchDue` every `intervalMs` until stopped; a run in progress finishes first. */
export function scheduleDispatch(store: Store, intervalMs: number, options: DispatcherOptions = {}): DispatchSchedule {
  return repeat(intervalMs, () => dispatchDue(store, options), options.onError);
}
