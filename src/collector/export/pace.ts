/**
 * Exports share the event loop with submissions and probes. Rows come from SQLite synchronously and
 * from a PostgreSQL page already in memory, and formatting them is pure computation, so without a
 * pause a large export runs for seconds before any other request is read. A `Pacer` lets the loop
 * turn (`setImmediate`) after every few milliseconds of export work: other requests wait at most
 * that long, and the download itself loses only the cost of one turn per slice.
 *
 * While other requests are in flight (`RequestsInFlight`, counted by the app), one turn is not
 * enough: a step such a request queues as its I/O comes in (`setImmediate`, as the insert batches
 * do) runs in the same turn as the export's own immediate, after it, and so behind the next slice.
 * A second turn lets those steps go first, at the cost of microseconds to the export.
 */
// A submission passes the event loop several times (its body, the site, the insert batch, the
// answer) and may wait up to a slice each time, so slices are short; a turn of the loop costs
// microseconds, so the export loses little by them.
const SLICE_MS = 4;
/** Reading the clock every row would cost more than it saves. */
const CHECK_EVERY_ROWS = 32;

/** The requests being handled that are not downloads: the app counts them, exports let them go first. */
export class RequestsInFlight {
  private count = 0;

  get size(): number {
    return this.count;
  }

  start(): void {
    this.count++;
  }

  end(): void {
    if (this.count > 0) this.count--;
  }
}

/** One turn of the event loop: every callback and I/O event waiting now runs first. */
const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

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

  /** Lets every waiting callback and I/O event run (the steps of other requests first), then starts a new slice. */
  async pause(): Promise<void> {
    await turn();
    if (this.requests && this.requests.size > 0) await turn();
    this.since = performance.now();
  }
}
