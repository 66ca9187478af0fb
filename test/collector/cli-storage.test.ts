/** The built CLI choosing its database: SQLite files, PostgreSQL URLs, and the errors in between. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/collector/store/sqlite-migrations.js';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli } from './cli-process.js';
import { ideaEnvelope, tempDir } from './helpers.js';
import { dropSchema, freshSchemaName, noticePostgresSkipped, PG_URL } from './pg.js';

beforeAll(ensureBuiltCli, 120_000);

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'cli.sqlite');
});
afterEach(() => cleanup());

function cli(...args: string[]) {
  return runCli(args, { cwd: dir });
}

async function serve(args: string[]) {
  return serveCli(['--log-level', 'warn', ...args], { cwd: dir });
}

describe('choosing the database', () => {
  it('migrates a SQLite file once and says which database it used', () => {
    const first = cli('migrate', '--db', db);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Storage: SQLite ${db}`);
    // Versions as the migration list has them, so merging another branch's migration keeps this true.
    const versions = SQLITE_MIGRATIONS.map((m) => m.version);
    const last = versions.at(-1);
    expect(first.stderr).toContain(`Applied migration(s) ${versions.join(', ')}; the schema is at version ${last}`);
    expect(cli('migrate', '--db', db).stderr).toContain(`Nothing to do; the schema is at version ${last}`);
  });

  it('prints the storage it serves from', async () => {
    const { child, stdout, exited } = await serve(['--port', '0', '--db', db]);
    child.kill('SIGTERM');
    await exited;
    expect(stdout()).toContain(`buurtkit collector storage: SQLite ${db}\n`);
  });

  it('refuses settings that disagree or a URL it cannot use, with exit code 2', () => {
    const both = cli('site', 'list', '--db', db, '--database-url', 'postgres://x@127.0.0.1/x');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --database-url \(PostgreSQL\) or --db \(SQLite\)/);

    const env = (extra: NodeJS.ProcessEnv) => ({ cwd: dir, env: envWithoutStorage(extra) });
    const bothEnv = runCli(['migrate'], env({ DATABASE_URL: 'postgres://x@127.0.0.1/x', BUURTKIT_DB: db }));
    expect(bothEnv.code).toBe(2);
    expect(bothEnv.stderr).toMatch(/Both DATABASE_URL \(PostgreSQL\) and BUURTKIT_DB \(SQLite\) are set/);

    const mysql = runCli(['migrate'], env({ DATABASE_URL: 'mysql://root:hunter2@db/buurtkit' }));
    expect(mysql.code).toBe(2);
    expect(mysql.stderr).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(mysql.stderr).not.toContain('hunter2');

    expect(cli('migrate', '--db', db, '--pg-schema', 'x').stderr).toMatch(/--pg-schema only applies to PostgreSQL/);
    expect(runCli(['migrate'], env({ DATABASE_URL: 'postgres://x@127.0.0.1/x', BUURTKIT_PG_SCHEMA: 'Bad-Name' })).code).toBe(2);

    // A --db flag wins over DATABASE_URL from the environment.
    const flagWins = runCli(['migrate', '--db', db], env({ DATABASE_URL: 'postgres://x@127.0.0.1/x' }));
    expect(flagWins.code).toBe(0);
    expect(flagWins.stderr).toContain('SQLite');
  });
});

noticePostgresSkipped('CLI tests');
describe.skipIf(!PG_URL)('the CLI on PostgreSQL (DATABASE_URL)', () => {
  let schema: string;
  let url: string;
  beforeEach(() => {
    schema = freshSchemaName();
    // With trust auth the password is not checked: it is here to prove it is never printed.
    const parsed = new URL(PG_URL ?? 'postgres://unset');
    parsed.password = 'geheim-wachtwoord';
    url = parsed.toString();
  });
  afterEach(async () => {
    if (PG_URL) await dropSchema(schema);
  });

  it('migrates, manages sites and tokens, serves, exports and revokes: every command on PostgreSQL', async () => {
    const env = envWithoutStorage({ DATABASE_URL: url, BUURTKIT_PG_SCHEMA: schema });
    const pgCli = (...args: string[]) => runCli(args, { cwd: dir, env });

    const migrated = pgCli('migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toMatch(/Storage: PostgreSQL postgres:\/\/\w+:\*\*\*@/);
    expect(migrated.stderr).toContain(`(schema ${schema})`);
    expect(migrated.stderr).not.toContain('geheim-wachtwoord');
    expect(migrated.stderr).toMatch(/Applied migration\(s\) 1/);
    expect(pgCli('migrate').stderr).toMatch(/Nothing to do/);

    expect(pgCli('site', 'add', 'de-linde', '--name', 'De Linde', '--origin', 'https://linde.example').code).toBe(0);
    expect(pgCli('site', 'update', 'de-linde', '--idea-sort', 'votes').code).toBe(0);
    expect(pgCli('site', 'list').stdout).toBe('de-linde\tDe Linde\tvotes\thttps://linde.example\n');
    const token = pgCli('token', 'create', 'de-linde', '--label', 'pg').stdout.trim();
    expect(token).toMatch(/^bk_/);
    expect(pgCli('token', 'list', 'de-linde').stdout).toMatch(new RegExp(`^${token.slice(0, 11)}\tread,moderate,export\tactive\tpg\n$`));

    const server = await serveCli(['--port', '0', '--log-level', 'warn'], { cwd: dir, env });
    try {
      expect(server.stdout()).toContain(`storage: PostgreSQL`);
      expect(server.stdout()).not.toContain('geheim-wachtwoord');
      const envelope = ideaEnvelope({ site: 'de-linde' }, { text: 'Idee via PostgreSQL' });
      const sent = await fetch(`${server.url}/v1/sites/de-linde/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
      });
      expect(sent.status).toBe(201);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      const out = join(dir, 'pg.csv');
      const exported = pgCli('export', 'de-linde', 'ideas', '--out', out);
      expect(exported.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain(`${envelope.id};`);
      expect(pgCli('token', 'revoke', token.slice(0, 11)).code).toBe(0);
      const revoked = await fetch(`${server.url}/v1/admin/sites/de-linde/ideas`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(revoked.status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
