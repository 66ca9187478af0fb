/**
 * The idea box's public side: the published ideas with their votes, and a vote for one. Ideas
 * themselves arrive as submissions (submissions/idea-box.ts); coordinators moderate in admin.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publishedIdeaListSchema, voteReceiptSchema, voteSubmissionSchema, type FieldIssue } from '../../schema/index.js';
import { ApiError, invalid } from '../http.js';
import { loadSite, rateLimit, requireJson } from './guards.js';
import { pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function publicIdeaRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;

  const ideasDoc = {
    tags: ['Ideas'],
    summary: "Published ideas with their votes and public answers, never names or contact details; the site's order",
    response: publishedIdeaListSchema,
  } as const;
  api.get(
    '/v1/sites/:site/ideas',
    { onRequest: [loadSite], schema: { querystring: listQuerySchema }, config: ideasDoc },
    async (request) => {
      const site = request.site!;
      const sort = site.settings.ideaSort;
      return { ideas: await store.ideas.listPublished(site.slug, sort, request.query.limit), sort };
    },
  );

  const voteDoc = {
    tags: ['Submissions'],
    summary: 'A vote for a published idea: 201 counted, 200 a retry or this visitor already voted for it today',
    description: 'Header `Buurtkit-Render-Token`, as for submissions. 404 `idea_not_found`: no published idea with this id.',
    response: voteReceiptSchema,
    status: 201,
  } as const;
  // Params are validated before the body: an id that cannot exist is a 404 whatever the body says.
  const voteParams = pathParams({ ideaId: uuidV7Param }, ideaNotFound);
  api.post(
    '/v1/sites/:site/ideas/:ideaId/votes',
    {
      onRequest: [loadSite, rateLimit('votes'), requireJson],
      schema: { params: voteParams, body: voteSubmissionSchema },
      config: voteDoc,
    },
    async (request, reply) => {
      const site = request.site!;
      const { ideaId } = request.params;
      const vote = request.body;
      const issues: FieldIssue[] = [];
      if (vote.site !== site.slug) {
        issues.push({ path: 'site', message: 'Does not match the site in the URL', code: 'site_mismatch' });
      }
      if (vote.data.ideaId !== ideaId) {
        issues.push({ path: 'data.ideaId', message: 'Does not match the idea in the URL', code: 'idea_mismatch' });
      }
      if (issues.length) throw invalid(issues);
      // The same protection as submissions: a render token per vote, spent once.
      if (app.renderTokenMode === 'required') await app.renderTokens.check(site.slug, request.headers, vote.id);
      if (vote.trap.honeypot.trim() !== '') {
        const idea = await store.ideas.get(site.slug, ideaId);
        if (!idea?.published) throw ideaNotFound();
        return reply.code(201).send({ id: vote.id, votes: idea.votes });
      }
      // With render tokens off (trusted senders only), a relay may send many people's votes from one
      // address, so visitors are told apart only when tokens are required.
      const visitor = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
      if (app.renderTokenMode === 'required' && !(await app.voteVisitors.claim({ site: site.slug, ideaId, voteId: vote.id }, visitor))) {
        // This visitor already voted for the idea today: answered like a retry, nothing counted.
        const idea = await store.ideas.get(site.slug, ideaId);
        if (!idea?.published) throw ideaNotFound();
        return reply.code(200).send({ id: vote.id, votes: idea.votes, status: 'duplicate' });
      }
      const result = await store.ideas.addVote({
        id: vote.id,
        site: site.slug,
        ideaId,
        createdAt: app.now().toISOString(),
      });
      if (result.outcome === 'not-found') throw ideaNotFound();
      return reply.code(result.outcome === 'created' ? 201 : 200).send({ id: vote.id, votes: result.votes });
    },
  );
}

function ideaNotFound(): ApiError {
  return new ApiError(404, 'idea_not_found', 'There is no published idea with this id');
}
