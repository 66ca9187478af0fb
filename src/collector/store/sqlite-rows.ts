/** Mapping SQLite rows (snake_case, 0/1 booleans, JSON text) to the store's types. */
import type { AdminIdea, TokenScope } from '../../schema/index.js';
import { handledState, siteSettings } from './projections.js';
import type { Site, TokenRecord } from './types.js';

export type Row = Record<string, unknown>;

export function toSite(r: Row): Site {
  return {
    slug: String(r.slug),
    name: String(r.name),
    timeZone: String(r.time_zone),
    locales: JSON.parse(String(r.locales)) as string[],
    allowedOrigins: JSON.parse(String(r.allowed_origins)) as string[],
    settings: siteSettings(JSON.parse(String(r.settings)) as Partial<Site['settings']>),
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
    scopes: JSON.parse(String(r.scopes)) as TokenScope[],
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
    wantsToHelp: r.wants_to_help === 1,
    name: r.name as string | null,
    contact: r.contact as string | null,
    consentVersion: r.consent_version as string | null,
    consentGivenAt: r.consent_given_at as string | null,
    consentHash: (r.consent_hash ?? null) as string | null,
    locale: String(r.locale),
    published: r.published === 1,
    status: r.status as AdminIdea['status'],
    statusReason: r.status_reason as string | null,
    publicAnswer: r.public_answer as string | null,
    votes: Number(r.votes),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    ...handledState(r),
    mergedInto: (r.merged_into ?? null) as string | null,
    mergedAt: (r.merged_at ?? null) as string | null,
    tags: r.tags === '[]' ? [] : (JSON.parse(String(r.tags)) as string[]),
  };
}
