/**
 * Route schemas as zod: a route gives `schema: {querystring, body}` as zod schemas, Fastify runs
 * them before the handler (after the `onRequest` hooks), and the handler receives the parsed,
 * typed values (defaults filled in, coercions done). A failing schema answers the same 422 as
 * every other field error: `{error: 'invalid_request', message, issues}`.
 */
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';
import { toFieldIssues } from '../schema/index.js';
import { invalid } from './http.js';

/** Types `request.query` and `request.body` from the route's zod schemas (`app.withTypeProvider<ZodTypeProvider>()`). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** Set on the root instance: every route's schema is a zod schema. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const parsed = schema.safeParse(data);
    // An ApiError keeps its status and code through Fastify's validation path to the error handler.
    return parsed.success ? { value: parsed.data } : { error: invalid(toFieldIssues(parsed.error)) };
  };
