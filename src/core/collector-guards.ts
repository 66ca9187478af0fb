/**
 * What a collector submission carries besides its envelope: a render token (see render-token.ts)
 * and, when the site asks for it, a proof-of-work solution (pow.ts). Loaded by the outbox only for
 * collector submissions, so a widget's first download does not carry it.
 */
import { RENDER_TOKEN_MIN_AGE_MS, fetchRenderToken } from './render-token.js';
import type { OutboxItem } from './outbox-store.js';

export interface Prepared {
  item: OutboxItem;
  /** A proof-of-work solution was made for this attempt (a refusal then means: back off). */
  solvedNow: boolean;
}

/**
 * Gets the item a token when it has none, a solution when the collector asked for one, and waits
 * until the token is old enough for the collector (2 s by its clock) rather than be refused.
 * Throws when a needed solution could not be made (offline): sending would only be refused.
 */
export async function prepare(item: OutboxItem): Promise<Prepared> {
  if (!item.renderToken) {
    const fresh = await fetchRenderToken(item.tokenUrl!);
    if (fresh) item = { ...item, renderToken: fresh.token, tokenUsableAt: fresh.usableAt };
  }
  const solvedNow = !!(item.powNeeded && !item.pow);
  if (solvedNow) {
    // The solver is loaded only once a collector asked for proof-of-work.
    const pow = await import('./pow.js').then((m) => m.fetchPowSolution(item.tokenUrl!)).catch(() => undefined);
    if (pow) item = { ...item, pow };
  }
  const early = (item.tokenUsableAt ?? 0) - Date.now();
  if (item.renderToken && early > 0 && navigator.onLine !== false) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(early, RENDER_TOKEN_MIN_AGE_MS + 500)));
  }
  return { item, solvedNow };
}

/** Headers for the prepared item. */
export function guardHeaders(item: OutboxItem): Record<string, string> {
  return {
    ...(item.renderToken && { 'Buurtkit-Render-Token': item.renderToken }),
    ...(item.pow && { 'Buurtkit-Pow': item.pow }),
  };
}

/**
 * A 428 says the token or the proof-of-work was missing, used or too old: not the data's fault.
 * Drops what was refused; `retryAfter` 0 means "at once" (a new solution is needed), undefined
 * leaves the usual backoff.
 */
export async function refused(item: OutboxItem, res: Response, solvedNow: boolean): Promise<{ item: OutboxItem; retryAfter?: number }> {
  if ((await errorCode(res)).startsWith('pow_')) {
    const { pow: _used, ...rest } = item;
    // At once, unless a solution made in this very attempt was refused (then back off).
    return { item: { ...rest, powNeeded: true }, ...(!solvedNow && { retryAfter: 0 }) };
  }
  const { renderToken: _used, tokenUsableAt: _at, ...rest } = item;
  return { item: rest };
}

async function errorCode(res: Response): Promise<string> {
  try {
    const code = ((await res.clone().json()) as { error?: unknown } | null)?.error;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}
