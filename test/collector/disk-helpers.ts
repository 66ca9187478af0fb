/** Reading what a database keeps on disk, for tests that assert personal data left it. */
import { existsSync, readFileSync } from 'node:fs';
import type { PostgresStore } from '../../src/collector/store/postgres.js';
import { pgQuery } from './pg.js';

/** How often `needle` occurs in `haystack`. */
export function count(haystack: Buffer, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/** The raw bytes of a SQLite file and its WAL. */
export function rawSqlite(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

/**
 * Every row version of every table (and TOAST table) of the store's schema, or of the tables
 * named, live or dead, read from the pages with pageinspect's heap_page_items: what VACUUM has
 * not removed is still in here. (A page's free space may still hold bytes of removed rows until
 * PostgreSQL reuses it; only VACUUM FULL rewrites the files, see docs/privacy.md.)
 */
export async function rowVersions(store: PostgresStore, tables?: readonly string[]): Promise<Buffer> {
  await pgQuery('CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public');
  const schema = String((await store.pool.query('SELECT current_schema() AS s')).rows[0].s);
  const { rows } = await store.pool.query(
    `SELECT c.oid::regclass::text AS rel, pg_relation_size(c.oid) / current_setting('block_size')::int AS blocks
     FROM pg_class c
     WHERE c.oid IN (SELECT oid FROM pg_class t WHERE t.relkind = 'r' AND t.relnamespace = $1::regnamespace
                       AND ($2::text[] IS NULL OR t.relname = ANY($2::text[]))
                     UNION
                     SELECT reltoastrelid FROM pg_class t WHERE t.relnamespace = $1::regnamespace
                       AND ($2::text[] IS NULL OR t.relname = ANY($2::text[])))`,
    [schema, tables ?? null],
  );
  const tuples: Buffer[] = [];
  for (const { rel, blocks } of rows as { rel: string; blocks: string }[]) {
    for (let b = 0; b < Number(blocks); b++) {
      const page = await store.pool.query(
        'SELECT t_data FROM public.heap_page_items(public.get_raw_page($1, $2)) WHERE t_data IS NOT NULL',
        [rel, b],
      );
      for (const r of page.rows as { t_data: Buffer }[]) tuples.push(r.t_data);
    }
  }
  return Buffer.concat(tuples);
}
