/**
 * Which database a collector uses. PostgreSQL for a `postgres://` URL, a SQLite file otherwise;
 * decided once, at start, with an error that says what to change when the settings disagree.
 */
import { resolve } from 'node:path';
import { PG_SCHEMA_PATTERN, PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';

export type StoreTarget =
  { backend: 'sqlite'; path: string } | { backend: 'postgres'; url: string; schema?: string; maxConnections?: number };

export const DEFAULT_SQLITE_PATH = '.data/buurtkit.sqlite';

export class StoreConfigError extends Error {
  override name = 'StoreConfigError';
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value);
}

export interface StoreSettings {
  /** `--database-url` */
  databaseUrl?: string | undefined;
  /** `--db` */
  db?: string | undefined;
  /** `--pg-schema` */
  pgSchema?: string | undefined;
}

/**
 * Flags win over the environment. Within each, giving both a PostgreSQL URL and a SQLite file is
 * an error rather than a guess: quietly writing to a local file on a container that was meant to
 * use PostgreSQL would lose every submission at the next deploy.
 */
export function resolveStoreTarget(flags: StoreSettings, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  const schema = flags.pgSchema ?? (env.BUURTKIT_PG_SCHEMA || undefined);
  if (schema !== undefined && !PG_SCHEMA_PATTERN.test(schema)) {
    throw new StoreConfigError(`The PostgreSQL schema "${schema}" must be lower-case letters, digits and _`);
  }
  const postgres = (url: string, source: string): StoreTarget => {
    if (!isPostgresUrl(url)) {
      throw new StoreConfigError(
        `${source} must be a postgres:// or postgresql:// URL (got "${redactUrl(url)}"); for SQLite use --db or BUURTKIT_DB`,
      );
    }
    return { backend: 'postgres', url, ...(schema !== undefined && { schema }) };
  };
  const sqlite = (path: string): StoreTarget => {
    if (flags.pgSchema !== undefined) throw new StoreConfigError('--pg-schema only applies to PostgreSQL');
    return { backend: 'sqlite', path };
  };

  if (flags.databaseUrl !== undefined && flags.db !== undefined) {
    throw new StoreConfigError('Give either --database-url (PostgreSQL) or --db (SQLite), not both');
  }
  if (flags.databaseUrl !== undefined) return postgres(flags.databaseUrl, '--database-url');
  if (flags.db !== undefined) return sqlite(flags.db);
  const url = env.DATABASE_URL || undefined;
  const file = env.BUURTKIT_DB || undefined;
  if (url !== undefined && file !== undefined) {
    throw new StoreConfigError(
      'Both DATABASE_URL (PostgreSQL) and BUURTKIT_DB (SQLite) are set; unset one, or choose with --database-url or --db',
    );
  }
  if (url !== undefined) return postgres(url, 'DATABASE_URL');
  return sqlite(file ?? DEFAULT_SQLITE_PATH);
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return '(not a valid URL)';
  }
}

/** `SQLite /srv/buurtkit.sqlite` or `PostgreSQL postgres://buurtkit:***@db:5432/buurtkit (schema x)`. */
export function describeStoreTarget(target: StoreTarget): string {
  if (target.backend === 'sqlite') return `SQLite ${target.path === ':memory:' ? ':memory:' : resolve(target.path)}`;
  return `PostgreSQL ${redactUrl(target.url)}${target.schema ? ` (schema ${target.schema})` : ''}`;
}

export interface OpenStoreOptions {
  /** For PostgreSQL: an idle pooled connection failed; pg replaces it, the caller may log it. */
  onIdleError?: (error: Error) => void;
}

/** Opens the store and brings its schema up to date. */
export async function openStore(target: StoreTarget, options: OpenStoreOptions = {}): Promise<SqliteStore | PostgresStore> {
  try {
    if (target.backend === 'sqlite') return new SqliteStore(target.path);
    return await PostgresStore.open({
      url: target.url,
      ...(target.schema !== undefined && { schema: target.schema }),
      ...(target.maxConnections !== undefined && { maxConnections: target.maxConnections }),
      ...(options.onIdleError && { onIdleError: options.onIdleError }),
    });
  } catch (error) {
    // Say which database, without its password: "connect ECONNREFUSED" alone sends people hunting.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open ${describeStoreTarget(target)}: ${reason}`, { cause: error });
  }
}
