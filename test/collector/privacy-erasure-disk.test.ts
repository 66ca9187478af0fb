/**
 * Erased means gone from the disk, not only from query results: the raw SQLite file, its WAL, a
 * backup made after the erasure, and on PostgreSQL every page of every table, TOAST table and
 * index of the schema (read with pageinspect's get_raw_page) hold no trace of the erased people.
 * Pending webhook deliveries no longer carry them either.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { erasePerson } from '../../src/collector/privacy/people.js';
import { purge } from '../../src/collector/privacy/retention.js';
import { dispatchDue } from '../../src/collector/webhooks/dispatcher.js';
import { backupFileName } from '../../src/collector/privacy/backup-rotation.js';
import { ensureBuiltCli, envWithoutStorage, runCli } from './cli-process.js';
import { BACKENDS, ideaEnvelope, postJson, startTestCollector, tempDir, type TestCollector } from './helpers.js';
import { count, rawSqlite, rowVersions } from './disk-helpers.js';

beforeAll(ensureBuiltCli, 120_000);

const ERASED = [
  { contact: 'piet.geheim@example.org', name: 'Pietje Geheimzinnig', includeContent: false },
  { contact: 'erase.me@example.org', name: 'Wisje Wegmans', includeContent: false },
  { contact: 'whole.gone@example.org', name: 'Helemaal Weggooier', includeContent: true },
  { contact: '06-98765432', name: 'Telefonia Vergeet', includeContent: false },
] as const;
const HIGH = { limit: 1000, windowMs: 60_000 };
const KEPT = { contact: 'blijft.bewaard@example.org', name: 'Bewaard Blijver' };

/** What identifies a person in raw bytes. */
const needles = (p: { contact: string; name: string }) => [p.contact, p.name];

const servers: Server[] = [];
let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function receiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { bodies, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

async function submitPeople(collector: TestCollector): Promise<void> {
  const consent = { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() };
  for (const p of [...ERASED, KEPT]) {
    for (const text of ['Een breicafé op dinsdag', 'Samen koken met de buren', 'Een ruilkast bij de ingang']) {
      const envelope = ideaEnvelope({ consent }, { text: `${text} (${p.name.split(' ')[0]})`, name: p.name, contact: p.contact });
      expect((await postJson(`${collector.url}/v1/sites/${collector.site}/submissions`, envelope)).status).toBe(201);
    }
  }
  // Filler from others, so the erased rows share pages with rows that stay.
  for (let i = 0; i < 40; i++) {
    const envelope = ideaEnvelope(
      { consent },
      { text: `Nog een idee nummer ${i} voor het buurthuis`, name: `Buur ${i}`, contact: `buur${i}@example.net` },
    );
    expect((await postJson(`${collector.url}/v1/sites/${collector.site}/submissions`, envelope)).status).toBe(201);
  }
}

async function eraseAll(collector: TestCollector): Promise<void> {
  for (const p of ERASED) {
    const receipt = await erasePerson(collector.store, collector.site, p.contact, {
      actor: 'test',
      now: new Date(),
      includeContent: p.includeContent,
    });
    expect(receipt.matched.ideas).toBe(3);
    expect(receipt.removedFields.some((f) => f.startsWith('webhookDeliveries'))).toBe(true);
  }
}

describe.each(BACKENDS)('erasure on disk (%s)', (backend) => {
  it('leaves no byte of an erased person in the database, its WAL, a later backup or the webhook queue', async () => {
    c = await startTestCollector({ backend, rateLimits: { submissions: HIGH } });
    const r = await receiver();
    await c.store.webhooks.set({ site: c.site, url: r.url, secret: 'whsec_test', createdAt: new Date().toISOString() });
    await submitPeople(c);

    if (c.store instanceof SqliteStore) {
      // The test can fail: before the erasure every person is in the raw bytes.
      const before = rawSqlite(c.dbPath);
      for (const p of ERASED) for (const needle of needles(p)) expect(count(before, needle), needle).toBeGreaterThan(0);
      expect(c.store.db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(c.store.db.pragma('auto_vacuum', { simple: true })).toBe(2); // incremental
    }

    await eraseAll(c);
    if (c.store instanceof SqliteStore && existsSync(`${c.dbPath}-wal`)) {
      expect(readFileSync(`${c.dbPath}-wal`).length).toBe(0); // checkpointed and truncated
    }

    // The queued deliveries go out now, two days of retries compressed: none names an erased person.
    let delivered = 0;
    for (
      let batch = await dispatchDue(c.store, { allowPrivateNetworks: true });
      batch.length;
      batch = await dispatchDue(c.store, { allowPrivateNetworks: true })
    ) {
      delivered += batch.filter((o) => o.status === 'delivered').length;
    }
    expect(delivered).toBe(5 * 3 + 40 - 3); // the whole-erased person's three are dropped
    const sent = r.bodies.join('\n');
    for (const p of ERASED) for (const needle of needles(p)) expect(sent).not.toContain(needle);
    expect(sent).toContain(KEPT.contact);

    if (c.store instanceof SqliteStore) {
      const after = rawSqlite(c.dbPath);
      for (const p of ERASED) for (const needle of needles(p)) expect(count(after, needle), needle).toBe(0);
      expect(count(after, KEPT.contact)).toBeGreaterThan(0); // the grep sees data that stayed

      // A backup made after the erasure, by the collector's own command, while the store is open.
      const { dir, cleanup } = tempDir();
      try {
        const made = runCli(['backup', '--dir', dir, '--db', c.dbPath], { env: envWithoutStorage() });
        expect(made.code, made.stderr).toBe(0);
        const [file] = readdirSync(dir).filter((f) => f.endsWith('.sqlite'));
        const copy = readFileSync(join(dir, file!));
        for (const p of ERASED) for (const needle of needles(p)) expect(count(copy, needle), needle).toBe(0);
        expect(count(copy, KEPT.contact)).toBeGreaterThan(0);
      } finally {
        cleanup();
      }
    } else if (c.store instanceof PostgresStore) {
      const store = c.store;
      // A transaction elsewhere on this server (another test run) can still see the old row
      // versions; VACUUM removes them once it ends, so vacuum again until then.
      let raw = await rowVersions(store);
      if (ERASED.some((p) => count(raw, p.contact) > 0))
        await vi.waitFor(
          async () => {
            await store.overwriteFreedSpace();
            raw = await rowVersions(store);
            for (const p of ERASED) expect(count(raw, p.contact), p.contact).toBe(0);
          },
          { timeout: 30_000, interval: 500 },
        );
      for (const p of ERASED) for (const needle of needles(p)) expect(count(raw, needle), needle).toBe(0);
      expect(count(raw, KEPT.contact)).toBeGreaterThan(0);
    }
  });

  it('a purge also overwrites what it removed', async () => {
    c = await startTestCollector({
      backend,
      rateLimits: { submissions: HIGH },
      site: { settings: { retention: { ideaContactMonths: 1 } } },
    });
    await submitPeople(c);
    // A month and a day later every idea's contact is due.
    const lines = await purge(c.store, { now: new Date(Date.now() + 32 * 24 * 3600 * 1000), actor: 'test' });
    expect(lines.find((l) => l.action === 'purge.idea-contact')!.count).toBe(55);
    if (c.store instanceof SqliteStore) {
      const after = rawSqlite(c.dbPath);
      for (const p of [...ERASED, KEPT]) for (const needle of needles(p)) expect(count(after, needle), needle).toBe(0);
      expect(count(after, 'buur7@example.net')).toBe(0);
      expect(count(after, 'Een ruilkast bij de ingang')).toBeGreaterThan(0); // the text stays
    } else if (c.store instanceof PostgresStore) {
      const store = c.store;
      let raw = await rowVersions(store);
      // As above: vacuum again until no other transaction still sees the purged row versions.
      if (count(raw, KEPT.contact) > 0)
        await vi.waitFor(
          async () => {
            await store.overwriteFreedSpace();
            raw = await rowVersions(store);
            expect(count(raw, KEPT.contact)).toBe(0);
          },
          { timeout: 30_000, interval: 500 },
        );
      for (const p of [...ERASED, KEPT]) for (const needle of needles(p)) expect(count(raw, needle), needle).toBe(0);
    }
  });
});

describe('backup rotation', () => {
  it('backup --dir deletes only its own backups older than --keep-days', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'live.sqlite');
      expect(runCli(['site', 'add', 'de-linde', '--name', 'De Linde', '--db', db], { env: envWithoutStorage() }).code).toBe(0);
      const backups = join(dir, 'backups');
      const day = 24 * 3600 * 1000;
      const old = backupFileName(new Date(Date.now() - 31 * day));
      const recent = backupFileName(new Date(Date.now() - 29 * day));
      mkdirSync(backups);
      writeFileSync(join(backups, old), 'made before an erasure');
      writeFileSync(join(backups, recent), 'recent');
      writeFileSync(join(backups, 'notes.sqlite'), 'not ours');
      const made = runCli(['backup', '--dir', backups, '--db', db, '--keep-days', '30'], { env: envWithoutStorage() });
      expect(made.code, made.stderr).toBe(0);
      expect(made.stderr).toContain(`Deleted ${join(backups, old)}`);
      const left = readdirSync(backups);
      expect(left).not.toContain(old);
      expect(left).toContain(recent);
      expect(left).toContain('notes.sqlite');
      expect(left.filter((f) => /^buurtkit-\d{8}T\d{6}Z\.sqlite$/.test(f)).length).toBe(2);
      expect(runCli(['backup', '--out', join(dir, 'x.sqlite'), '--dir', backups, '--db', db], { env: envWithoutStorage() }).code).toBe(2);
    } finally {
      cleanup();
    }
  });
});
