/**
 * Every read a widget makes (the idea list, shifts, a poll, the calendar's programme, today's
 * host) goes through one `Loader`, a reactive controller in the shape of `@lit/task`: it runs the
 * read when its arguments change, aborts the one it replaces, and after a failure tries again with
 * exponential backoff and jitter, at once on `online` and when the tab becomes visible, and when
 * the visitor presses "try again". So a collector that is down, a page that is offline or a
 * misconfigured page never causes a storm of requests.
 *
 * A refusal that says the page is not connected correctly (see `not-connected.ts`) is its own
 * phase, `not-connected`, with one console error for the website owner; it is retried slowly too,
 * so the widget heals once the owner fixes it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { BkErrorEvent } from './events.js';
import { LOAD_NL, type LoadStringKey, type LoadStrings } from './load-strings.js';
import { nextTask } from './next-task.js';
import { ReadError, type NotConnectedCode } from './not-connected.js';
import type { ResolvedEndpoint } from './endpoint.js';
import type { StringTable } from './localize.js';

/** English and Arabic texts, once loaded (see `text`). */
let intl: Record<string, LoadStrings> | undefined;
let intlLoading: Promise<void> | undefined;

export type LoadPhase = 'idle' | 'loading' | 'ready' | 'failed' | 'not-connected';

export interface LoadBackoff {
  /** The first retry comes after between half of this and this, in ms; it doubles with each failure. */
  baseMs: number;
  /** Largest delay, in ms. */
  capMs: number;
}

export const LOAD_BACKOFF: LoadBackoff = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal" jitter: a delay in [exp/2, exp], exp = min(cap, base·2^(n-1)).
 * Unlike full jitter it never comes out near 0, so a run of failures cannot bunch up into a storm.
 */
export function loadRetryDelay(failures: number, backoff: LoadBackoff = LOAD_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + (Math.min(1, Math.max(0, random())) * exp) / 2);
}

export interface LoaderHost extends ReactiveControllerHost, HTMLElement {
  strings?: StringTable | undefined;
}

export interface LoaderOptions<T, A extends readonly unknown[]> {
  /** The read's arguments, checked before each update; undefined: nothing to read (not configured). */
  args: () => A | undefined;
  /** The read; throw (a `ReadError` for an HTTP answer) when it failed. */
  task: (args: A, signal: AbortSignal) => Promise<T>;
  /** Where the read goes, to name the fix in the console when the collector refuses the page. */
  endpoint?: (args: A) => ResolvedEndpoint | undefined;
  /** Called with each value read (after `value` is set). */
  onValue?: (value: T, args: A) => void;
  /** Called after each failure (after `phase` is set); a retry is already scheduled. */
  onError?: (error: unknown, args: A) => void;
  backoff?: Partial<LoadBackoff>;
  /** The jitter source, in [0, 1]. */
  random?: () => number;
}

export class Loader<T, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  phase: LoadPhase = 'idle';
  /** The last value read; kept while a later read runs or fails. */
  value: T | undefined;
  /** The refusal's code in the `not-connected` phase. */
  notConnected: NotConnectedCode | undefined;
  /** Failures in a row. */
  failures = 0;
  /** Reads started since the page loaded (for tests and the curious). */
  requests = 0;
  private key: string | undefined;
  private args: A | undefined;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private refreshing = false;
  private readonly backoff: LoadBackoff;

  constructor(
    private readonly host: LoaderHost,
    private readonly options: LoaderOptions<T, A>,
  ) {
    this.backoff = { ...LOAD_BACKOFF, ...options.backoff };
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.onEvent);
    document.addEventListener('visibilitychange', this.onEvent);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onEvent);
    document.removeEventListener('visibilitychange', this.onEvent);
    this.abort?.abort();
    clearTimeout(this.timer);
    // Read again when connected again (moved in the page), showing what was read meanwhile.
    this.key = undefined;
    this.refreshing = true;
    if (this.phase === 'loading') this.phase = 'idle';
  }

  /** Runs the read when its arguments changed since the last one. */
  hostUpdate(): void {
    const args = this.options.args();
    const key = args === undefined ? '' : JSON.stringify(args);
    if (key === this.key) return;
    this.key = key;
    this.args = args;
    this.failures = 0;
    // Other arguments (another site, another poll): what was read before is not theirs.
    if (!this.refreshing) this.value = undefined;
    this.refreshing = false;
    if (args === undefined) {
      this.stop();
      this.phase = 'idle';
      return;
    }
    if (this.value === undefined) this.phase = 'loading';
    this.start(args);
  }

  /** Read again now: the "try again" button, `online`, a visible tab. Automatic retries keep the phase. */
  readonly retry = (): void => {
    if (this.args === undefined) return;
    if (this.value === undefined) this.phase = 'loading';
    this.host.requestUpdate();
    this.start(this.args);
  };

  /** Read again on the next update, keeping what is shown until the answer (fresher places after a sign-up). */
  refresh(): void {
    this.key = undefined;
    this.refreshing = true;
    this.host.requestUpdate();
  }

  private readonly onEvent = (e: Event) => {
    if (e.type === 'visibilitychange' && document.visibilityState !== 'visible') return;
    // The network is back, or the visitor is looking again: try now rather than at the next backoff
    // step; the backoff count stays, so a flapping connection cannot cause a storm either.
    if ((this.phase !== 'failed' && this.phase !== 'not-connected') || this.inFlight) return;
    this.retry();
  };

  private stop() {
    this.inFlight = false;
    this.abort?.abort();
    this.abort = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(args: A) {
    this.stop();
    const abort = (this.abort = new AbortController());
    this.inFlight = true;
    this.requests++;
    this.options.task(args, abort.signal).then(
      async (value) => {
        // The answer was parsed and read in the task it arrived in; it is shown in a task of its
        // own, so reading and rendering a long answer never block a slow phone together.
        await nextTask();
        if (abort.signal.aborted) return;
        this.inFlight = false;
        this.value = value;
        this.failures = 0;
        this.notConnected = undefined;
        this.phase = 'ready';
        this.options.onValue?.(value, args);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.inFlight = false;
        this.failures++;
        const code = error instanceof ReadError ? error.code : undefined;
        const first = code && this.notConnected !== code;
        this.notConnected = code;
        this.phase = code ? 'not-connected' : 'failed';
        const cfg = code && this.options.endpoint?.(args);
        if (code && cfg) {
          const tag = this.host.localName;
          void import('./site-owner.js').then(
            (m) => m.tellSiteOwner(tag, cfg.endpoint, cfg.site, code),
            () => undefined,
          );
        }
        if (first) this.host.dispatchEvent(new BkErrorEvent('not-connected', { status: (error as ReadError).status, error: code }));
        this.timer = setTimeout(() => this.start(args), loadRetryDelay(this.failures, this.backoff, this.options.random));
        this.options.onError?.(error, args);
        this.host.requestUpdate();
      },
    );
  }

  /** A text of this controller in `locale`, unless the widget's `strings` override it; Dutch until another locale's texts are in. */
  text(key: LoadStringKey, locale: string): string {
    const own = this.host.strings?.[key];
    if (typeof own === 'string') return own;
    if (locale !== 'nl' && !intl) {
      intlLoading ??= import('./load-strings-intl.js').then(
        (m) => void (intl = m.LOAD_INTL),
        () => void (intlLoading = undefined),
      );
      void intlLoading.then(() => this.host.requestUpdate());
    }
    return (intl?.[locale] ?? LOAD_NL)[key];
  }

  /** Only the "try again now" button, for a widget that words the failure itself. */
  renderRetry(locale: string) {
    if (this.phase !== 'failed') return nothing;
    return html`<button type="button" part="button retry" class="retry" @click=${this.retry}>${this.text('loadRetry', locale)}</button>`;
  }

  /**
   * What a widget shows in place of what could not be read: "could not load, we will try again"
   * with a button to try now (`load-failed`, `button retry`), or the widget's own "not connected"
   * text (`notice`). Nothing while loading or ready, or when a failed read still has an older value.
   */
  render(locale: string, notConnectedText?: string) {
    if (this.phase === 'not-connected') {
      return html`<p part="notice load-failed" class="notice" role="status">${notConnectedText ?? this.text('loadNotConnected', locale)}</p>`;
    }
    if (this.phase !== 'failed') return nothing;
    return html`<div part="load-failed" class="load-failed" role="status">
      <p>${this.text('loadRetrying', locale)}</p>
      <button type="button" part="button retry" class="retry" @click=${this.retry}>${this.text('loadRetry', locale)}</button>
    </div>`;
  }
}
