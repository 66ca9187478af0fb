/**
 * The render token had two names ("form token" in code, header, route and CLI flag). After the
 * rename, a database made by the earlier release still works: its replay table is renamed with
 * every use in it, so a token spent before the upgrade cannot be spent again after it. And a
 * widget built by the earlier release (old route, old header) keeps working during the upgrade.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/collector/store/open.js';
import { applyMigrations, POSTGRES_MIGRATIONS } from '../../src/collector/store/postgres-migrations.js';
import { SQLITE_MIGRATIONS } from '../../src/collector/store/sqlite-migrations.js';
import type { StoreTarget } from '../../src/collector/store/open.js';
import { BACKENDS, freshStorage, ideaEnvelope, ORIGIN, SITE, startTestCollector, type Backend, type TestCollector } from './helpers.js';

/** The last schema version written by the release before the rename. */
const EARLIER_RELEASE = 15;

/** A database exactly as the earlier release leaves it, with one spent token in its replay table. */
async function earlierReleaseDatabase(storage: StoreTarget): Promise<void> {
  const use = ['nonce-spent-before-upgrade', SITE, 'submission-before-upgrade', '2026-12-01T10:00:00.000Z'];
  if (storage.backend === 'sqlite') {
    const db = new Database(storage.path);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= EARLIER_RELEASE)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, use[3]);
    }
    db.prepare('INSERT INTO form_token_uses (nonce, site, submission_id, used_at) VALUES (?, ?, ?, ?)').run(...use);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: storage.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${storage.schema}`);
    await client.query(`SET search_path TO ${storage.schema}`);
    const earlier = POSTGRES_MIGRATIONS.filter((m) => m.version <= EARLIER_RELEASE);
    await applyMigrations(client as unknown as pg.PoolClient, earlier, storage.schema ?? null);
    await client.query('INSERT INTO form_token_uses (nonce, site, submission_id, used_at) VALUES ($1, $2, $3, $4)', use);
  } finally {
    await client.end();
  }
}

describe.each(BACKENDS)('render tokens across the rename on %s', (backend: Backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  let c: TestCollector | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
    await cleanup?.();
    cleanup = undefined;
  });

  it("keeps the earlier release's spent tokens spent after the upgrade", async () => {
    const fresh = freshStorage(backend);
    cleanup = fresh.cleanup;
    await earlierReleaseDatabase(fresh.storage);
    const store = await openStore(fresh.storage);
    try {
      expect(store.appliedOnOpen).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version).filter((v) => v > EARLIER_RELEASE));
      const owner = await store.limits.claimRenderToken({
        nonce: 'nonce-spent-before-upgrade',
        site: SITE,
        submissionId: 'another-submission',
        usedAt: '2026-12-02T10:00:00.000Z',
      });
      expect(owner).toBe('submission-before-upgrade');
      const fresher = await store.limits.claimRenderToken({
        nonce: 'nonce-first-used-after-upgrade',
        site: SITE,
        submissionId: 'submission-after-upgrade',
        usedAt: '2026-12-02T10:00:00.000Z',
      });
      expect(fresher).toBe('submission-after-upgrade');
      expect(await store.limits.pruneRenderTokenUses('2026-12-01T12:00:00.000Z')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('serves a widget built by the earlier release: the old token route and the old header', async () => {
    let now = Date.UTC(2026, 11, 6, 9, 0, 0);
    c = await startTestCollector({ backend, renderTokens: 'required', clock: () => now });
    const answer = await fetch(`${c.url}/v1/sites/${SITE}/form-token`, { headers: { origin: ORIGIN } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { token } = (await answer.json()) as { token: string };
    const preflight = await fetch(`${c.url}/v1/sites/${SITE}/submissions`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,buurtkit-form-token',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/buurtkit-form-token/);
    now += 5_000;
    const sent = await fetch(`${c.url}/v1/sites/${SITE}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'buurtkit-form-token': token },
      body: JSON.stringify(ideaEnvelope()),
    });
    expect(sent.status).toBe(201);
    const replay = await fetch(`${c.url}/v1/sites/${SITE}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'buurtkit-render-token': token },
      body: JSON.stringify(ideaEnvelope()),
    });
    expect(replay.status).toBe(428);
    expect(await replay.json()).toMatchObject({ error: 'render_token_used' });
  });
});
