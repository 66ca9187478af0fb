/**
 * Coordinator bearer tokens. A token is `bk_` + 43 base64url characters (32 random bytes). Only its
 * SHA-256 and a short display prefix are stored, so a copy of the database does not grant access.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { TOKEN_SCOPES, type TokenScope } from '../schema/index.js';
import type { Store, TokenRecord } from './store/types.js';

export const TOKEN_PREFIX = 'bk_';
/** `bk_` plus 8 characters (48 bits): enough to tell tokens apart in lists and audit rows. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
const TOKEN_PATTERN = /^bk_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_PREFIX_LENGTH);
}

export function parseScopes(input: string): TokenScope[] {
  const scopes = input
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of scopes) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(s)) {
      throw new Error(`Unknown scope "${s}"; use ${TOKEN_SCOPES.join(', ')}`);
    }
  }
  if (scopes.length === 0) throw new Error('A token needs at least one scope');
  return [...new Set(scopes)] as TokenScope[];
}

export interface IssueTokenOptions {
  site: string;
  scopes: TokenScope[];
  label?: string | null;
  expiresAt?: Date | null;
  now?: Date;
}

/** Creates and stores a token; the clear token is returned once and never again. */
export async function issueToken(store: Store, options: IssueTokenOptions): Promise<{ token: string; record: TokenRecord }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const record: TokenRecord = {
    id: randomUUID(),
    site: options.site,
    hash: hashToken(token),
    prefix: displayPrefix(token),
    label: options.label ?? null,
    scopes: options.scopes,
    createdAt: (options.now ?? new Date()).toISOString(),
    expiresAt: options.expiresAt ? options.expiresAt.toISOString() : null,
    revokedAt: null,
  };
  await store.access.createToken(record);
  return { token, record };
}

export type TokenCheck = { ok: true; token: TokenRecord } | { ok: false; status: 401 | 403; error: string; message: string };

/** What a token's scopes grant in effect: `admin` expanded to every scope but `sensitive`. */
export function effectiveScopes(scopes: readonly TokenScope[]): TokenScope[] {
  return TOKEN_SCOPES.filter((s) => hasScope(scopes, s));
}

/** Whether a token's scopes grant `scope`: `admin` grants all but `sensitive`, which is never implied. */
export function hasScope(scopes: readonly TokenScope[], scope: TokenScope): boolean {
  return scopes.includes(scope) || (scope !== 'sensitive' && scopes.includes('admin'));
}

/** Checks an `Authorization` header against the store for one site and one scope (any, when null). */
export async function checkBearer(
  store: Store,
  header: string | undefined,
  site: string,
  scope: TokenScope | null,
  now: Date,
): Promise<TokenCheck> {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!match) {
    return { ok: false, status: 401, error: 'unauthorized', message: 'A bearer token is required' };
  }
  const token = match[1]!;
  const invalid = { ok: false, status: 401, error: 'unauthorized', message: 'The token is not valid' } as const;
  if (!TOKEN_PATTERN.test(token)) return invalid;
  const presented = Buffer.from(hashToken(token), 'hex');
  // The prefix only narrows the search; the decision is a constant-time compare of the hashes.
  const record = (await store.access.findTokensByPrefix(displayPrefix(token))).find((candidate) => {
    const stored = Buffer.from(candidate.hash, 'hex');
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  });
  if (!record) return invalid;
  if (record.revokedAt) {
    return { ok: false, status: 401, error: 'token_revoked', message: 'The token was revoked' };
  }
  if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) {
    return { ok: false, status: 401, error: 'token_expired', message: 'The token has expired' };
  }
  if (record.site !== site) {
    return { ok: false, status: 403, error: 'forbidden', message: 'The token is not valid for this site' };
  }
  if (scope !== null && !hasScope(record.scopes, scope)) {
    return {
      ok: false,
      status: 403,
      error: 'insufficient_scope',
      message: `The token lacks the "${scope}" scope`,
    };
  }
  return { ok: true, token: record };
}
