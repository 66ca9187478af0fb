import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCollector } from '../../src/collector/app.js';
import { issueToken } from '../../src/collector/auth.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { SQLITE_MIGRATIONS } from '../../src/collector/store/sqlite-migrations.js';
import { ideaEnvelope, postJson, SITE, tempDir } from './helpers.js';
import { uuidv7 } from '../../src/schema/index.js';

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
    expect(await first.migrations()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(first.appliedOnOpen).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    await first.close();
    const second = new SqliteStore(path);
    expect(await second.migrations()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(second.appliedOnOpen).toEqual([]);
    const tables = second.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'ideas',
        'rate_buckets',
        'schema_migrations',
        'secrets',
        'sites',
        'submissions',
        'tokens',
        'votes',
      ]),
    );
    await second.close();
  });

  it('enforces references: no idea or token for a site that does not exist', async () => {
    const store = new SqliteStore(join(dir, 'c.sqlite'));
    try {
      await expect(issueToken(store, { site: 'bestaat-niet', scopes: ['read'] })).rejects.toThrow(/FOREIGN KEY/);
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

describe('SqliteStore group commit', () => {
  const idea = {
    text: 'Een idee',
    category: null,
    role: null,
    wantsToHelp: false,
    name: null,
    contact: null,
    consentVersion: null,
    consentGivenAt: null,
    consentHash: null,
  };
  const record = (site: string) => ({
    id: uuidv7(),
    site,
    widget: 'idea-box' as const,
    kind: 'idea',
    locale: 'nl',
    schemaVersion: 1,
    sentAt: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
    consent: null,
    data: {},
    elapsedMs: 1,
  });

  it('commits the writes of one event-loop turn together, visible to another connection once answered', async () => {
    const path = join(dir, 'c.sqlite');
    const store = new SqliteStore(path);
    const reader = new SqliteStore(path);
    try {
      await store.access.createSite({ slug: SITE, name: 'De Linde' }, new Date().toISOString());
      const before = { ...store.groupCommit.stats };
      const records = Array.from({ length: 20 }, () => record(SITE));
      const hits = Array.from({ length: 5 }, () =>
        store.limits.takeRateToken({ bucket: 'b', key: 'k', now: 0, intervalMs: 1000, burst: 3 }),
      );
      const outcomes = await Promise.all(records.map((r) => store.ideas.insert(r, idea)));
      expect(outcomes).toEqual(Array(20).fill('created'));
      expect((await Promise.all(hits)).map((o) => o.allowed)).toEqual([true, true, true, false, false]);
      expect(store.groupCommit.stats.commits - before.commits).toBe(1);
      expect(store.groupCommit.stats.writes - before.writes).toBe(25);
      // Answered means committed: a second connection on the file sees every row.
      for (const r of records) expect(await reader.ideas.get(SITE, r.id)).not.toBeNull();
    } finally {
      await store.close();
      await reader.close();
    }
  });

  it('rolls back only the write that failed; the others in its batch are stored', async () => {
    const store = new SqliteStore(join(dir, 'c.sqlite'));
    try {
      await store.access.createSite({ slug: SITE, name: 'De Linde' }, new Date().toISOString());
      const good = [record(SITE), record(SITE)];
      const results = await Promise.allSettled([
        store.ideas.insert(good[0]!, idea),
        store.ideas.insert(record('bestaat-niet'), idea), // foreign key fails
        store.ideas.insert(good[1]!, idea),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
      expect(await store.ideas.count(SITE, { receivedUpTo: new Date(Date.now() + 1000).toISOString() })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('commits queued writes when the store closes', async () => {
    const path = join(dir, 'c.sqlite');
    const store = new SqliteStore(path);
    await store.access.createSite({ slug: SITE, name: 'De Linde' }, new Date().toISOString());
    const r = record(SITE);
    const pending = store.ideas.insert(r, idea);
    await store.close();
    expect(await pending).toBe('created');
    const reopened = new SqliteStore(path);
    expect(await reopened.ideas.get(SITE, r.id)).not.toBeNull();
    await reopened.close();
  });
});

describe('durability', () => {
  it('keeps everything acknowledged after the collector closes and the file is reopened', async () => {
    const dbPath = join(dir, 'c.sqlite');
    const first = await openCollector({ renderTokens: 'off', dbPath });
    await first.store.access.createSite({ slug: SITE, name: 'De Linde', allowedOrigins: ['https://a.example'] }, new Date().toISOString());
    const { token } = await issueToken(first.store, { site: SITE, scopes: ['read', 'moderate'] });
    const url = await first.app.listen({ port: 0, host: '127.0.0.1' });
    const envelope = ideaEnvelope({}, { text: 'Blijft bewaard' });
    expect((await postJson(`${url}/v1/sites/${SITE}/submissions`, envelope)).status).toBe(201);
    await first.app.close();
    expect((first.store as SqliteStore).db.open).toBe(false);

    const second = await openCollector({ renderTokens: 'off', dbPath });
    try {
      const site = await second.store.access.getSite(SITE);
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
