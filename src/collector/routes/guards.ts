/**
 * Request hooks the route modules share: a coordinator's bearer token for one scope, the site of a
 * public read (with its allowed Origin echoed), and refusing state changes from other websites.
 */
import type { FastifyRequest } from 'fastify';
import { SITE_SLUG_PATTERN, type TokenScope } from '../../schema/index.js';
import { checkBearer } from '../auth.js';
import { ApiError, tooManyRequests } from '../http.js';
import type { RateKind } from '../rate-limit.js';
import { describeHook } from '../route-docs.js';
import { isOriginAllowed } from '../sites.js';

/**
 * `onRequest` hooks that check the bearer token for a scope (null: any valid token for the site)
 * and load the site into `request`.
 */
export function authorise(scope: TokenScope | null) {
  return describeHook(
    async function authorise(request: FastifyRequest): Promise<void> {
      const { store, now } = request.server;
      const slug = (request.params as { site: string }).site;
      const check = await checkBearer(store, request.headers.authorization, slug, scope, now());
      if (!check.ok) {
        const headers: Record<string, string> = check.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
        throw new ApiError(check.status, check.error, check.message, undefined, headers);
      }
      request.token = check.token;
      request.site = await store.access.getSite(slug);
      if (!request.site) throw new ApiError(404, 'site_not_found', `There is no site "${slug}"`);
    },
    { kind: 'token', scope },
  );
}

/** A hook that counts the request against the visitor's and the site's `kind` bucket; 429 when either is empty. */
export function rateLimit(kind: RateKind) {
  return describeHook(
    async function rateLimit(request: FastifyRequest): Promise<void> {
      const decision = await request.server.limiter.hit(kind, request.site!.slug, request.ip);
      if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
    },
    { kind: 'rate-limit', bucket: kind },
  );
}

/**
 * A refusal the browser lets the widget read: the request's Origin is echoed on this error answer
 * (only `{error, message}`, never site data), so a widget on a misconfigured page can tell "not
 * connected" from "offline" and name the fix.
 */
export function refusal(request: FastifyRequest, status: number, code: string, message: string): ApiError {
  const origin = request.headers.origin;
  if (origin !== undefined) request.corsOrigin = origin;
  return new ApiError(status, code, message);
}

/**
 * First hook of a public route: the site must exist and a request from a website must come from
 * one of the site's allowed origins; otherwise a readable refusal (see `refusal`) that names the
 * command that would allow it. An allowed Origin is echoed (see installResponseHeaders). Requests
 * without an Origin (servers, curl, calendar apps) pass. A preflight always passes, so that the
 * request after it gets the readable refusal instead of an opaque network error.
 */
export const loadSite = describeHook(
  async function loadSite(request: FastifyRequest): Promise<void> {
    const slug = (request.params as { site: string }).site;
    const origin = request.headers.origin;
    const site = SITE_SLUG_PATTERN.test(slug) ? await request.server.store.access.getSite(slug) : null;
    request.site = site;
    if (request.method === 'OPTIONS') {
      if (origin !== undefined) request.corsOrigin = origin;
      return;
    }
    if (!site) throw refusal(request, 404, 'site_not_found', `There is no site "${slug}" on this collector`);
    if (origin === undefined) return;
    if (isOriginAllowed(site, origin)) {
      request.corsOrigin = origin;
    } else {
      const fix = `buurtkit-collector site update ${slug} --add-origin ${origin}`;
      throw refusal(
        request,
        403,
        'origin_not_allowed',
        `The website ${origin} may not use site "${slug}"; the collector's operator can allow it with: ${fix}`,
      );
    }
  },
  { kind: 'site' },
);

/** Answers 415 before the body is read; a missing Content-Type would otherwise parse as nothing. */
export const requireJson = describeHook(
  async function requireJson(request: FastifyRequest): Promise<void> {
    if (!/^application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
    }
  },
  { kind: 'json' },
);

/**
 * State changes must not ride on a page from another site. Bearer tokens already stop classic
 * CSRF; this makes the rule explicit for when the admin UI keeps its token in the browser.
 */
export const rejectCrossSite = describeHook(
  async function rejectCrossSite(request: FastifyRequest): Promise<void> {
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw new ApiError(403, 'cross_site_request', 'Changes cannot be made from another website');
    }
  },
  { kind: 'same-site' },
);
