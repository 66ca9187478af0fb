import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCollector } from '../../src/collector/app.js';
import { issueToken } from '../../src/collector/auth.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { SQLITE_MIGRATIONS } from '../../src/collector/store/sqlite-migrations.js';
import { ideaEnvelope, postJson, SITE, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

describe('SqliteStore', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on its connection', async () => {
    const store = new SqliteStore(join(dir, 'nested', 'folder', 'c.sqlite'));
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it('applies every migration once, and again not at all on reopening', async () => {
    const path = join(dir, 'c.sqlite');
    const first = new SqliteStore(path);
    expect(first.migrations()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    await first.close();
    const second = new SqliteStore(path);
    expect(second.migrations()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    const tables = second.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['audit_log', 'ideas', 'rate_limits', 'schema_migrations', 'secrets', 'sites', 'submissions', 'tokens', 'votes']),
    );
    await second.close();
  });

  it('enforces references: no idea or token for a site that does not exist', async () => {
    const store = new SqliteStore(join(dir, 'c.sqlite'));
    try {
      await expect(
        issueToken(store, { site: 'bestaat-niet', scopes: ['read'] }),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });

  it('keeps the same server secret across instances', async () => {
    const path = join(dir, 'c.sqlite');
    const a = new SqliteStore(path);
    const b = new SqliteStore(path);
    expect(await a.secret('rate-limit', 'first')).toBe('first');
    expect(await b.secret('rate-limit', 'second')).toBe('first');
    await a.close();
    await b.close();
  });
});

describe('durability', () => {
  it('keeps everything acknowledged after the collector closes and the file is reopened', async () => {
    const dbPath = join(dir, 'c.sqlite');
    const first = await openCollector({ dbPath });
    await first.store.createSite({ slug: SITE, name: 'De Linde', allowedOrigins: ['https://a.example'] }, new Date().toISOString());
    const { token } = await issueToken(first.store, { site: SITE, scopes: ['read', 'moderate'] });
    const url = await first.app.listen({ port: 0, host: '127.0.0.1' });
    const envelope = ideaEnvelope({}, { text: 'Blijft bewaard' });
    expect((await postJson(`${url}/v1/sites/${SITE}/submissions`, envelope)).status).toBe(201);
    await first.app.close();
    expect(first.store.db.open).toBe(false);

    const second = await openCollector({ dbPath });
    try {
      const site = await second.store.getSite(SITE);
      expect(site).toMatchObject({ allowedOrigins: ['https://a.example'], settings: { ideaSort: 'newest' } });
      const list = await second.app.inject({
        url: `/v1/admin/sites/${SITE}/ideas`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().ideas).toMatchObject([{ id: envelope.id, text: 'Blijft bewaard' }]);
      const again = await second.app.inject({ method: 'POST', url: `/v1/sites/${SITE}/submissions`, payload: envelope });
      expect(again.statusCode).toBe(200);
    } finally {
      await second.app.close();
    }
  });
});
