/**
 * The routes widgets call from other people's websites: site info, submissions, the public idea
 * list and votes. CORS is an exact-match allow-list per site; nothing here needs a token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  PROTOCOL_VERSION,
  isUuidV7,
  publishedIdeaListSchema,
  siteInfoSchema,
  voteReceiptSchema,
  toFieldIssues,
  voteSubmissionSchema,
  type FieldIssue,
  type SiteInfo,
} from '../../schema/index.js';
import { LEGACY_RENDER_TOKEN_PATH, type RenderTokenAnswer } from '../render-token.js';
import type { PowChallenge } from '../pow.js';
import { ApiError, answerPreflight, invalid } from '../http.js';
import type { RateKind } from '../rate-limit.js';
import { registerSubmissionRoute } from '../submissions/pipeline.js';
import type { RouteContext } from './context.js';
import { publicSite, rateLimit, requireJson } from './guards.js';
import { isOriginAllowed } from '../sites.js';

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerPublicRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  /** First hook of every public route: the site must exist, and a foreign origin may not write. */
  const loadSite = publicSite(ctx);

  const rateLimited = (kind: RateKind) => rateLimit(ctx, kind);

  /**
   * Any website's preflight passes (the request after it is refused readably when the site is
   * unknown or the website not allowed; see `publicSite`); only an allowed website may reach a
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
    return ctx.renderTokens.issue(request.site!.slug);
  };
  app.get('/v1/sites/:site/render-token', { onRequest: [loadSite, rateLimited('renderTokens')], config: renderTokenDoc }, issueRenderToken);
  app.get(
    LEGACY_RENDER_TOKEN_PATH,
    {
      onRequest: [loadSite, rateLimited('renderTokens')],
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
      onRequest: [loadSite, rateLimited('renderTokens')],
      config: { tags: ['Site'], summary: 'An ALTCHA proof-of-work challenge, for sites that ask for one (header `Buurtkit-Pow`)' },
    },
    async (request, reply): Promise<PowChallenge> => {
      reply.header('Cache-Control', 'no-store');
      return ctx.pow.issue(request.site!);
    },
  );

  registerSubmissionRoute(app, ctx);

  const ideasDoc = {
    tags: ['Ideas'],
    summary: "Published ideas with their votes and public answers, never names or contact details; the site's order",
    query: listQuerySchema,
    response: publishedIdeaListSchema,
  } as const;
  app.get('/v1/sites/:site/ideas', { onRequest: [loadSite], config: ideasDoc }, async (request) => {
    const site = request.site!;
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) throw invalid(toFieldIssues(query.error));
    const sort = site.settings.ideaSort;
    return { ideas: await store.listPublishedIdeas(site.slug, sort, query.data.limit), sort };
  });

  const voteDoc = {
    tags: ['Submissions'],
    summary: 'A vote for a published idea: 201 counted, 200 a retry or this visitor already voted for it today',
    description: 'Header `Buurtkit-Render-Token`, as for submissions. 404 `idea_not_found`: no published idea with this id.',
    body: voteSubmissionSchema,
    response: voteReceiptSchema,
    status: 201,
  } as const;
  app.post(
    '/v1/sites/:site/ideas/:ideaId/votes',
    { onRequest: [loadSite, rateLimited('votes'), requireJson], config: voteDoc },
    async (request, reply) => {
      const site = request.site!;
      const { ideaId } = request.params as { ideaId: string };
      if (!isUuidV7(ideaId)) throw ideaNotFound();
      const parsed = voteSubmissionSchema.safeParse(request.body);
      if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
      const vote = parsed.data;
      const issues: FieldIssue[] = [];
      if (vote.site !== site.slug) {
        issues.push({ path: 'site', message: 'Does not match the site in the URL', code: 'site_mismatch' });
      }
      if (vote.data.ideaId !== ideaId) {
        issues.push({ path: 'data.ideaId', message: 'Does not match the idea in the URL', code: 'idea_mismatch' });
      }
      if (issues.length) throw invalid(issues);
      // The same protection as submissions: a render token per vote, spent once.
      if (ctx.renderTokenMode === 'required') await ctx.renderTokens.check(site.slug, request.headers, vote.id);
      if (vote.trap.honeypot.trim() !== '') {
        const idea = await store.getIdea(site.slug, ideaId);
        if (!idea?.published) throw ideaNotFound();
        return reply.code(201).send({ id: vote.id, votes: idea.votes });
      }
      // With render tokens off (trusted senders only), a relay may send many people's votes from one
      // address, so visitors are told apart only when tokens are required.
      const visitor = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
      if (ctx.renderTokenMode === 'required' && !(await ctx.voteVisitors.claim({ site: site.slug, ideaId, voteId: vote.id }, visitor))) {
        // This visitor already voted for the idea today: answered like a retry, nothing counted.
        const idea = await store.getIdea(site.slug, ideaId);
        if (!idea?.published) throw ideaNotFound();
        return reply.code(200).send({ id: vote.id, votes: idea.votes, status: 'duplicate' });
      }
      const result = await store.addVote({
        id: vote.id,
        site: site.slug,
        ideaId,
        createdAt: ctx.now().toISOString(),
      });
      if (result.outcome === 'not-found') throw ideaNotFound();
      return reply.code(result.outcome === 'created' ? 201 : 200).send({ id: vote.id, votes: result.votes });
    },
  );
}

function ideaNotFound(): ApiError {
  return new ApiError(404, 'idea_not_found', 'There is no published idea with this id');
}
