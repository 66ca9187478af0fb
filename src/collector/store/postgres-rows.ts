/**
 * PostgreSQL values as the store contract wants them: instants as `Date#toISOString()` strings
 * (never `Date` objects, never the server's text format), counts as numbers, JSON already parsed.
 * The parsers are installed per pool, not on pg's global registry, so other pg users in the same
 * process keep their own conversions.
 */
import type pg from 'pg';
import type { AdminIdea, TokenScope } from '../../schema/index.js';
import { handledState, siteSettings } from './projections.js';
import type { InsertOutcome, Site, SubmissionRecord, TokenRecord } from './types.js';

export type Row = Record<string, unknown>;

/** Runs one statement: the store's named-statement query, or a transaction's client. */
export type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult<Row>>;

/** One transaction on one pooled connection; a connection whose ROLLBACK failed is not reused. */
export async function inTransaction<T>(pool: pg.Pool, fn: (q: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn((text, values = []) => client.query<Row>(text, values));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** pg type OIDs we convert. */
export const PG_TYPES = { int8: 20, timestamptz: 1184 } as const;

const UTC_TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;
const TIMESTAMPTZ = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

/**
 * `timestamptz` text output (`2026-05-01 14:34:56.789+02`, in whatever TimeZone the session has)
 * to `2026-05-01T12:34:56.789Z`. Microseconds are cut to milliseconds, which is what we store.
 */
export function timestamptzToIso(text: string): string {
  // The common case, a UTC session: string surgery only (a million export rows call this twice).
  const utc = UTC_TIMESTAMPTZ.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const m = TIMESTAMPTZ.exec(text);
  if (!m) return text; // infinity, BC dates: never written by the collector
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '0', os = '0'] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  const offsetMs = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1000;
  return new Date(date.getTime() - (sign === '-' ? -offsetMs : offsetMs)).toISOString();
}

/** Counts and epoch milliseconds: far below 2^53, so a JS number is exact. */
export function int8ToNumber(text: string): number {
  return Number(text);
}

export function toSite(r: Row): Site {
  return {
    slug: String(r.slug),
    name: String(r.name),
    timeZone: String(r.time_zone),
    locales: r.locales as string[],
    allowedOrigins: r.allowed_origins as string[],
    settings: siteSettings(r.settings as Partial<Site['settings']>),
    createdAt: String(r.created_at),
  };
}

export function toToken(r: Row): TokenRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    hash: String(r.hash),
    prefix: String(r.prefix),
    label: r.label as string | null,
    scopes: r.scopes as TokenScope[],
    createdAt: String(r.created_at),
    expiresAt: r.expires_at as string | null,
    revokedAt: r.revoked_at as string | null,
  };
}

export function toAdminIdea(r: Row): AdminIdea {
  return {
    id: String(r.id),
    site: String(r.site),
    text: String(r.text),
    category: r.category as string | null,
    role: r.role as AdminIdea['role'],
    wantsToHelp: r.wants_to_help === true,
    name: r.name as string | null,
    contact: r.contact as string | null,
    consentVersion: r.consent_version as string | null,
    consentGivenAt: r.consent_given_at as string | null,
    consentHash: (r.consent_hash ?? null) as string | null,
    locale: String(r.locale),
    published: r.published === true,
    status: r.status as AdminIdea['status'],
    statusReason: r.status_reason as string | null,
    publicAnswer: r.public_answer as string | null,
    votes: Number(r.votes),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    ...handledState(r),
    mergedInto: (r.merged_into ?? null) as string | null,
    mergedAt: (r.merged_at ?? null) as string | null,
    tags: (r.tags ?? []) as string[],
  };
}

/**
 * After an `INSERT … ON CONFLICT (id) DO NOTHING` of a submission (alone or as a CTE): `created`,
 * or what the row that made ours a no-op means — a retry of this site's submission (`duplicate`)
 * or another site's id (`conflict`). A new statement, so a new snapshot: it sees that row. When the
 * row is gone again (the other insert rolled back after ours gave way), ours is the first after all:
 * `retry` inserts once more.
 */
export async function submissionOutcome(
  inserted: { rowCount: number | null },
  s: SubmissionRecord,
  query: (text: string, values: unknown[]) => Promise<{ rows: Row[] }>,
  retry: () => Promise<InsertOutcome>,
): Promise<InsertOutcome> {
  if (inserted.rowCount === 1) return 'created';
  const owner = (await query('SELECT site FROM submissions WHERE id = $1', [s.id])).rows[0];
  if (owner) return owner.site === s.site ? 'duplicate' : 'conflict';
  return retry();
}
