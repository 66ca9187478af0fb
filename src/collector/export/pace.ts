/**
 * Exports share the event loop with submissions and probes. Rows come from SQLite synchronously and
 * from a PostgreSQL page already in memory, and formatting them is pure computation, so without a
 * pause a large export runs for seconds before any other request is read. A `Pacer` lets the loop
 * turn (`setImmediate`) after every few milliseconds of export work: other requests wait at most
 * that long, and the download itself loses only the cost of one turn per slice.
 */
// A submission passes the event loop several times (its body, the site, the insert batch, the
// answer) and may wait up to a slice each time, so slices are short; a turn of the loop costs
// microseconds, so the export loses little by them.
const SLICE_MS = 4;
/** Reading the clock every row would cost more than it saves. */
const CHECK_EVERY_ROWS = 32;

export class Pacer {
  private since = performance.now();
  private rows = 0;

  /** Call once per row: true when the caller should `await pause()` before the next one. */
  due(): boolean {
    if (++this.rows % CHECK_EVERY_ROWS !== 0) return false;
    return performance.now() - this.since >= SLICE_MS;
  }

  /** Lets every waiting callback and I/O event run, then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
