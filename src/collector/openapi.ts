/**
 * The HTTP API reference as an OpenAPI 3.1 document, built from the routes the collector really
 * registered (route-docs.ts): paths and methods from Fastify, summaries and zod schemas from each
 * route's `config`, tokens, scopes, CORS and rate limits from its hooks. Served at
 * `GET /v1/openapi.json`; `npm run docs` writes the same document to docs/openapi.json and a
 * Markdown reference from it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROTOCOL_VERSION, errorBodySchema } from '../schema/index.js';
import { API_TAGS, type RegisteredRoute, type Requirement } from './route-docs.js';

export const OPENAPI_PATH = '/v1/openapi.json';

type JsonSchema = Record<string, unknown>;
type Json = Record<string, unknown>;

/** Path parameters that mean the same on every route. */
const PATH_PARAMETERS: Record<string, string> = {
  site: "The site's slug, as created with `buurtkit-collector site create`.",
  path: 'Any path below this one.',
};

/** Downloads say what they are by their extension. */
const MEDIA_TYPES: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ics: 'text/calendar',
};

const ERROR = { $ref: '#/components/schemas/Error' };

/** Fastify's `:name` and `*` as OpenAPI's `{name}` and `{path}`. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}');
}

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), inline. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms and refinements have no JSON Schema; the answer side documents what it can.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  // Inline schemas cannot carry `$defs` whose `#/…` references would point at the document root.
  if ('$defs' in rest) throw new Error('A route schema with named or recursive parts needs components; see openapi.ts');
  return rest;
}

function queryParameters(query: z.ZodType): Json[] {
  const schema = jsonSchema(query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
  }));
}

/** What each kind of hook adds to the refusals a route can answer. */
function refusals(requires: readonly Requirement[], validates: boolean, preflight: boolean): Map<number, string[]> {
  const answers = new Map<number, string[]>();
  const add = (status: number, text: string) => answers.set(status, [...(answers.get(status) ?? []), text]);
  for (const r of requires) {
    if (r.kind === 'token') {
      add(401, '`unauthorized`, `token_revoked`, `token_expired`: no valid bearer token (with `WWW-Authenticate: Bearer`)');
      add(403, `\`forbidden\`: the token is for another site${r.scope ? `; \`insufficient_scope\`: it lacks \`${r.scope}\`` : ''}`);
      add(404, '`site_not_found`: no such site');
    } else if (r.kind === 'site' && preflight) {
      // Any website's preflight passes, for a site that exists or not: the request after it is refused readably.
      add(403, '`origin_not_allowed`: a preflight without an Origin');
    } else if (r.kind === 'site') {
      add(403, "`origin_not_allowed`: the website (Origin) is not on the site's list; readable by that website");
      add(404, '`site_not_found`: no such site; readable by any website');
    } else if (r.kind === 'same-site') {
      add(403, '`cross_site_request`: changes are not accepted from another website (`Sec-Fetch-Site: cross-site`)');
    } else if (r.kind === 'json') {
      add(415, '`unsupported_media_type`: the body is not `application/json`');
    } else {
      add(429, `\`rate_limited\`: too many requests (the \`${r.bucket}\` limit); \`Retry-After\` says when to try again`);
    }
  }
  if (validates) add(422, '`invalid_request`: the body or query has errors; `issues` names each field');
  return answers;
}

function successResponse(route: RegisteredRoute, path: string): Json {
  const { doc } = route;
  if (doc.status === 204) return { description: 'Done; no body.' };
  const extension = /\.(\w+)$/.exec(path)?.[1];
  const mediaType = doc.responseType ?? (extension && MEDIA_TYPES[extension]) ?? 'application/json';
  const schema = doc.response ? { schema: jsonSchema(doc.response, 'output') } : {};
  return { description: doc.status === 201 ? 'Created.' : 'Success.', content: { [mediaType]: schema } };
}

/** `get` + `/v1/sites/{site}/ideas` → `getSitesSiteIdeas`: stable, unique per method and path. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/v1\//, '/')
    .replace(/\/$/, '/index')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function operation(route: RegisteredRoute, path: string): Json {
  const { doc, requires } = route;
  const token = requires.find((r): r is Extract<Requirement, { kind: 'token' }> => r.kind === 'token');
  const notes = [
    ...(token ? [token.scope ? `Token scope: \`${token.scope}\`.` : 'Any valid token of the site.'] : []),
    ...(requires.some((r) => r.kind === 'site') ? ["Public: readable by the websites on the site's list of allowed origins (CORS)."] : []),
    ...(doc.description ? [doc.description] : []),
  ];
  const pathSchemas = (doc.params ? jsonSchema(doc.params, 'input').properties : undefined) as Record<string, JsonSchema> | undefined;
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      ...(PATH_PARAMETERS[name!] && { description: PATH_PARAMETERS[name!] }),
      schema: pathSchemas?.[name!] ?? { type: 'string' },
    })),
    ...(doc.query ? queryParameters(doc.query) : []),
  ];
  const responses: Json = { [String(doc.status ?? 200)]: successResponse(route, path) };
  for (const [status, texts] of [...refusals(requires, doc.body !== undefined || doc.query !== undefined, route.method === 'OPTIONS')].sort(
    ([a], [b]) => a - b,
  )) {
    const headers = status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {};
    responses[String(status)] = { description: texts.join('; '), ...headers, content: { 'application/json': { schema: ERROR } } };
  }
  responses.default = {
    description: 'Any other refusal or error: `{error, message}`.',
    content: { 'application/json': { schema: ERROR } },
  };
  return {
    operationId: operationId(route.method, path),
    summary: doc.summary ?? '',
    ...(notes.length && { description: notes.join('\n\n') }),
    tags: [...(doc.tags ?? [])],
    ...(doc.deprecated && { deprecated: true }),
    security: token ? [{ coordinatorToken: token.scope ? [token.scope] : [] }] : [],
    ...(parameters.length && { parameters }),
    ...(doc.body && {
      requestBody: { required: true, content: { [doc.bodyType ?? 'application/json']: { schema: jsonSchema(doc.body, 'input') } } },
    }),
    ...(doc.bodyType && !doc.body && { requestBody: { required: true, content: { [doc.bodyType]: {} } } }),
    responses,
  };
}

/** The document for these routes, in the order they were registered. */
export function openApiDocument(routes: readonly RegisteredRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, path);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'buurtkit collector',
      version: String(PROTOCOL_VERSION),
      summary: 'What the widgets send and read, and what coordinators and their scripts manage.',
      description: [
        'Public routes (`/v1/sites/{site}/…`) are for the widgets on the websites a site allows (CORS, an exact list per site).',
        'Coordinator routes (`/v1/admin/…`) need `Authorization: Bearer bk_…` with a scope, never answer other websites,',
        'and refuse changes sent from another website. Every error is `{error, message}` JSON, with `issues` on a 422.',
        'Every GET also answers HEAD. Generated from the routes the collector registers; see docs/api.md for the prose.',
      ].join(' '),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        coordinatorToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A coordinator token (`bk_` + 43 characters) from `buurtkit-collector token create`, for one site, with scopes ' +
            '`read`, `moderate`, `export`, `admin` (which grants all but `sensitive`) and `sensitive`.',
        },
      },
    },
  };
}

/**
 * `GET /v1/openapi.json`: built once, at the first request, when every route is registered. It
 * holds no site data or secret, so any website may read it and caches may keep it for an hour.
 */
export async function openApiRoutes(app: FastifyInstance, { routes }: { routes: readonly RegisteredRoute[] }): Promise<void> {
  let body: string | undefined;
  app.get(
    OPENAPI_PATH,
    { config: { tags: ['Operations'], summary: 'This reference, as an OpenAPI 3.1 document' } },
    async (request, reply) => {
      body ??= JSON.stringify(openApiDocument(routes));
      if (request.headers.origin !== undefined) request.corsOrigin = request.headers.origin;
      return reply.type('application/json; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(body);
    },
  );
}
