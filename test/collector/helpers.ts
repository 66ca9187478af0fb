/** Shared setup for collector tests: a real database (SQLite file or PostgreSQL schema), real HTTP. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openCollector, type Collector, type OpenCollectorOptions } from '../../src/collector/app.js';
import { issueToken } from '../../src/collector/auth.js';
import type { StoreTarget } from '../../src/collector/store/open.js';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import type { NewSite, Store } from '../../src/collector/store/types.js';
import { uuidv7, type TokenScope } from '../../src/schema/index.js';
import { dropSchema, freshSchemaName, PG_URL } from './pg.js';

export const ORIGIN = 'https://www.buurthuis-de-linde.nl';
export const SITE = 'de-linde';

export type Backend = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when DATABASE_URL points at one. */
export const BACKENDS: Backend[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'buurtkit-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, empty database of the given kind, and how to throw it away. */
export function freshStorage(backend: Backend): { storage: StoreTarget; cleanup: () => Promise<void> } {
  if (backend === 'sqlite') {
    const { dir, cleanup } = tempDir();
    return { storage: { backend, path: join(dir, 'collector.sqlite') }, cleanup: async () => cleanup() };
  }
  if (!PG_URL) throw new Error('PostgreSQL tests need DATABASE_URL');
  const schema = freshSchemaName();
  return { storage: { backend, url: PG_URL, schema }, cleanup: () => dropSchema(schema) };
}

export type CountedTable = 'submissions' | 'ideas' | 'votes' | 'rate_buckets' | 'audit_log' | 'tokens';

/** Counts rows with plain SQL, beside the store, on either backend. */
export async function countRows(store: Store, table: CountedTable): Promise<number> {
  if (store instanceof SqliteStore) return store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  if (store instanceof PostgresStore) {
    return Number((await store.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  throw new Error('unknown store');
}

export interface TestCollector {
  app: FastifyInstance;
  store: Store;
  /** The SQLite store, for tests that read SQLite directly (throws on PostgreSQL). */
  sqlite: SqliteStore;
  backend: Backend;
  storage: StoreTarget;
  url: string;
  /** The SQLite file (SQLite only). */
  dbPath: string;
  site: string;
  token: (scopes?: TokenScope[], options?: { site?: string; expiresAt?: Date }) => Promise<string>;
  countRows: (table: CountedTable) => Promise<number>;
  /** Another collector instance on the same database, as behind a load balancer. */
  another: (options?: Partial<OpenCollectorOptions>) => Promise<Collector>;
  close: () => Promise<void>;
}

export async function startTestCollector(
  options: Partial<OpenCollectorOptions> & { site?: Partial<NewSite>; listen?: boolean; backend?: Backend } = {},
): Promise<TestCollector> {
  const { site: siteOptions, listen = true, backend = 'sqlite', dbPath: _dbPath, ...appOptions } = options;
  const fresh = freshStorage(backend);
  const storage: StoreTarget = options.dbPath ? { backend: 'sqlite', path: options.dbPath } : fresh.storage;
  // Render tokens have their own tests (render-token.test.ts); elsewhere submissions come as a trusted
  // integration would send them, unless a test asks for the production default.
  const { app, store } = await openCollector({ renderTokens: 'off', ...appOptions, storage });
  const site = await store.access.createSite(
    { slug: SITE, name: 'Buurthuiskamer De Linde', allowedOrigins: [ORIGIN], ...siteOptions },
    new Date().toISOString(),
  );
  const url = listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : 'http://localhost';
  return {
    app,
    store,
    get sqlite() {
      if (!(store instanceof SqliteStore)) throw new Error('this test reads SQLite directly');
      return store;
    },
    backend,
    storage,
    url,
    dbPath: storage.backend === 'sqlite' ? storage.path : '',
    site: site.slug,
    token: async (scopes = ['read', 'moderate', 'export'], o = {}) =>
      (await issueToken(store, { site: o.site ?? site.slug, scopes, expiresAt: o.expiresAt ?? null })).token,
    countRows: (table) => countRows(store, table),
    another: (more = {}) => openCollector({ renderTokens: appOptions.renderTokens ?? 'off', ...more, storage }),
    close: async () => {
      await app.close();
      await fresh.cleanup();
    },
  };
}

export function ideaEnvelope(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    site: SITE,
    widget: 'idea-box',
    schemaVersion: 1,
    sentAt: new Date().toISOString(),
    locale: 'nl',
    data: { kind: 'idea', text: 'Een breicafé op woensdag', ...data },
    trap: { honeypot: '', elapsedMs: 8000 },
    ...overrides,
  };
}

export function voteEnvelope(ideaId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    site: SITE,
    widget: 'idea-box',
    schemaVersion: 1,
    sentAt: new Date().toISOString(),
    locale: 'nl',
    data: { kind: 'vote', ideaId },
    trap: { honeypot: '', elapsedMs: 1000 },
    ...overrides,
  };
}

/** POSTs JSON over real HTTP. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Submits an idea and publishes it through the admin API; returns its id. */
export async function publishedIdea(c: TestCollector, token: string, text = 'Samen koken op vrijdag') {
  const envelope = ideaEnvelope({}, { text });
  const created = await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope);
  if (created.status !== 201) throw new Error(`submit failed: ${created.status}`);
  const patched = await fetch(`${c.url}/v1/admin/sites/${c.site}/ideas/${envelope.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ published: true }),
  });
  if (patched.status !== 200) throw new Error(`publish failed: ${patched.status}`);
  return envelope.id;
}

/**
 * Every table of the store's database whose rows contain `needle` anywhere (any column, as text,
 * JSON included), for tests that assert personal data is gone or was never stored.
 */
export async function tablesContaining(store: Store, needle: string): Promise<string[]> {
  const found: string[] = [];
  const lower = needle.toLowerCase();
  if (store instanceof SqliteStore) {
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const rows = store.db.prepare(`SELECT * FROM "${table}"`).all();
      if (JSON.stringify(rows).toLowerCase().includes(lower)) found.push(table);
    }
    return found;
  }
  if (store instanceof PostgresStore) {
    const { rows: tables } = await store.pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables) {
      const { rows } = await store.pool.query(`SELECT * FROM "${table}"`);
      if (JSON.stringify(rows).toLowerCase().includes(lower)) found.push(table);
    }
    return found;
  }
  throw new Error('unknown store');
}

/**
 * `count` ideas with ascending ids received at `at`, text only (about 140 bytes each), stored
 * directly: many rows for tests that read exports across pages and chunks.
 */
export async function seedPlainIdeas(c: TestCollector, count: number, at: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`);
  for (const id of ids) {
    await c.store.ideas.insert(
      {
        id,
        site: c.site,
        widget: 'idea-box',
        kind: 'idea',
        locale: 'nl',
        schemaVersion: 1,
        sentAt: at,
        receivedAt: at,
        consent: null,
        data: {},
        elapsedMs: 0,
      },
      {
        text: `Idee ${id} ${'x'.repeat(100)}`,
        category: null,
        role: null,
        wantsToHelp: false,
        name: null,
        contact: null,
        consentVersion: null,
        consentGivenAt: null,
        consentHash: null,
      },
    );
  }
  return ids;
}
