/** `buurtkit-collector backup`: an online SQLite backup taken while `serve` takes ideas, then restored. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { CLI_PATH, ensureBuiltCli, envWithoutStorage, runCli, serveCli, type CliResult } from './cli-process.js';
import { ideaEnvelope, tempDir } from './helpers.js';

beforeAll(ensureBuiltCli, 120_000);

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'live.sqlite');
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: dir, env: envWithoutStorage() });

/** The CLI without blocking this process, so requests keep flowing while it runs. */
function cliAsync(...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: dir, env: envWithoutStorage() });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('buurtkit-collector backup', () => {
  it('backs up while serving and writing; the copy opens as a store with every acknowledged idea', async () => {
    expect(cli('site', 'add', 'de-linde', '--name', 'De Linde', '--origin', 'http://localhost:8000', '--db', db).code).toBe(0);
    const server = await serveCli(['--port', '0', '--db', db, '--log-level', 'warn', '--submission-limit', '100000'], {
      cwd: dir,
      env: envWithoutStorage(),
    });
    const texts = new Map<string, string>();
    const submit = async (n: number) => {
      const envelope = ideaEnvelope({ site: 'de-linde' }, { text: `Idee nummer ${n} <&> "één"` });
      const sent = await fetch(`${server.url}/v1/sites/de-linde/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:8000' },
        body: JSON.stringify(envelope),
      });
      expect(sent.status).toBe(201);
      texts.set(envelope.id, envelope.data.text);
    };
    const out = join(dir, 'backup.sqlite');
    let before: Map<string, string>;
    let during = 0;
    try {
      for (let n = 0; n < 200; n++) await submit(n);
      before = new Map(texts);
      // Keep writing from the server while the backup runs in a second process.
      let backingUp = true;
      const writer = (async () => {
        for (let n = 1000; backingUp; n++, during++) await submit(n);
      })();
      const result = await cliAsync('backup', '--out', out, '--db', db);
      backingUp = false;
      await writer;
      expect(result.stderr).toMatch(/Backed up SQLite .*live\.sqlite to .*backup\.sqlite \(\d+ pages, integrity ok\)/);
      expect(result.code).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(during).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.includes('partial') || f.startsWith('backup.sqlite-'))).toEqual([]);

    // Restore: the backup is a database the collector opens as it is.
    const raw = new Database(out, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const restored = new SqliteStore(out);
    try {
      expect(restored.appliedOnOpen).toEqual([]);
      const ideas = [];
      for await (const idea of restored.ideas.export('de-linde', { receivedUpTo: new Date(Date.now() + 60_000).toISOString() }))
        ideas.push(idea);
      const found = new Map(ideas.map((i) => [i.id, i.text]));
      for (const [id, text] of before!) expect(found.get(id)).toBe(text);
      // Ideas acknowledged during the backup may or may not be in it, but nothing else is.
      for (const [id, text] of found) expect(texts.get(id)).toBe(text);
      expect((await restored.access.getSite('de-linde'))?.name).toBe('De Linde');
    } finally {
      await restored.close();
    }
  }, 60_000);

  it('refuses PostgreSQL, an existing file, a missing database and a missing --out', () => {
    const pg = cli('backup', '--out', join(dir, 'x'), '--database-url', 'postgres://postgres@127.0.0.1:5432/test');
    expect(pg.code).toBe(2);
    expect(pg.stderr).toMatch(/backup is for SQLite.*pg_dump/);
    expect(cli('backup', '--db', db).code).toBe(2);
    const missing = cli('backup', '--out', join(dir, 'b.sqlite'), '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no SQLite database/);
    expect(existsSync(db)).toBe(false);

    expect(cli('migrate', '--db', db).code).toBe(0);
    const taken = join(dir, 'taken.sqlite');
    writeFileSync(taken, 'keep me');
    const exists = cli('backup', '--out', taken, '--db', db);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/already exists/);
    expect(cli('backup', '--out', join(dir, 'ok.sqlite'), '--db', db).code).toBe(0);
  });
});
