/** PostgreSQL side of the access part (see access.ts). */
import type { AccessStore } from './access.js';
import { PostgresPart } from '../postgres-part.js';
import { toSite, toToken, type Row } from '../postgres-rows.js';
import type { NewSite, Site, SiteChanges, TokenRecord } from '../types.js';

// Columns are always listed: statements are prepared per connection, and a prepared `SELECT *`
// fails ("cached plan must not change result type") once a newer instance adds a column.
const SITE_COLUMNS = 'slug, name, time_zone, locales, allowed_origins, settings, created_at';
const TOKEN_COLUMNS = 'id, site, hash, prefix, label, scopes, created_at, expires_at, revoked_at';

/**
 * How long this instance answers a site read from memory. Every public request reads its site, and
 * on the request path that read is a round trip before the rate limit and the insert can start;
 * kept briefly, a busy instance reads each site about once a second. A change made through this
 * store (the admin routes) clears it at once; one made by another instance or the CLI is seen
 * within this time.
 */
export const SITE_CACHE_MS = 1000;

export class PostgresAccess extends PostgresPart implements AccessStore {
  /** Concurrent reads of the same site share one query (every public request reads its site). */
  private readonly siteReads = new Map<string, Promise<Row | null>>();
  /** Recent answers per slug (a missing site too), with the time they were read. */
  private readonly siteCache = new Map<string, { row: Row; readAt: number }>();
  /** Counts this store's site changes: a read that began before one must not fill the cache. */
  private siteChanges = 0;

  async createSite(site: NewSite, now: string): Promise<Site> {
    const { rows } = await this.query(
      `INSERT INTO sites (slug, name, time_zone, locales, allowed_origins, settings, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7) RETURNING ${SITE_COLUMNS}`,
      [
        site.slug,
        site.name,
        site.timeZone ?? 'Europe/Amsterdam',
        JSON.stringify(site.locales ?? ['nl', 'en']),
        JSON.stringify(site.allowedOrigins ?? []),
        JSON.stringify({ ideaSort: 'newest', ...site.settings }),
        now,
      ],
    );
    // A "no such site" answered a moment ago must not outlive the site's creation.
    this.forgetSite(site.slug);
    return toSite(rows[0]!);
  }

  async updateSite(slug: string, changes: SiteChanges): Promise<Site | null> {
    try {
      return await this.writeSite(slug, changes);
    } finally {
      // Whether or not it committed: the next read goes to the database.
      this.forgetSite(slug);
    }
  }

  private forgetSite(slug: string): void {
    this.siteChanges++;
    this.siteCache.delete(slug);
    this.siteReads.delete(slug);
  }

  private async writeSite(slug: string, changes: SiteChanges): Promise<Site | null> {
    // One statement: settings merge in SQL (`||`), so two concurrent updates cannot lose each other.
    const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
    const { rows } = await this.query(
      `UPDATE sites SET
         name = COALESCE($2, name),
         time_zone = COALESCE($3, time_zone),
         locales = COALESCE($4::jsonb, locales),
         allowed_origins = COALESCE($5::jsonb, allowed_origins),
         settings = settings || $6::jsonb
       WHERE slug = $1 RETURNING ${SITE_COLUMNS}`,
      [
        slug,
        changes.name ?? null,
        changes.timeZone ?? null,
        json(changes.locales),
        json(changes.allowedOrigins),
        JSON.stringify(changes.settings ?? {}),
      ],
    );
    return rows[0] ? toSite(rows[0]) : null;
  }

  async getSite(slug: string): Promise<Site | null> {
    const cached = this.siteCache.get(slug);
    if (cached && performance.now() - cached.readAt < SITE_CACHE_MS) return toSite(cached.row);
    // Requests that arrive while a read of the same site is on its way share its answer: they see
    // the site as it was at most one query earlier, and a busy collector sends one read, not fifty.
    let read = this.siteReads.get(slug);
    if (!read) {
      const changes = this.siteChanges;
      const readAt = performance.now();
      const started: Promise<Row | null> = this.query(`SELECT ${SITE_COLUMNS} FROM sites WHERE slug = $1`, [slug]).then(({ rows }) => {
        const row = rows[0] ?? null;
        // Frozen: callers share what is cached, so none may change it for the others. Only sites that
        // exist are kept: a slug that names none is any string a request sends, and keeping those
        // would let requests grow the cache without bound.
        if (row && this.siteChanges === changes) this.siteCache.set(slug, { row: deepFreeze(row), readAt });
        return row;
      });
      read = started.finally(() => {
        if (this.siteReads.get(slug) === read) this.siteReads.delete(slug);
      });
      this.siteReads.set(slug, read);
    }
    const row = await read;
    return row ? toSite(row) : null; // a Site object of its own per caller
  }

  async listSites(): Promise<Site[]> {
    return (await this.query(`SELECT ${SITE_COLUMNS} FROM sites ORDER BY slug`)).rows.map(toSite);
  }

  async createToken(t: TokenRecord): Promise<void> {
    await this.query(
      `INSERT INTO tokens (id, site, hash, prefix, label, scopes, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
      [t.id, t.site, t.hash, t.prefix, t.label, JSON.stringify(t.scopes), t.createdAt, t.expiresAt, t.revokedAt],
    );
  }

  async findTokensByPrefix(prefix: string): Promise<TokenRecord[]> {
    return (await this.query(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE prefix = $1`, [prefix])).rows.map(toToken);
  }

  async listTokens(site: string): Promise<TokenRecord[]> {
    const sql = `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE site = $1 ORDER BY created_at, id`;
    return (await this.query(sql, [site])).rows.map(toToken);
  }

  async revokeTokens(prefix: string, now: string): Promise<number> {
    const sql = 'UPDATE tokens SET revoked_at = $1 WHERE prefix = $2 AND revoked_at IS NULL';
    return (await this.query(sql, [now, prefix])).rowCount ?? 0;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
