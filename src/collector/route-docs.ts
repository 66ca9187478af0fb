/**
 * What each route says about itself for the API reference. A route carries its summary and tags in
 * its Fastify `config`, and its zod schemas in `schema` (validated, see zod-provider.ts) or, where
 * the handler validates itself, in `config`; what it requires (a token and scope, an
 * allowed website, JSON, a rate limit) is read from the `onRequest` hooks it really runs, which
 * mark themselves with `describeHook`. `collectRoutes` records every route as Fastify registers it,
 * so the document (openapi.ts) lists exactly the routes that answer.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { z } from 'zod';
import type { TokenScope } from '../schema/index.js';
import type { RateKind } from './rate-limit.js';

/** The reference's sections, in the order the reference shows them. */
export const API_TAGS = {
  Site: 'What a widget reads about its site, and the render token and proof-of-work challenge it sends with a submission.',
  Submissions: 'What widgets send: ideas, votes, poll responses, intakes, volunteer sign-ups, "ik kom".',
  Ideas: "The idea box: the public list, and the coordinator's moderation, grouping and tags.",
  Activities: 'The activity calendar: the public JSON and ICS feed, its management, imports, feeds and "ik kom".',
  Polls: 'Feedback polls, their results and the impact report.',
  Intake: 'The welcome intake: its flow, key and the intakes received.',
  Volunteers: 'Roles, shifts, sign-ups, reminders and notifications.',
  Exports: 'Downloads for a spreadsheet or another system; every export is audited.',
  Privacy: 'Subject access, erasure, retention, allowed websites and the audit log.',
  Coordinator: "What a token may do, items marked as handled, and the coordinator page's files.",
  Operations: 'Probes for orchestrators, and this document.',
} as const;

export type ApiTag = keyof typeof API_TAGS;

/** The route's own part of the reference, given as Fastify route `config`. */
export interface RouteDoc {
  /** One line: what the route does, in the reader's words. */
  summary?: string;
  /** More, when one line is not enough (Markdown). */
  description?: string;
  tags?: readonly ApiTag[];
  /** The request body as accepted (its input side: before defaults and transforms). */
  body?: z.ZodType;
  /** The body's media type when it is not JSON (an ICS upload). */
  bodyType?: string;
  query?: z.ZodType;
  /** The path's parameters, when the route validates them (zod-provider.ts `pathParams`). */
  params?: z.ZodType;
  /** The answer's body on success, when it has a schema. */
  response?: z.ZodType;
  /** The answer's media type when it is neither JSON nor implied by the path's extension. */
  responseType?: string;
  /** The success status, when it is not 200. */
  status?: 201 | 204;
  /** An earlier name of a route, still answered for one release. */
  deprecated?: boolean;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyContextConfig extends RouteDoc {}
}

/** What an `onRequest` hook asks of a request, as the reference tells it. */
export type Requirement =
  | { kind: 'token'; scope: TokenScope | null }
  | { kind: 'site' }
  | { kind: 'same-site' }
  | { kind: 'json' }
  | { kind: 'rate-limit'; bucket: RateKind };

const REQUIREMENT = Symbol('buurtkit.requirement');

type Marked = { [REQUIREMENT]?: Requirement };

/** Marks a hook with what it requires, so the reference can say it; returns the hook itself. */
export function describeHook<T extends (...args: never[]) => unknown>(hook: T, requirement: Requirement): T {
  (hook as T & Marked)[REQUIREMENT] = requirement;
  return hook;
}

/** One registered route: method, Fastify path, its doc and what its hooks require. */
export interface RegisteredRoute {
  method: string;
  url: string;
  doc: RouteDoc;
  requires: Requirement[];
}

/**
 * Records each route as it is registered (plugins' routes too: the hook is inherited), without
 * the HEAD twin Fastify adds to every GET. Must be called before any route is added.
 */
export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (options: RouteOptions) => {
    const hooks = [options.onRequest ?? []].flat() as Marked[];
    const requires = hooks.map((h) => h[REQUIREMENT]).filter((r): r is Requirement => r !== undefined);
    const { summary, description, tags, bodyType, response, responseType, status, ...config } = options.config ?? {};
    // Routes validated through their zod schema (zod-provider.ts) are documented from it; the rest from
    // `config`. A `config.body` wins: it describes a body whose schema dispatches in code (by its kind).
    const schema = options.schema as { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType } | undefined;
    const body = config.body ?? schema?.body;
    const query = schema?.querystring ?? config.query;
    const doc: RouteDoc = { summary, description, tags, body, bodyType, query, params: schema?.params, response, responseType, status };
    for (const method of [options.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: options.url, doc, requires });
    }
  });
  return routes;
}
