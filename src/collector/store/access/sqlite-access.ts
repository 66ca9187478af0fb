/** SQLite side of the access part (see access.ts). */
import type { AccessStore } from './access.js';
import { SqlitePart } from '../sqlite-part.js';
import { toSite, toToken, type Row } from '../sqlite-rows.js';
import type { NewSite, Site, SiteChanges, TokenRecord } from '../types.js';

/** `{a: undefined}` must not erase `a` in a merge (PostgreSQL's `jsonb ||` never sees it either). */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class SqliteAccess extends SqlitePart implements AccessStore {
  async createSite(site: NewSite, now: string): Promise<Site> {
    this.sql(
      `INSERT INTO sites (slug, name, time_zone, locales, allowed_origins, settings, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      site.slug,
      site.name,
      site.timeZone ?? 'Europe/Amsterdam',
      JSON.stringify(site.locales ?? ['nl', 'en']),
      JSON.stringify(site.allowedOrigins ?? []),
      JSON.stringify({ ideaSort: 'newest', ...site.settings }),
      now,
    );
    return this.siteSync(site.slug)!;
  }

  async updateSite(slug: string, changes: SiteChanges): Promise<Site | null> {
    return this.write(() => {
      const current = this.siteSync(slug);
      if (!current) return null;
      const next: Site = {
        ...current,
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.timeZone !== undefined && { timeZone: changes.timeZone }),
        ...(changes.locales !== undefined && { locales: changes.locales }),
        ...(changes.allowedOrigins !== undefined && { allowedOrigins: changes.allowedOrigins }),
        settings: { ...current.settings, ...definedOnly(changes.settings) },
      };
      this.sql(
        `UPDATE sites SET name = ?, time_zone = ?, locales = ?, allowed_origins = ?, settings = ?
         WHERE slug = ?`,
      ).run(
        next.name,
        next.timeZone,
        JSON.stringify(next.locales),
        JSON.stringify(next.allowedOrigins),
        JSON.stringify(next.settings),
        slug,
      );
      return next;
    });
  }

  async getSite(slug: string): Promise<Site | null> {
    return this.siteSync(slug);
  }

  private siteSync(slug: string): Site | null {
    const row = this.sql('SELECT * FROM sites WHERE slug = ?').get(slug) as Row | undefined;
    return row ? toSite(row) : null;
  }

  async listSites(): Promise<Site[]> {
    return (this.sql('SELECT * FROM sites ORDER BY slug').all() as Row[]).map(toSite);
  }

  async createToken(t: TokenRecord): Promise<void> {
    this.sql(
      `INSERT INTO tokens (id, site, hash, prefix, label, scopes, created_at, expires_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(t.id, t.site, t.hash, t.prefix, t.label, JSON.stringify(t.scopes), t.createdAt, t.expiresAt, t.revokedAt);
  }

  async findTokensByPrefix(prefix: string): Promise<TokenRecord[]> {
    return (this.sql('SELECT * FROM tokens WHERE prefix = ?').all(prefix) as Row[]).map(toToken);
  }

  async listTokens(site: string): Promise<TokenRecord[]> {
    const rows = this.sql('SELECT * FROM tokens WHERE site = ? ORDER BY created_at, id').all(site) as Row[];
    return rows.map(toToken);
  }

  async revokeTokens(prefix: string, now: string): Promise<number> {
    const sql = 'UPDATE tokens SET revoked_at = ? WHERE prefix = ? AND revoked_at IS NULL';
    return this.sql(sql).run(now, prefix).changes;
  }
}
