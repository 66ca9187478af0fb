/**
 * The durable outbox. Every envelope is written (awaited) to IndexedDB before the first network
 * attempt and removed only after the endpoint answered 2xx (or an opaque no-cors answer) or a 4xx
 * that says the data is wrong. Everything else is retried with backoff, and on `online`,
 * `visibilitychange` (visible), a timer for the next due attempt, and the next page load.
 *
 * Storing is here, in every widget's first download; sending (`outbox-delivery.ts`: attempts, backoff,
 * the lock, render tokens) is loaded the first time there is something to send. A page that only
 * shows a widget never downloads it. When it cannot be loaded (the network dropped after the page
 * loaded), items stay stored and the next `online`, visible tab or page load tries again.
 *
 * Single-flight: sending happens under the Web Lock `buurtkit-outbox`, so two tabs, two widgets or
 * two outbox instances never send the same item at the same time (an in-page lock where Web Locks
 * are missing). The envelope id makes a repeat harmless at the collector anyway.
 *
 * Outcomes are dispatched as `outcome` events on the outbox; the widget that owns the id listens.
 */
import type { FieldIssue } from '../schema/envelope.js';
import type { OutboxRequest } from './endpoint.js';
import type { NotConnectedCode } from './not-connected.js';
import { takeReadyToken } from './render-token-cache.js';
import type { OutboxDelivery } from './outbox-delivery.js';
import { IdbOutboxStore, type OutboxItem, type OutboxStore } from './outbox-store.js';
import type { BackoffOptions } from './retry.js';

export type { OutboxItem, OutboxStore };

export type OutboxOutcome =
  | { kind: 'delivered'; id: string; status: number }
  | { kind: 'rejected'; id: string; status: number; issues: FieldIssue[]; notConnected?: NotConnectedCode }
  | { kind: 'retrying'; id: string; status: number; nextAttemptAt: number };

export class OutboxEvent extends Event {
  constructor(readonly outcome: OutboxOutcome) {
    super('outcome');
  }
}

/** Why a flush runs. `timer` honours each item's due time; the others also retry network failures at once. */
export type FlushReason = 'timer' | 'visible' | 'online' | 'load' | 'enqueue';

export interface OutboxOptions {
  /** Where items are kept; IndexedDB by default. */
  store?: OutboxStore;
  backoff?: Partial<BackoffOptions>;
  /** The jitter source, in [0, 1]; `Math.random` by default (tests pin it). */
  random?: () => number;
  /** Abort an attempt that hangs longer than this. */
  requestTimeoutMs?: number;
  lockName?: string;
}

export interface EnqueueResult {
  /** The outcome of the first attempt; `queued` when this instance did not get to send it. */
  outcome: OutboxOutcome | { kind: 'queued'; id: string };
  /** False when the item could not be stored on the device and lives only in this page's memory. */
  stored: boolean;
}

export class Outbox extends EventTarget {
  /** True once storing on the device failed; items then live in memory while the page is open. */
  storageFailed = false;
  /** True after `stop()`: no more attempts in this page, except for an item being enqueued. */
  stopped = false;
  readonly lockName: string;
  private readonly store: OutboxStore | undefined;
  /** Items the device could not store; sent from here while the page is open. */
  private readonly memory = new Map<string, OutboxItem>();
  /** Outcomes reached by other tabs and outbox instances, so the widget that owns an id hears of it. */
  private readonly channel: BroadcastChannel | undefined;
  private sender: Promise<OutboxDelivery> | undefined;
  private started = false;

  constructor(private readonly options: OutboxOptions = {}) {
    super();
    this.store = options.store ?? (typeof indexedDB === 'undefined' ? undefined : new IdbOutboxStore());
    this.storageFailed = !this.store;
    this.lockName = options.lockName ?? 'buurtkit-outbox';
    this.channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`${this.lockName}-outcomes`);
  }

  /** Listen for `online` and `visibilitychange`, and flush what a previous page left behind. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    this.stopped = false;
    if (this.channel) this.channel.onmessage = (e: MessageEvent<OutboxOutcome>) => this.dispatchEvent(new OutboxEvent(e.data));
    addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    // What a previous page left behind is looked for when the page is idle, so opening IndexedDB
    // does not add to the work of the first render.
    whenIdle(() => this.started && this.flushIfWaiting('load'));
    return this;
  }

  /** Stop listening and retrying in this page (items stay stored for the next page). */
  stop(): void {
    this.started = false;
    this.stopped = true;
    if (this.channel) this.channel.onmessage = null;
    removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    void this.sender?.then(
      (s) => s.stop(),
      () => undefined,
    );
  }

  private readonly onOnline = () => this.flushIfWaiting('online');
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.flushIfWaiting('visible');
  };

  /** Flush when items wait, so a page with nothing to send never loads the sending code. */
  private flushIfWaiting(reason: FlushReason): void {
    if (this.sender) void this.flush(reason);
    else
      void this.items().then((items) => {
        if (items.length) void this.flush(reason);
      });
  }

  /** Store the item (awaited), then try to send it at once. */
  async enqueue(request: OutboxRequest, meta: { id: string; site: string; widget: string }): Promise<EnqueueResult> {
    const now = Date.now();
    // The render token fetched when the form was shown, if any (else one is fetched when sending).
    const token = request.tokenUrl ? takeReadyToken(request.tokenUrl) : undefined;
    if (token)
      void import('./render-token.js').then(
        (m) => m.prefetchRenderToken(request.tokenUrl!),
        () => undefined,
      );
    const item: OutboxItem = {
      ...request,
      ...meta,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      ...(token && { renderToken: token.token, tokenUsableAt: token.usableAt }),
    };
    const stored = await this.save(item);
    let outcome: OutboxOutcome | undefined;
    // A final outcome wins over an earlier "retrying": after this instance's first attempt failed,
    // another tab or instance may deliver (or be refused) before this hand-over ends, and the widget
    // hears no later outcome for an id it is still handing over.
    const listen = (e: Event) => {
      const o = (e as OutboxEvent).outcome;
      if (o.id === item.id && (!outcome || outcome.kind === 'retrying')) outcome = o;
    };
    this.addEventListener('outcome', listen);
    try {
      await this.flush('enqueue');
      if (outcome) return { outcome, stored };
      // Another tab or instance held the lock (if the item is gone, that sender delivered it), or
      // the sending code could not be loaded (offline): the item waits.
      const still = (await this.items()).some((i) => i.id === item.id);
      // Still listening while the store is read: that sender's own word beats the guess.
      if (outcome) return { outcome, stored };
      return { outcome: still ? { kind: 'queued', id: item.id } : { kind: 'delivered', id: item.id, status: 0 }, stored };
    } finally {
      this.removeEventListener('outcome', listen);
    }
  }

  /**
   * Send what is due. Calls made while a flush runs are merged into one more round. Resolves
   * without sending when the sending code cannot be loaded; the items stay stored.
   */
  flush(reason: FlushReason = 'timer'): Promise<void> {
    this.sender ??= import('./outbox-delivery.js').then((m) => new m.OutboxDelivery(this, this.options));
    return this.sender.then(
      (s) => s.flush(reason),
      () => void (this.sender = undefined),
    );
  }

  /** Items waiting to be sent, oldest first. */
  async items(): Promise<OutboxItem[]> {
    const byId = new Map<string, OutboxItem>();
    if (this.store) {
      try {
        for (const i of await this.store.all()) byId.set(i.id, i);
      } catch {
        this.storageFailed = true;
      }
    }
    for (const i of this.memory.values()) byId.set(i.id, { ...i });
    return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Remove everything (for tests and a "forget this device" action). */
  async clear(): Promise<void> {
    this.memory.clear();
    await this.store?.clear().catch(() => undefined);
  }

  /** Tell listeners here, and other tabs when final, what became of an item (used by the sender). */
  report(outcome: OutboxOutcome): void {
    this.dispatchEvent(new OutboxEvent(outcome));
    if (outcome.kind !== 'retrying') this.channel?.postMessage(outcome);
  }

  /** Write to IndexedDB; on failure keep the item in memory. Returns whether it is on the device. */
  async save(item: OutboxItem): Promise<boolean> {
    if (this.store && !this.memory.has(item.id)) {
      try {
        await this.store.put(item);
        return true;
      } catch {
        this.storageFailed = true;
      }
    }
    this.memory.set(item.id, item);
    return false;
  }

  async remove(id: string): Promise<void> {
    this.memory.delete(id);
    // If this fails the item is sent again later; the collector answers 200 for a known id.
    await this.store?.delete(id).catch(() => undefined);
  }
}

/** Run `fn` when the main thread is idle (within 2 s), or soon where idle callbacks are missing. */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2_000 });
  else setTimeout(fn, 200);
}

let shared: Outbox | undefined;
/** The page's outbox, started on first use (which flushes what a previous page left behind). */
export function sharedOutbox(): Outbox {
  return (shared ??= new Outbox()).start();
}
