/**
 * HTTP plumbing shared by all routes: the JSON error shape, the error and not-found handlers, and
 * the headers every response carries. Errors are always `{error, message}` JSON, never HTML.
 */
import { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../schema/index.js';
import { LEGACY_RENDER_TOKEN_HEADER, RENDER_TOKEN_HEADER } from './render-token.js';
import { POW_HEADER } from './pow.js';
import type { Site, TokenRecord } from './store/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The site named in the path, loaded by the route's first hook. */
    site: Site | null;
    /** The request's Origin when the site allows it; echoed in Access-Control-Allow-Origin. */
    corsOrigin: string | null;
    /** The coordinator token that authorised an admin request. */
    token: TokenRecord | null;
  }
}

/** Thrown anywhere in a hook or handler; the error handler turns it into the JSON answer. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 422 with the field issues a widget maps onto its inputs. */
export function invalid(issues: FieldIssue[], message = 'The request has errors; see issues'): ApiError {
  return new ApiError(422, 'invalid_request', message, issues);
}

/**
 * 429 with `Retry-After` in whole seconds: a widget's outbox waits that long before it sends again,
 * so every rate limit answers the same way (`too_fast` only for a form sent before its token is 2 s old).
 */
export function tooManyRequests(
  retryAfterSeconds: number,
  message = 'Too many requests; try again later',
  code = 'rate_limited',
): ApiError {
  return new ApiError(429, code, message, undefined, { 'Retry-After': String(retryAfterSeconds) });
}

/** An export on its way out: what it is, the name it is saved under (Dutch, with the date), its bytes. */
export interface Download {
  contentType: string;
  fileName: string;
  chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
}

/**
 * Sends an export as a file to save, never to keep in a cache (it holds personal data). The body
 * is pulled from `chunks` only as the socket drains: back-pressure down to the database pages.
 */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('Cache-Control', 'no-store')
    .send(Readable.from(file.chunks));
}

/** Fastify's own errors (body parsing, limits) mapped to stable codes and plain messages. */
const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The request body is larger than 32 KiB'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'The request body is empty'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'Content-Length does not match the body'],
};

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_request',
  429: 'rate_limited',
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      reply.headers(error.headers).code(error.statusCode);
      return {
        error: error.code,
        message: error.message,
        ...(error.issues && { issues: error.issues }),
      };
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) {
      reply.code(known[0]);
      return { error: known[1], message: known[2] };
    }
    // secure-json-parse rejects __proto__ and constructor.prototype keys with a plain 400.
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      reply.code(status);
      return { error: STATUS_CODES[status] ?? 'bad_request', message: error.message };
    }
    request.log.error({ err: error }, 'request failed');
    reply.code(500);
    return { error: 'internal_error', message: 'Something went wrong on the server' };
  });

  app.setNotFoundHandler((request, reply) => {
    // A widget whose endpoint has a wrong path lands here: let it read the refusal (and pass the
    // preflight before it), so it can say "not connected" instead of "offline". Never for the
    // coordinator's routes, which are not for other websites.
    const origin = request.headers.origin;
    if (origin !== undefined && !isCoordinatorPath(request.url)) {
      request.corsOrigin = origin;
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
        answerPreflight(reply);
        return reply.code(204).send();
      }
    }
    reply.code(404);
    return { error: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` };
  });
}

/** The coordinator page and API: same-origin only, never any CORS header. */
function isCoordinatorPath(url: string): boolean {
  return url.startsWith('/v1/admin/') || url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?');
}

/** What a widget's requests may use: GET and POST, JSON, the render token and proof-of-work headers. */
export function answerPreflight(reply: FastifyReply): void {
  reply
    .header('Access-Control-Allow-Methods', 'GET, POST')
    .header('Access-Control-Allow-Headers', `content-type, ${RENDER_TOKEN_HEADER}, ${LEGACY_RENDER_TOKEN_HEADER}, ${POW_HEADER}`)
    .header('Access-Control-Max-Age', '600');
}

/** Public widget routes and the API reference: readable cross-origin (CORS decides who), everything else same-origin. */
function isPublicPath(url: string): boolean {
  return url.startsWith('/v1/sites/') || url.split('?')[0] === '/v1/openapi.json';
}

export function installResponseHeaders(app: FastifyInstance): void {
  app.decorateRequest('site', null);
  app.decorateRequest('corsOrigin', null);
  app.decorateRequest('token', null);
  // Callback style rather than async: every answer passes here, and an async hook costs a promise
  // and a turn of the microtask queue each.
  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload, done) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    // No HTML is served yet: nothing may load, nothing may frame us.
    reply.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    reply.header('Cross-Origin-Resource-Policy', isPublicPath(request.url) ? 'cross-origin' : 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    // The answer depends on Origin, so caches must key on it, even when we allow nobody.
    if (isPublicPath(request.url) || request.corsOrigin) reply.header('Vary', 'Origin');
    // Set only by public routes for an allowed website, and on readable refusals (guards.ts, the
    // not-found handler above), whose body is an error and never site data.
    if (request.corsOrigin) {
      reply.header('Access-Control-Allow-Origin', request.corsOrigin);
      // A widget must read Retry-After on a 429 to back off as asked.
      reply.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    // The collector never sets cookies; make that true even if a plugin tries.
    reply.removeHeader('Set-Cookie');
    done(null, payload);
  });
}
