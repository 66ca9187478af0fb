/**
 * Render tokens from the collector (see the collector's render-token.ts): fetched when a widget that
 * sends is shown (loaded on demand, like this module), taken by the outbox for the next submission
 * (render-token-cache.ts), fetched afresh by the outbox when there is none (the page was opened
 * offline, or the token was used or too old).
 */
import { readyRenderTokens, type RenderToken } from './render-token-cache.js';

/** The collector refuses a token younger than this; the outbox waits rather than be refused. */
export const RENDER_TOKEN_MIN_AGE_MS = 2_000;
/** A little more, so a slow clock on either side never makes us a few ms early. */
const MARGIN_MS = 150;

const ready = readyRenderTokens;
const pending = new Map<string, Promise<unknown>>();

/** GETs a token; undefined when offline or refused (the outbox retries later). */
export async function fetchRenderToken(url: string): Promise<RenderToken | undefined> {
  try {
    const res = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) return undefined;
    const { token } = (await res.json()) as { token?: unknown };
    // Counted from the answer, which comes after the collector issued it.
    return typeof token === 'string' ? { token, usableAt: Date.now() + RENDER_TOKEN_MIN_AGE_MS + MARGIN_MS } : undefined;
  } catch {
    return undefined;
  }
}

/** Starts fetching a token for `url` unless one is ready or on its way. */
export function prefetchRenderToken(url: string): void {
  if (ready.has(url) || pending.has(url)) return;
  pending.set(
    url,
    fetchRenderToken(url).then((t) => {
      pending.delete(url);
      if (t) ready.set(url, t);
    }),
  );
}
