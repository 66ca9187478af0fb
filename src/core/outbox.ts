/**
 * The durable outbox. Every envelope is written (awaited) to IndexedDB before the first network
 * attempt and removed only after the endpoint answered 2xx (or an opaque no-cors answer) or a 4xx
 * that says the data is wrong. Everything else is retried with backoff, and on `online`,
 * `visibilitychange` (visible), a timer for the next due attempt, and the next page load.
 *
 * Single-flight: sending happens under the Web Lock `buurtkit-outbox`, so two tabs, two widgets or
 * two outbox instances never send the same item at the same time (an in-page lock where Web Locks
 * are missing). The envelope id makes a repeat harmless at the collector anyway.
 *
 * Outcomes are dispatched as `outcome` events on the outbox; the widget that owns the id listens.
 */
import type { FieldIssue } from '../schema/envelope.js';
import type { OutboxRequest } from './endpoint.js';
import { takeReadyToken } from './form-token-cache.js';
import { IdbOutboxStore, type OutboxItem, type OutboxStore } from './outbox-store.js';
import {
  DEFAULT_BACKOFF,
  classifyResponse,
  nextAttemptDelay,
  parseRetryAfter,
  type BackoffOptions,
  type Verdict,
} from './retry.js';

export type { OutboxItem, OutboxStore };

export type OutboxOutcome =
  | { kind: 'delivered'; id: string; status: number }
  | { kind: 'rejected'; id: string; status: number; issues: FieldIssue[] }
  | { kind: 'retrying'; id: string; status: number; nextAttemptAt: number };

export class OutboxEvent extends Event {
  constructor(readonly outcome: OutboxOutcome) {
    super('outcome');
  }
}

/** Why a flush runs. `timer` honours each item's due time; the others also retry network failures at once. */
export type FlushReason = 'timer' | 'visible' | 'online' | 'load' | 'enqueue';
const RANK: Record<FlushReason, number> = { timer: 0, visible: 1, online: 2, load: 3, enqueue: 4 };

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

/** Timer delay floor while another tab or instance holds the lock, so we never spin. */
const BUSY_RETRY_MS = 2_000;

export class Outbox extends EventTarget {
  /** True once storing on the device failed; items then live in memory while the page is open. */
  storageFailed = false;
  private readonly store: OutboxStore | undefined;
  /** Items the device could not store; sent from here while the page is open. */
  private readonly memory = new Map<string, OutboxItem>();
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private readonly lockName: string;
  /** Outcomes reached by other tabs and outbox instances, so the widget that owns an id hears of it. */
  private readonly channel: BroadcastChannel | undefined;
  private requested: FlushReason | undefined;
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private stopped = false;
  private lockMissed = false;

  constructor(options: OutboxOptions = {}) {
    super();
    this.store = options.store ?? (typeof indexedDB === 'undefined' ? undefined : new IdbOutboxStore());
    this.storageFailed = !this.store;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
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
    void this.flush('load');
    return this;
  }

  /** Stop listening and retrying in this page (items stay stored for the next page). */
  stop(): void {
    this.started = false;
    this.stopped = true;
    if (this.channel) this.channel.onmessage = null;
    removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.timer);
  }

  private readonly onOnline = () => void this.flush('online');
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.flush('visible');
  };

  /** Store the item (awaited), then try to send it at once. */
  async enqueue(request: OutboxRequest, meta: { id: string; site: string; widget: string }): Promise<EnqueueResult> {
    const now = Date.now();
    // The render token fetched when the form was shown, if any (else one is fetched when sending).
    const token = request.tokenUrl ? takeReadyToken(request.tokenUrl) : undefined;
    if (token) void import('./form-token.js').then((m) => m.prefetchFormToken(request.tokenUrl!), () => undefined);
    const item: OutboxItem = {
      ...request,
      ...meta,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      ...(token && { formToken: token.token, tokenUsableAt: token.usableAt }),
    };
    const stored = await this.save(item);
    let outcome: OutboxOutcome | undefined;
    const listen = (e: Event) => {
      const o = (e as OutboxEvent).outcome;
      if (o.id === item.id) outcome ??= o;
    };
    this.addEventListener('outcome', listen);
    try {
      await this.flush('enqueue');
    } finally {
      this.removeEventListener('outcome', listen);
    }
    if (outcome) return { outcome, stored };
    // Another tab or instance held the lock. If the item is gone, that sender delivered it.
    const still = (await this.items()).some((i) => i.id === item.id);
    return { outcome: still ? { kind: 'queued', id: item.id } : { kind: 'delivered', id: item.id, status: 0 }, stored };
  }

  /** Send what is due. Calls made while a flush runs are merged into one more round. */
  flush(reason: FlushReason = 'timer'): Promise<void> {
    if (!this.requested || RANK[reason] > RANK[this.requested]) this.requested = reason;
    this.running ??= this.drain();
    return this.running;
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

  /**
   * Rounds of sending until no request is left. `running` is cleared in the same turn as the last
   * check, so a flush requested at any moment is either picked up here or starts a new drain.
   */
  private async drain(): Promise<void> {
    try {
      for (;;) {
        this.lockMissed = false;
        while (this.requested) {
          const reason = this.requested;
          this.requested = undefined;
          this.lockMissed = !(await this.withLock(reason === 'enqueue', () => this.sendDue(reason)));
        }
        await this.schedule();
        if (!this.requested) break;
      }
    } finally {
      this.running = undefined;
    }
  }

  private async sendDue(reason: FlushReason): Promise<void> {
    const now = Date.now();
    for (const item of await this.items()) {
      if (this.stopped && reason !== 'enqueue') return;
      const due = item.nextAttemptAt <= now || (reason !== 'timer' && item.lastStatus === 0);
      if (due) await this.attempt(item);
    }
  }

  private async attempt(item: OutboxItem): Promise<void> {
    let status = 0;
    let verdict: Verdict = 'retry';
    let retryAfter: number | undefined;
    let issues: FieldIssue[] = [];
    let guards: typeof import('./collector-guards.js') | undefined;
    let solvedNow = false;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    try {
      // Collector submissions: a render token, proof-of-work when asked (loaded only for them; when
      // that code cannot be loaded, offline, this attempt fails like any network error).
      if (item.tokenUrl) {
        guards = await import('./collector-guards.js');
        ({ item, solvedNow } = await guards.prepare(item));
      }
      // No solution (offline, or the challenge could not be fetched): sending would only be refused.
      if (solvedNow && !item.pow) throw new Error('no proof of work');
      const abort = new AbortController();
      timeout = setTimeout(() => abort.abort(), this.requestTimeoutMs);
      const res = await fetch(item.url, {
        method: item.method,
        mode: item.mode,
        credentials: 'omit',
        cache: 'no-store',
        headers: { 'Content-Type': item.contentType, ...guards?.guardHeaders(item) },
        body: item.body,
        signal: abort.signal,
      });
      status = res.status;
      verdict = classifyResponse(res.status, res.type);
      // 428: the token or proof-of-work was missing, used or too old. Not the data's fault: a fresh one, soon.
      if (status === 428 && guards) {
        verdict = 'retry';
        ({ item, retryAfter } = await guards.refused(item, res, solvedNow));
      }
      if (verdict === 'reject') issues = await readIssues(res);
      if (verdict === 'retry') retryAfter ??= parseRetryAfter(res.headers.get('Retry-After'), Date.now());
    } catch {
      // A network error, an abort after the timeout, or a CORS failure: try again later.
    } finally {
      clearTimeout(timeout);
    }
    let outcome: OutboxOutcome;
    if (verdict === 'retry') {
      const attempts = item.attempts + 1;
      const nextAttemptAt = Date.now() + nextAttemptDelay(attempts, retryAfter, this.backoff, this.random);
      await this.save({ ...item, attempts, nextAttemptAt, lastStatus: status });
      outcome = { kind: 'retrying', id: item.id, status, nextAttemptAt };
    } else {
      await this.remove(item.id);
      outcome =
        verdict === 'delivered'
          ? { kind: 'delivered', id: item.id, status }
          : { kind: 'rejected', id: item.id, status, issues };
    }
    this.dispatchEvent(new OutboxEvent(outcome));
    if (outcome.kind !== 'retrying') this.channel?.postMessage(outcome);
  }

  /** Write to IndexedDB; on failure keep the item in memory. Returns whether it is on the device. */
  private async save(item: OutboxItem): Promise<boolean> {
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

  private async remove(id: string): Promise<void> {
    this.memory.delete(id);
    // If this fails the item is sent again later; the collector answers 200 for a known id.
    await this.store?.delete(id).catch(() => undefined);
  }

  private async schedule(): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const items = await this.items();
    if (!items.length) return;
    const next = Math.min(...items.map((i) => i.nextAttemptAt));
    const delay = Math.max(this.lockMissed ? BUSY_RETRY_MS : 0, next - Date.now());
    this.timer = setTimeout(() => void this.flush('timer'), delay);
  }

  /** Run `fn` holding the lock; false when it was busy and `wait` is false. */
  private async withLock(wait: boolean, fn: () => Promise<void>): Promise<boolean> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (locks?.request) {
      return locks.request(this.lockName, { ifAvailable: !wait }, async (lock) => {
        if (lock) await fn();
        return !!lock;
      });
    }
    return pageLock(wait, fn);
  }
}

/** The collector's error code (`{ error }`), or '' when the body has none. */
async function readIssues(res: Response): Promise<FieldIssue[]> {
  try {
    const body: unknown = await res.json();
    const issues = (body as { issues?: unknown } | null)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues
      .filter((i): i is FieldIssue => typeof i?.path === 'string' && typeof i?.message === 'string')
      .map(({ path, message }) => ({ path, message }));
  } catch {
    return [];
  }
}

/** Fallback single flight where Web Locks are missing (older browsers): one holder per page. */
let pageBusy = false;
async function pageLock(wait: boolean, fn: () => Promise<void>): Promise<boolean> {
  if (pageBusy && !wait) return false;
  while (pageBusy) await new Promise((r) => setTimeout(r, 50));
  pageBusy = true;
  try {
    await fn();
  } finally {
    pageBusy = false;
  }
  return true;
}

let shared: Outbox | undefined;
/** The page's outbox, started on first use (which flushes what a previous page left behind). */
export function sharedOutbox(): Outbox {
  return (shared ??= new Outbox()).start();
}
