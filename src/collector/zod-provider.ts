/**
 * Route schemas as zod: a route gives `schema: {params, querystring, body}` as zod schemas, Fastify
 * runs them before the handler (after the `onRequest` and `preValidation` hooks, params first), and
 * the handler receives the parsed, typed values (defaults filled in, coercions done). A failing
 * query or body answers the same 422 as every other field error: `{error: 'invalid_request',
 * message, issues}`; failing params answer the route's own 404 (see `pathParams`).
 */
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';
import { toFieldIssues, UUID_V7_PATTERN } from '../schema/index.js';
import { invalid, type ApiError } from './http.js';

/** Types `request.params`, `request.query` and `request.body` from the route's zod schemas (`app.withTypeProvider<ZodTypeProvider>()`). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

const NOT_FOUND = Symbol('buurtkit.notFound');

type NotFound = { [NOT_FOUND]?: () => ApiError };

/**
 * A route's path parameters besides `:site` (which the route's first hook checks, and which passes
 * through untouched). A parameter that cannot name anything, such as a malformed id, answers
 * `notFound()`: the same 404 as a well-formed id that names nothing, so a caller learns nothing more
 * from a typo than from a deleted item, and never a 422 for a URL.
 */
export function pathParams<T extends z.ZodRawShape>(shape: T, notFound: () => ApiError) {
  return Object.assign(z.looseObject(shape), { [NOT_FOUND]: notFound });
}

/** A stored record's id in a path: every record is keyed by a UUIDv7. */
export const uuidV7Param = z.string().regex(UUID_V7_PATTERN, 'Must be a UUIDv7');

/** The query of a route that takes none: any parameter is a 422, so a typo is not silently ignored. */
export const noQuerySchema = z.strictObject({});

/** Set on the root instance: every route's schema is a zod schema. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const notFound = httpPart === 'params' ? (schema as NotFound)[NOT_FOUND] : undefined;
  return (data) => {
    const parsed = schema.safeParse(data);
    if (parsed.success) return { value: parsed.data };
    // An ApiError keeps its status and code through Fastify's validation path to the error handler.
    return { error: notFound ? notFound() : invalid(toFieldIssues(parsed.error)) };
  };
};
