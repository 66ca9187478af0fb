/** Shared setup for collector tests: a real SQLite file in a temp dir, a real HTTP listener. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openCollector, type OpenCollectorOptions } from '../../src/collector/app.js';
import { issueToken } from '../../src/collector/auth.js';
import type { SqliteStore } from '../../src/collector/store/sqlite.js';
import type { NewSite } from '../../src/collector/store/types.js';
import { uuidv7, type TokenScope } from '../../src/schema/index.js';

export const ORIGIN = 'https://www.buurthuis-de-linde.nl';
export const SITE = 'de-linde';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'buurtkit-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestCollector {
  app: FastifyInstance;
  store: SqliteStore;
  url: string;
  dbPath: string;
  site: string;
  token: (scopes?: TokenScope[], options?: { site?: string; expiresAt?: Date }) => Promise<string>;
  close: () => Promise<void>;
}

export async function startTestCollector(
  options: Partial<OpenCollectorOptions> & { site?: Partial<NewSite>; listen?: boolean } = {},
): Promise<TestCollector> {
  const { dir, cleanup } = tempDir();
  const dbPath = options.dbPath ?? join(dir, 'collector.sqlite');
  const { site: siteOptions, listen = true, ...appOptions } = options;
  const { app, store } = await openCollector({ ...appOptions, dbPath });
  const site = await store.createSite(
    { slug: SITE, name: 'Buurthuiskamer De Linde', allowedOrigins: [ORIGIN], ...siteOptions },
    new Date().toISOString(),
  );
  const url = listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : 'http://localhost';
  return {
    app,
    store,
    url,
    dbPath,
    site: site.slug,
    token: async (scopes = ['read', 'moderate', 'export'], o = {}) =>
      (await issueToken(store, { site: o.site ?? site.slug, scopes, expiresAt: o.expiresAt ?? null })).token,
    close: async () => {
      await app.close();
      cleanup();
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
