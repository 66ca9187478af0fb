/**
 * PostgreSQL for tests: on only when DATABASE_URL is a postgres:// URL (CI sets it). Every test
 * run gets its own schema with a random name, dropped afterwards, so runs never see each other.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { isPostgresUrl } from '../../src/collector/store/open.js';

const url = process.env.DATABASE_URL;

/** The PostgreSQL URL to test against, or undefined when those tests are skipped. */
export const PG_URL: string | undefined = url && isPostgresUrl(url) ? url : undefined;

export const PG_EXAMPLE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Says once per file, plainly, that PostgreSQL tests did not run and how to run them. */
export function noticePostgresSkipped(what: string): void {
  if (PG_URL) return;
  const why = url ? `DATABASE_URL is not a postgres:// URL` : 'DATABASE_URL is not set';
  console.warn(`PostgreSQL ${what} skipped (${why}): set DATABASE_URL=${PG_EXAMPLE_URL} to run them`);
}

export function freshSchemaName(): string {
  return `bk_test_${randomBytes(6).toString('hex')}`;
}

/** Runs one statement on its own connection (setup and cleanup outside the store). */
export async function pgQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  if (!/^bk_test_[0-9a-f]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  await pgQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
