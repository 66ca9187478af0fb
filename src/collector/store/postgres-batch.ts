/**
 * Micro-batching of PostgreSQL writes on the request path. With synchronous_commit=on every
 * statement's COMMIT waits for a WAL flush, and a hot row (a site's rate bucket) is locked until
 * that flush is done, so one statement per request makes the flush latency the ceiling of the
 * whole collector. Here requests that arrive while earlier batches are in flight are collected and
 * sent as one statement: one round trip and one flush for the lot, answered only after it commits.
 *
 * At most `maxInFlight` batches run at once (each on its own pooled connection); a quiet collector
 * therefore sends every write alone and at once, and a busy one sends fewer, larger statements.
 */
export interface BatchOptions<T, R> {
  /** Runs one batch; returns one result (or an Error for that item alone) per item, in order. */
  run: (items: T[]) => Promise<(R | Error)[]>;
  maxInFlight: number;
  maxItems: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: BatchOptions<T, R>) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // After the I/O phase: every request parsed in this turn of the event loop joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxItems);
      this.inFlight++;
      void this.options
        .run(batch.map((p) => p.item))
        .then(
          (results) =>
            batch.forEach((p, n) => {
              const result = results[n];
              if (result instanceof Error) p.reject(result);
              else p.resolve(result as R);
            }),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
    }
  }
}
