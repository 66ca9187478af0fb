/** The bearer-token hook of coordinator routes: checks the token's scope for the site in the path. */
import type { FastifyRequest } from 'fastify';
import type { TokenScope } from '../../schema/index.js';
import { checkBearer } from '../auth.js';
import { ApiError } from '../http.js';
import type { RouteContext } from './context.js';

export function bearerHook(ctx: RouteContext, scope: TokenScope) {
  return async function authorise(request: FastifyRequest): Promise<void> {
    const slug = (request.params as { site: string }).site;
    const check = await checkBearer(ctx.store, request.headers.authorization, slug, scope, ctx.now());
    if (!check.ok) {
      const headers: Record<string, string> = check.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
      throw new ApiError(check.status, check.error, check.message, undefined, headers);
    }
    request.token = check.token;
    request.site = await ctx.store.getSite(slug);
    if (!request.site) throw new ApiError(404, 'site_not_found', `There is no site "${slug}"`);
  };
}
