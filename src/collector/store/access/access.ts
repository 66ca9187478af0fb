/**
 * The store's access part: sites (who may call the public API, and each site's settings) and the
 * coordinator tokens (only their hashes). One implementation per backend (sqlite-access.ts,
 * postgres-access.ts); reached as `store.access`.
 */
import type { NewSite, Site, SiteChanges, TokenRecord } from '../types.js';

export interface AccessStore {
  createSite(site: NewSite, now: string): Promise<Site>;
  updateSite(slug: string, changes: SiteChanges): Promise<Site | null>;
  getSite(slug: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;

  createToken(token: TokenRecord): Promise<void>;
  /** All tokens whose display prefix matches; the caller compares hashes in constant time. */
  findTokensByPrefix(prefix: string): Promise<TokenRecord[]>;
  listTokens(site: string): Promise<TokenRecord[]>;
  /** Revokes the not yet revoked tokens with this prefix; returns how many. */
  revokeTokens(prefix: string, now: string): Promise<number>;
}
