/**
 * The outbox's sending half, loaded the first time an outbox has something to send (see
 * `outbox.ts`): rounds of attempts under the lock, backoff and `Retry-After`, render tokens and
 * proof-of-work for collector submissions, and the timer for the next due attempt.
 */
import type { FieldIssue } from '../schema/envelope.js';
import type { FlushReason, Outbox, OutboxOptions, OutboxOutcome } from './outbox.js';
import type { OutboxItem } from './outbox-store.js';
import { notConnectedCode, type NotConnectedCode } from './not-connected.js';
import { DEFAULT_BACKOFF, classifyResponse, nextAttemptDelay, parseRetryAfter, type BackoffOptions, type Verdict } from './retry.js';

const RANK: Record<FlushReason, number> = { timer: 0, visible: 1, online: 2, load: 3, enqueue: 4 };

/** Timer delay floor while another tab or instance holds the lock, so we never spin. */
const BUSY_RETRY_MS = 2_000;

export class OutboxDelivery {
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private requested: FlushReason | undefined;
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lockMissed = false;

  constructor(
    private readonly outbox: Outbox,
    options: OutboxOptions,
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  }

  /** Send what is due. Calls made while a flush runs are merged into one more round. */
  flush(reason: FlushReason): Promise<void> {
    if (!this.requested || RANK[reason] > RANK[this.requested]) this.requested = reason;
    this.running ??= this.drain();
    return this.running;
  }

  stop(): void {
    clearTimeout(this.timer);
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
    for (const item of await this.outbox.items()) {
      if (this.outbox.stopped && reason !== 'enqueue') return;
      const due = item.nextAttemptAt <= now || (reason !== 'timer' && item.lastStatus === 0);
      if (due) await this.attempt(item);
    }
  }

  private async attempt(item: OutboxItem): Promise<void> {
    let status = 0;
    let verdict: Verdict = 'retry';
    let retryAfter: number | undefined;
    let issues: FieldIssue[] = [];
    let notConnected: NotConnectedCode | undefined;
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
      if (verdict === 'reject') {
        // Unknown site, website not allowed, wrong path: the page is not connected correctly.
        notConnected = await notConnectedCode(res);
        issues = await readIssues(res);
      }
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
      await this.outbox.save({ ...item, attempts, nextAttemptAt, lastStatus: status });
      outcome = { kind: 'retrying', id: item.id, status, nextAttemptAt };
    } else {
      await this.outbox.remove(item.id);
      outcome =
        verdict === 'delivered'
          ? { kind: 'delivered', id: item.id, status }
          : { kind: 'rejected', id: item.id, status, issues, ...(notConnected && { notConnected }) };
    }
    this.outbox.report(outcome);
  }

  private async schedule(): Promise<void> {
    clearTimeout(this.timer);
    if (this.outbox.stopped) return;
    const items = await this.outbox.items();
    if (!items.length) return;
    const next = Math.min(...items.map((i) => i.nextAttemptAt));
    const delay = Math.max(this.lockMissed ? BUSY_RETRY_MS : 0, next - Date.now());
    this.timer = setTimeout(() => void this.flush('timer'), delay);
  }

  /** Run `fn` holding the lock; false when it was busy and `wait` is false. */
  private async withLock(wait: boolean, fn: () => Promise<void>): Promise<boolean> {
    const locks = typeof navigator === 'undefined' || locksDenied ? undefined : navigator.locks;
    if (locks?.request) {
      let ran = false;
      try {
        return await locks.request(this.outbox.lockName, { ifAvailable: !wait }, async (lock) => {
          ran = true;
          if (lock) await fn();
          return !!lock;
        });
      } catch (error) {
        // Where storage is denied (a third-party iframe with storage blocked, an opaque origin),
        // Web Locks are too: there is no other tab to share with, so the page's own lock will do.
        if (ran || (error as Error | null)?.name !== 'SecurityError') throw error;
        locksDenied = true;
      }
    }
    return pageLock(wait, fn);
  }
}

/** The field issues of a refused submission (`{ issues: [{ path, message }] }`), if any. */
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

/** Set once Web Locks refused this page (see `withLock`). */
let locksDenied = false;

/** Fallback single flight where Web Locks are missing (older browsers) or denied: one holder per page. */
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
