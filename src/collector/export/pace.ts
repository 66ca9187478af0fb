/**
 * Exports share the event loop with submissions and probes. Rows come from SQLite synchronously and
 * from a PostgreSQL page already in memory, and formatting them is pure computation, so without a
 * pause a large export runs for seconds before any other request is read. A `Pacer` lets the loop
 * turn (`setImmediate`) after every few milliseconds of export work: other requests wait at most
 * that long, and the download itself loses only the cost of one turn per slice.
 *
 * A turn is not enough for a submission: it crosses the loop several times (its body, the insert
 * batch, the answer) and each time its callback queues behind the next slice. So while other
 * requests are in flight (`RequestsInFlight`, counted by the app), a pause lasts until they are
 * answered, up to `MAX_WAIT_MS`, so that a steady stream of requests cannot stop a download.
 */
// A submission passes the event loop several times (its body, the site, the insert batch, the
// answer) and may wait up to a slice each time, so slices are short; a turn of the loop costs
// microseconds, so the export loses little by them.
const SLICE_MS = 4;
/** Reading the clock every row would cost more than it saves. */
const CHECK_EVERY_ROWS = 32;
/** The longest an export waits for other requests before its next slice. */
export const MAX_WAIT_MS = 25;

/** The requests being handled that are not downloads: the app counts them, exports wait for them. */
export class RequestsInFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  start(): void {
    this.count++;
  }

  end(): void {
    if (--this.count > 0) return;
    this.count = 0;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once no request is in flight, or after `maxMs`, whichever comes first. */
  settled(maxMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve();
      }, maxMs);
      this.waiters.push(wake);
    });
  }
}

export class Pacer {
  private since = performance.now();
  private rows = 0;

  /** `requests`: the app's other requests, which go first; without it a pause is one loop turn. */
  constructor(private readonly requests?: RequestsInFlight) {}

  /** Call once per row: true when the caller should `await pause()` before the next one. */
  due(): boolean {
    if (++this.rows % CHECK_EVERY_ROWS !== 0) return false;
    return performance.now() - this.since >= SLICE_MS;
  }

  /** Lets every waiting callback and I/O event run (and other requests finish), then starts a new slice. */
  async pause(): Promise<void> {
    if (this.requests && this.requests.size > 0) await this.requests.settled(MAX_WAIT_MS);
    else await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
