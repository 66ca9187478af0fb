/** Pure parts of the storage layer: choosing a backend, redacting URLs, PostgreSQL value parsing. */
import { describe, expect, it } from 'vitest';
import { describeStoreTarget, redactUrl, resolveStoreTarget, StoreConfigError } from '../../src/collector/store/open.js';
import { POSTGRES_MIGRATIONS } from '../../src/collector/store/postgres-migrations.js';
import { int8ToNumber, timestamptzToIso } from '../../src/collector/store/postgres-rows.js';
import { SQLITE_MIGRATIONS } from '../../src/collector/store/sqlite-migrations.js';

const PG = 'postgres://buurtkit:s3cret@db.example:5432/buurtkit';

describe('resolveStoreTarget', () => {
  it('uses PostgreSQL for a postgres:// or postgresql:// URL, SQLite otherwise', () => {
    expect(resolveStoreTarget({}, { DATABASE_URL: PG })).toEqual({ backend: 'postgres', url: PG });
    expect(resolveStoreTarget({}, { DATABASE_URL: 'postgresql://h/db', BUURTKIT_PG_SCHEMA: 'centre_1' })).toEqual({
      backend: 'postgres',
      url: 'postgresql://h/db',
      schema: 'centre_1',
    });
    expect(resolveStoreTarget({}, { BUURTKIT_DB: '/srv/b.sqlite' })).toEqual({ backend: 'sqlite', path: '/srv/b.sqlite' });
    expect(resolveStoreTarget({}, {})).toEqual({ backend: 'sqlite', path: '.data/buurtkit.sqlite' });
    expect(resolveStoreTarget({}, { DATABASE_URL: '' })).toEqual({ backend: 'sqlite', path: '.data/buurtkit.sqlite' });
  });

  it('lets a flag win over the environment', () => {
    expect(resolveStoreTarget({ db: 'x.sqlite' }, { DATABASE_URL: PG })).toEqual({ backend: 'sqlite', path: 'x.sqlite' });
    expect(resolveStoreTarget({ databaseUrl: PG }, { BUURTKIT_DB: 'x.sqlite' })).toEqual({ backend: 'postgres', url: PG });
    expect(resolveStoreTarget({ databaseUrl: PG, pgSchema: 'a' }, { BUURTKIT_PG_SCHEMA: 'b' })).toMatchObject({ schema: 'a' });
  });

  it('refuses contradictions and URLs it cannot use, without echoing passwords', () => {
    const fails = (flags: Parameters<typeof resolveStoreTarget>[0], env: NodeJS.ProcessEnv) => {
      try {
        resolveStoreTarget(flags, env);
      } catch (error) {
        expect(error).toBeInstanceOf(StoreConfigError);
        return (error as Error).message;
      }
      throw new Error('did not fail');
    };
    expect(fails({ db: 'a', databaseUrl: PG }, {})).toMatch(/not both/);
    expect(fails({}, { DATABASE_URL: PG, BUURTKIT_DB: 'a' })).toMatch(/Both DATABASE_URL/);
    const mysql = fails({}, { DATABASE_URL: 'mysql://u:hunter2@h/db' });
    expect(mysql).toMatch(/must be a postgres:\/\//);
    expect(mysql).not.toContain('hunter2');
    expect(fails({ databaseUrl: 'sqlite:x' }, {})).toMatch(/--database-url must be/);
    expect(fails({ db: 'a', pgSchema: 's' }, {})).toMatch(/only applies to PostgreSQL/);
    expect(fails({}, { DATABASE_URL: PG, BUURTKIT_PG_SCHEMA: 'drop table;' })).toMatch(/lower-case/);
  });
});

describe('describing storage without secrets', () => {
  it('redacts the password in the authority and in the query', () => {
    expect(redactUrl(PG)).toBe('postgres://buurtkit:***@db.example:5432/buurtkit');
    expect(redactUrl('postgres://h/db?password=x&sslmode=require')).toBe('postgres://h/db?password=***&sslmode=require');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactUrl('not a url')).toBe('(not a valid URL)');
    expect(describeStoreTarget({ backend: 'postgres', url: PG, schema: 'x' })).toBe(
      'PostgreSQL postgres://buurtkit:***@db.example:5432/buurtkit (schema x)',
    );
    expect(describeStoreTarget({ backend: 'sqlite', path: '/srv/b.sqlite' })).toBe('SQLite /srv/b.sqlite');
  });
});

describe('PostgreSQL value parsing', () => {
  it('turns timestamptz text in any session time zone into the ISO string that went in', () => {
    expect(timestamptzToIso('2026-03-29 01:30:00+00')).toBe('2026-03-29T01:30:00.000Z');
    expect(timestamptzToIso('2026-03-29 01:30:00.123456+00')).toBe('2026-03-29T01:30:00.123Z');
    expect(timestamptzToIso('2026-03-29 01:30:00.12+00')).toBe('2026-03-29T01:30:00.120Z');
    expect(timestamptzToIso('2026-03-29 01:30:00+00:30')).toBe('2026-03-29T01:00:00.000Z');
    expect(timestamptzToIso('2026-03-29 03:30:00.1+02')).toBe('2026-03-29T01:30:00.100Z');
    expect(timestamptzToIso('2026-03-28 20:00:00.123456-05:30')).toBe('2026-03-29T01:30:00.123Z');
    expect(timestamptzToIso('1999-12-31 23:59:59.999+00')).toBe('1999-12-31T23:59:59.999Z');
    expect(timestamptzToIso('1900-01-01 00:19:32+00:19:32')).toBe('1900-01-01T00:00:00.000Z');
    expect(timestamptzToIso('0050-06-01 00:00:00+00')).toBe('0050-06-01T00:00:00.000Z');
    expect(timestamptzToIso('infinity')).toBe('infinity');
  });

  it('reads int8 counts as numbers', () => {
    expect(int8ToNumber('0')).toBe(0);
    expect(int8ToNumber('1790000000000')).toBe(1_790_000_000_000);
  });
});

describe('migrations', () => {
  it('are parallel on both dialects: same versions, same names, in order', () => {
    const shape = (list: typeof SQLITE_MIGRATIONS) => list.map((m) => [m.version, m.name]);
    expect(shape(POSTGRES_MIGRATIONS)).toEqual(shape(SQLITE_MIGRATIONS));
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, n) => n + 1));
  });

  it('create the same tables and columns on both dialects', () => {
    const columns = (sql: string) => {
      const tables: Record<string, string[]> = {};
      for (const [, name, body] of sql.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\s*\)/g)) {
        tables[name!] = body!
          .split('\n')
          .map((line) => /^\s*(\w+)\s+(?:text|integer|bigint|boolean|jsonb|timestamptz|TEXT|INTEGER)\b/.exec(line)?.[1])
          .filter((c): c is string => Boolean(c));
      }
      for (const [, name, column] of sql.matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)\s+(?:text|TEXT|timestamptz)\b/g)) {
        (tables[`${name!}+`] ??= []).push(column!);
      }
      return tables;
    };
    for (const [n, m] of SQLITE_MIGRATIONS.entries()) {
      const sqlite = columns(m.sql);
      // A migration that only changes indexes or storage adds no columns on either side.
      if (!/CREATE TABLE|ADD COLUMN/.test(m.sql)) {
        expect(columns(POSTGRES_MIGRATIONS[n]!.sql)).toEqual({});
        continue;
      }
      expect(Object.keys(sqlite).length).toBeGreaterThan(0);
      expect(columns(POSTGRES_MIGRATIONS[n]!.sql)).toEqual(sqlite);
    }
  });
});
