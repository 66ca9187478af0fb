/** Shared helpers for the browser tests: test servers, network switching, a page object. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { Outbox } from '../../src/core/outbox.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';

export interface CollectorInfo {
  url: string;
  site: string;
  token: string;
  /** A second site with proof-of-work on. */
  powSite: string;
  /** A third site, for the manage sections' tests (admin token through `bk-admin`). */
  manageSite: string;
  /** A site of its own for the volunteer roles and shifts the coordinator page makes and deletes. */
  rolesSite: string;
  /** A site of its own whose allowed websites a test takes away mid-test (admin token through `bk-admin`). */
  unlinkSite: string;
  /** A site that allows no website: the collector refuses every page. */
  closedSite: string;
  /** This test server under another site's origin (`http://127.0.0.1:<port>`), allowed on `site`. */
  frameOrigin: string;
}

export async function collectorInfo(): Promise<CollectorInfo> {
  return (await fetch('/__collector.json')).json() as Promise<CollectorInfo>;
}

export async function receiverUrl(): Promise<string> {
  return ((await (await fetch('/__receiver.json')).json()) as { url: string }).url;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  contentType: string;
  body: string;
  at: number;
}

export const receiverLog = (key: string) => executeServerCommand<ReceivedRequest[], unknown>('bk-receiver', { action: 'log', key });

export const scriptReceiver = (
  key: string,
  responses: { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }[],
) => executeServerCommand('bk-receiver', { action: 'script', key, responses });

/** Render tokens fetched ahead and aged past the collector's 2 s minimum, for seeding data. */
const agedTokens: string[] = [];

async function agedToken(info: CollectorInfo): Promise<string> {
  if (agedTokens.length === 0) {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${info.url}/v1/sites/${info.site}/render-token`).then((r) => r.json())),
    );
    agedTokens.push(...answers.map((a: { token: string }) => a.token));
    // Stays: the collector's own clock must see the tokens 2 s old, and it runs in another process.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
  }
  return agedTokens.shift()!;
}

/** POSTs an envelope to the collector as a widget would (with an aged render token). */
export async function postEnvelope(info: CollectorInfo, envelope: unknown): Promise<Response> {
  return fetch(`${info.url}/v1/sites/${info.site}/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Buurtkit-Render-Token': await agedToken(info) },
    body: JSON.stringify(envelope),
  });
}

/**
 * POSTs an envelope to a public collector route (votes, "ik kom") as another visitor would, with
 * an aged render token; from Node, so it works while this page is offline.
 */
export const postWithToken = (path: string, envelope: unknown) =>
  executeServerCommand<{ status: number; body: unknown }, unknown>('bk-admin', { method: 'POST', path, body: envelope, renderToken: true });

/** Coordinator API, called from Node with the test token. */
export const admin = <T = unknown>(method: string, path: string, body?: unknown) =>
  executeServerCommand<{ status: number; body: T }, unknown>('bk-admin', { method, path, body });

/**
 * Cut this page off from the collector and the receiver (requests fail in the browser's network
 * stack, as on a real disconnect), or reconnect; fires `offline`/`online` like the browser would.
 */
export async function setOffline(offline: boolean): Promise<void> {
  await executeServerCommand('bk-network', { offline });
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

export const uniqueKey = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export async function waitFor<T>(fn: () => T | Promise<T>, { timeout = 8000, interval = 25, message = 'condition' } = {}): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A real pause, for the few tests that measure real time (each use says why). */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves after every zero-delay timer set before it (and every promise reaction queued before
 * those): an ordering, not a wait for time to pass.
 */
export const afterQueuedTimers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Resolves when these outboxes have nothing more under way: each one's flush is joined (a flush
 * asked for while one runs is merged into it), then the outbox lock is taken and let go, so every
 * attempt they started has had its answer. After that only a stored item could be sent again.
 */
export async function outboxesSettled(...outboxes: Outbox[]): Promise<void> {
  await Promise.all(outboxes.map((o) => o.flush('timer')));
  await navigator.locks.request(outboxes[0]?.lockName ?? 'buurtkit-outbox', () => undefined);
}

/**
 * Settles with the page's fetch of a module loaded on demand (by its path on the test server): a
 * second `import()` is handed the fetch already under way, so this ends when a widget's own
 * attempt does. True when it loaded.
 */
export const moduleSettled = (path: string): Promise<boolean> =>
  import(/* @vite-ignore */ path).then(
    () => true,
    () => false,
  );

/** Removes everything the outbox stored in this page's IndexedDB. */
export async function clearOutboxDb(): Promise<void> {
  const { Outbox } = await import('../../src/core/outbox.js');
  await new Outbox().clear();
}

/** Reads `<idea-box>` through its shadow root (testing-library does not pierce it). */
export class IdeaBoxObject {
  constructor(readonly el: IdeaBox) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<E extends Element = HTMLElement>(selector: string): E | null {
    return this.root.querySelector<E>(selector);
  }

  $$<E extends Element = HTMLElement>(selector: string): E[] {
    return [...this.root.querySelectorAll<E>(selector)];
  }

  field<E extends HTMLElement = HTMLInputElement>(id: string): E {
    const f = this.$<E>(`#${id}`);
    if (!f) throw new Error(`no field #${id}`);
    return f;
  }

  async type(id: string, value: string): Promise<void> {
    const f = this.field<HTMLInputElement | HTMLTextAreaElement>(id);
    f.value = value;
    f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await this.el.updateComplete;
  }

  async choose(id: string, value: string): Promise<void> {
    const f = this.field<HTMLSelectElement>(id);
    f.value = value;
    f.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.el.updateComplete;
  }

  async check(id: string, on = true): Promise<void> {
    const f = this.field(id);
    if (f.checked !== on) f.click();
    await this.el.updateComplete;
  }

  /**
   * Press send. A visitor takes longer to write than the sending part takes to load (it is
   * fetched when they start on the form), so this waits for it as they would; pressing send
   * before it is here is tested in idea-box-lazy.test.ts.
   */
  async submit(): Promise<void> {
    const button = this.$<HTMLButtonElement>('button[type=submit]')!;
    button.focus(); // as a click does; focus in the form fetches the sending part
    await waitFor(() => this.el.send, { message: 'the sending part' });
    button.click();
    await this.el.updateComplete;
  }

  /** The widget's own live status line (not the one in the list). */
  get status(): string {
    return this.$('.base > .status')?.textContent?.trim() ?? '';
  }

  get summary(): HTMLElement | null {
    return this.$('[part~="error-summary"]');
  }

  errorFor(id: string): string {
    return this.$(`#${id}-error`)?.textContent?.trim() ?? '';
  }

  get thanks(): HTMLElement | null {
    return this.$('[part~="thanks"]');
  }

  get ideas(): HTMLElement[] {
    return this.$$('[part~="idea"]');
  }

  async waitForPhase(phase: IdeaBox['phase'], timeout = 8000): Promise<void> {
    try {
      await waitFor(() => this.el.phase === phase, { timeout, message: `phase ${phase}` });
    } catch (e) {
      throw new Error(`${(e as Error).message}; the phase is ${this.el.phase}`);
    }
    await this.el.updateComplete;
  }
}

/** A plain JSON POST as the outbox stores it, for tests that drive an `Outbox` directly. */
export const outboxRequest = (url: string, body: object) => ({
  url,
  method: 'POST' as const,
  contentType: 'application/json',
  body: JSON.stringify(body),
  mode: 'cors' as RequestMode,
});

/**
 * Requests for these paths on the test server fail in the browser's network stack, as when the
 * connection drops before a lazy chunk is fetched; `[]` lets everything through again.
 */
export const blockPaths = (paths: string[]) => executeServerCommand('bk-block', { paths });

/** Requests this page made to the collector and the receiver since the last reset, by path. */
export const countRequests = (reset = false) => executeServerCommand<Record<string, number>, unknown>('bk-count', { reset });

/** Serve `html` at `/__page/<key>` (on this origin and on `frameOrigin`): a host page written in a test. */
export const servePage = (key: string, html: string) => executeServerCommand('bk-page', { key, html });
