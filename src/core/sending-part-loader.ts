/**
 * A widget's sending part, loaded on demand: the code a visitor needs only once they send (the
 * checks, building the envelope, the hand-over to the outbox, the thank-you or result), kept out of
 * the widget's first download so its form shows sooner.
 *
 * It is fetched right after the first update at which `ready()` holds (or earlier with
 * `prefetch`), so it is here before anyone could have written something. A load that failed (the
 * network dropped just as the page loaded) is tried again by the next `get`, `prefetch` or `use`;
 * `use` also tries again on the browser's next `online` event.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SendingPartLoader<T> implements ReactiveController {
  /** The part, once loaded. */
  value: T | undefined;
  private loading: Promise<T> | undefined;
  private prefetched = false;
  /** What `use` runs on the next `online` event, while a load failed. */
  private retry: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly load: () => Promise<T>,
    /** Whether the widget can send now (configured, its form shown): then the part is fetched. */
    private readonly ready: () => boolean,
  ) {
    host.addController(this);
  }

  /** The part: loaded once; after a failure the next call loads again. */
  get(): Promise<T> {
    return (this.loading ??= this.load().then(
      (part) => (this.value = part),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    ));
  }

  /** Start loading now; a failure is left to the next call. */
  readonly prefetch = (): void => void this.get().catch(() => undefined);

  /**
   * Run `run` with the part: at once when it is here (so the visitor's press is answered in the
   * same task), else once it has loaded. If it cannot be loaded, `offline` says so to the visitor
   * and `retry` runs on the next `online` event (once, however often `use` failed meanwhile).
   */
  use(run: (part: T) => unknown, offline: () => void, retry: () => void): void {
    if (this.value) return void run(this.value);
    this.get().then(
      (part) => {
        this.stopRetry();
        run(part);
      },
      () => {
        offline();
        if (!this.retry) {
          this.retry = () => {
            this.retry = undefined;
            retry();
          };
          addEventListener('online', this.retry, { once: true });
        }
      },
    );
  }

  hostUpdated(): void {
    if (!this.prefetched && this.ready()) {
      this.prefetched = true;
      this.prefetch();
    }
  }

  hostDisconnected(): void {
    this.stopRetry();
  }

  private stopRetry() {
    if (this.retry) removeEventListener('online', this.retry);
    this.retry = undefined;
  }
}
