/**
 * "Mark as handled" on the coordinator page: one route shape for every kind of item in
 * the inbox, `PUT /v1/admin/sites/:site/<kind>/:id/handled {handled: true|false}` (`moderate`),
 * answered with `{id, handledAt, handledBy}` and audited as `<kind>.handled` / `<kind>.unhandled`.
 * Who: the token's label, else its display prefix. The inbox lists say `?handled=true|false`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HANDLED_KINDS, HANDLED_PATHS, handledBodySchema, isUuidV7, type HandledKind, type HandledState } from '../../schema/index.js';
import { ApiError } from '../http.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { pathParams, type ZodTypeProvider } from '../zod-provider.js';

/** The error code of an unknown id, as each kind's other routes say it. */
const NOT_FOUND: Record<HandledKind, string> = {
  idea: 'idea_not_found',
  intake: 'intake_not_found',
  application: 'application_not_found',
  signup: 'signup_not_found',
  'poll-response': 'response_not_found',
};

const notFound = (kind: HandledKind) => new ApiError(404, NOT_FOUND[kind], `There is no ${kind.replace('-', ' ')} with this id`);

const ARTICLES: Record<HandledKind, string> = { idea: 'an', intake: 'an', application: 'an', signup: 'a', 'poll-response': 'a' };

/** Only handled (true), only not handled (false), or all (undefined) of a list. */
export function keepHandled<T extends HandledState>(records: readonly T[], handled: boolean | undefined): T[] {
  return handled === undefined ? [...records] : records.filter((r) => (r.handledAt !== null) === handled);
}

export async function handledRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const kind of HANDLED_KINDS) {
    api.put(
      `/v1/admin/sites/:site/${HANDLED_PATHS[kind]}/:id/handled`,
      {
        onRequest: [rejectCrossSite, authorise('moderate'), requireJson],
        // The body is read before the id (a malformed id with a bad body answers the body's 422), so the
        // params schema only names the id and the handler looks it up.
        schema: { params: pathParams({ id: z.string() }, () => notFound(kind)), body: handledBodySchema },
        config: {
          tags: ['Coordinator'],
          summary: `Mark ${ARTICLES[kind]} ${kind.replace('-', ' ')} as handled ("afgehandeld"), or undo it; the first mark is kept (audited)`,
        },
      },
      async (request) => {
        const { id } = request.params;
        const token = request.token!;
        const site = request.site!.slug;
        const now = app.now().toISOString();
        const mark = request.body.handled ? { at: now, by: token.label ?? token.prefix } : null;
        const state = isUuidV7(id) ? await app.store.setHandled(site, kind, id, mark) : null;
        if (!state) throw notFound(kind);
        await app.store.audit.append({
          at: now,
          site,
          actor: token.prefix,
          action: `${kind}.${request.body.handled ? 'handled' : 'unhandled'}`,
          target: id,
          rowCount: 1,
        });
        return { id, ...state };
      },
    );
  }
}
