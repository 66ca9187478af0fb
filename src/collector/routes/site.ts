/**
 * What a widget asks first on other people's websites: the CORS preflight, the site's name and
 * languages, a render token and a proof-of-work challenge. CORS is an exact-match allow-list per
 * site; nothing here needs a token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROTOCOL_VERSION, siteInfoSchema, type SiteInfo } from '../../schema/index.js';
import { LEGACY_RENDER_TOKEN_PATH, type RenderTokenAnswer } from '../render-token.js';
import type { PowChallenge } from '../pow.js';
import { ApiError, answerPreflight } from '../http.js';
import { loadSite, rateLimit } from './guards.js';
import { isOriginAllowed } from '../sites.js';

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  /**
   * Any website's preflight passes (the request after it is refused readably when the site is
   * unknown or the website not allowed; see `loadSite`); only an allowed website may reach a
   * collector on a private network.
   */
  async function preflight(request: FastifyRequest, reply: FastifyReply) {
    if (!request.corsOrigin) {
      throw new ApiError(403, 'origin_not_allowed', 'A preflight needs an Origin');
    }
    answerPreflight(reply);
    // Chrome's Private Network Access: a public page calling a collector on a LAN box asks first.
    const allowed = request.site && isOriginAllowed(request.site, request.corsOrigin);
    if (allowed && request.headers['access-control-request-private-network'] === 'true') {
      reply.header('Access-Control-Allow-Private-Network', 'true');
    }
    return reply.code(204).send();
  }
  const preflightDoc = {
    tags: ['Site'],
    summary: 'CORS preflight: any website passes, so that the request after it gets a readable refusal',
    responseType: 'text/plain',
    status: 204,
  } as const;
  app.options('/v1/sites/:site', { onRequest: [loadSite], config: preflightDoc }, preflight);
  app.options('/v1/sites/:site/*', { onRequest: [loadSite], config: preflightDoc }, preflight);

  const siteDoc = {
    tags: ['Site'],
    summary: "The site's name, time zone and languages; tells a widget it found a buurtkit collector",
  } as const;
  app.get(
    '/v1/sites/:site',
    { onRequest: [loadSite], config: { ...siteDoc, response: siteInfoSchema } },
    async (request): Promise<SiteInfo> => {
      const site = request.site!;
      return {
        collector: 'buurtkit',
        protocolVersion: PROTOCOL_VERSION,
        slug: site.slug,
        name: site.name,
        timeZone: site.timeZone,
        locales: site.locales,
        ideaSort: site.settings.ideaSort,
      };
    },
  );

  const renderTokenDoc = {
    tags: ['Site'],
    summary: 'A render token for one submission: `{token, notBefore, expiresAt}`, good 2 s after issue for 24 h',
  } as const;
  const issueRenderToken = async (request: FastifyRequest, reply: FastifyReply): Promise<RenderTokenAnswer> => {
    reply.header('Cache-Control', 'no-store');
    return app.renderTokens.issue(request.site!.slug);
  };
  app.get('/v1/sites/:site/render-token', { onRequest: [loadSite, rateLimit('renderTokens')], config: renderTokenDoc }, issueRenderToken);
  app.get(
    LEGACY_RENDER_TOKEN_PATH,
    {
      onRequest: [loadSite, rateLimit('renderTokens')],
      config: {
        ...renderTokenDoc,
        summary: 'The earlier name of `/v1/sites/:site/render-token`, answered for one release',
        deprecated: true,
      },
    },
    issueRenderToken,
  );

  app.get(
    '/v1/sites/:site/pow-challenge',
    {
      onRequest: [loadSite, rateLimit('renderTokens')],
      config: { tags: ['Site'], summary: 'An ALTCHA proof-of-work challenge, for sites that ask for one (header `Buurtkit-Pow`)' },
    },
    async (request, reply): Promise<PowChallenge> => {
      reply.header('Cache-Control', 'no-store');
      return app.pow.issue(request.site!);
    },
  );
}
