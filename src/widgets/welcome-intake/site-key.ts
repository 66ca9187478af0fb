/**
 * The site's public intake key, which the widget seals every intake with before it is stored on
 * the device or sent (`core/seal.ts`). Asked for when the widget is shown with a collector, so it
 * is here when the visitor sends, even after the connection dropped; kept in this page's memory
 * only (it is public, but nothing needs to stay on the device). A failed fetch is tried again on
 * the next call.
 */
import { siteBase, type ResolvedEndpoint } from '../../core/endpoint.js';
import { isIntakePublicKey, type IntakePublicKey } from '../../schema/sealed-intake.js';

const keys = new Map<string, Promise<IntakePublicKey | undefined>>();

/** The key for a collector endpoint; undefined in webhook mode, offline before it came, or without one. */
export function siteKey(cfg: ResolvedEndpoint): Promise<IntakePublicKey | undefined> {
  if (cfg.endpointType !== 'collector') return Promise.resolve(undefined);
  const url = `${siteBase(cfg)}/intake-key`;
  let key = keys.get(url);
  if (!key) {
    key = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', signal: AbortSignal.timeout(10_000) })
      .then((r) => (r.ok ? r.json() : undefined))
      .then((k: unknown) => (isIntakePublicKey(k) ? k : undefined))
      .catch(() => undefined);
    keys.set(url, key);
    void key.then((k) => k || keys.delete(url));
  }
  return key;
}
