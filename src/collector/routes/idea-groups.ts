/**
 * Coordinator routes that cluster ideas: merging duplicates into one idea (and
 * undoing it) and tagging recurring wishes. Same guards as the moderation PATCH: a moderate token,
 * JSON bodies, no requests from other websites; every change is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  IDEA_TAGS_MAX,
  ideaMergeSchema,
  ideaTagChangeSchema,
  ideaTagCountsSchema,
  type AdminIdea,
  type FieldIssue,
  type IdeaTagCount,
} from '../../schema/index.js';
import { ApiError, invalid } from '../http.js';
import type { MergeProblem } from '../store/types.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { pathParams, uuidV7Param, type ZodTypeProvider } from '../zod-provider.js';

const MERGE_PROBLEMS: Record<MergeProblem, { code: string; message: string }> = {
  'same-as-target': { code: 'same_as_target', message: 'An idea cannot be merged into itself' },
  'not-found': { code: 'idea_not_found', message: 'There is no idea with this id' },
  'merged-elsewhere': { code: 'merged_elsewhere', message: 'This idea is already merged into another idea; undo that first' },
  'has-merged-ideas': {
    code: 'has_merged_ideas',
    message: 'Other ideas are merged into this idea; merge the other idea into this one instead',
  },
};

const notFound = () => new ApiError(404, 'idea_not_found', 'There is no idea with this id');
// Params are validated before the body: an id that cannot exist is a 404 whatever the body says.
const ideaParams = pathParams({ ideaId: uuidV7Param }, notFound);

export async function ideaGroupRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app;
  const change = { onRequest: [rejectCrossSite, authorise('moderate'), requireJson] };

  const audit = (request: FastifyRequest, action: string, target: string, at: Date) =>
    store.audit.append({ at: at.toISOString(), site: request.site!.slug, actor: request.token!.prefix, action, target, rowCount: 1 });

  // Merges the listed duplicates into the idea in the URL; answers that idea.
  const tags = ['Ideas'] as const;
  const mergeDoc = {
    tags,
    summary: 'Merge duplicate ideas into this one, all or nothing: they leave the public list and their votes count here (audited)',
  };
  const mergeOptions = { ...change, schema: { params: ideaParams, body: ideaMergeSchema }, config: mergeDoc };
  api.post('/v1/admin/sites/:site/ideas/:ideaId/merge', mergeOptions, async (request): Promise<AdminIdea> => {
    const target = request.params.ideaId;
    const ids = request.body.ideas;
    const now = app.now();
    const result = await store.ideas.merge(request.site!.slug, target, ids, now.toISOString());
    switch (result.outcome) {
      case 'target-not-found':
        throw notFound();
      case 'target-merged':
        throw invalid([
          {
            path: '',
            code: 'target_merged',
            message: `This idea is merged into ${result.mergedInto}; merge into that idea instead`,
          },
        ]);
      case 'rejected':
        throw invalid(
          result.problems.map(({ id, problem }): FieldIssue => ({ path: `ideas.${ids.indexOf(id)}`, ...MERGE_PROBLEMS[problem] })),
        );
      case 'merged':
        // One row per duplicate, so the log says which idea went where.
        for (const id of result.merged) await audit(request, 'idea.merge', `${id} into ${target}`, now);
        return result.idea;
    }
  });

  const unmergeDoc = { tags, summary: 'Undo the merge of this idea into another; 422 `not_merged` when it is not merged (audited)' };
  const unmergeOptions = { ...change, schema: { params: ideaParams }, config: unmergeDoc };
  api.post('/v1/admin/sites/:site/ideas/:ideaId/unmerge', unmergeOptions, async (request): Promise<AdminIdea> => {
    const id = request.params.ideaId;
    const now = app.now();
    const done = await store.ideas.unmerge(request.site!.slug, id, now.toISOString());
    if (!done) {
      if (!(await store.ideas.get(request.site!.slug, id))) throw notFound();
      throw invalid([{ path: '', code: 'not_merged', message: 'This idea is not merged into another idea' }]);
    }
    await audit(request, 'idea.unmerge', `${id} from ${done.from}`, now);
    return done.idea;
  });

  // Adds and removes tags in one request, so a chip input sends exactly what changed.
  const tagsDoc = { tags, summary: "Add or remove an idea's tags (normalised, never public; audited)" };
  const tagsOptions = { ...change, schema: { params: ideaParams, body: ideaTagChangeSchema }, config: tagsDoc };
  api.post('/v1/admin/sites/:site/ideas/:ideaId/tags', tagsOptions, async (request): Promise<AdminIdea> => {
    const id = request.params.ideaId;
    const site = request.site!.slug;
    const idea = await store.ideas.get(site, id);
    if (!idea) throw notFound();
    const after = new Set(idea.tags.filter((t) => !request.body.remove.includes(t)));
    for (const tag of request.body.add) after.add(tag);
    if (after.size > IDEA_TAGS_MAX) {
      throw invalid([{ path: 'add', code: 'too_many_tags', message: `An idea has at most ${IDEA_TAGS_MAX} tags` }]);
    }
    const now = app.now();
    const changed = await store.ideas.changeTags(site, id, request.body, now.toISOString());
    if (!changed) throw notFound();
    await audit(request, 'idea.tags', id, now);
    return changed;
  });

  // Every tag used on the site with how many ideas it covers: for autocomplete and the overview.
  const countsDoc = { tags, summary: 'Every tag with its number of ideas, most first', response: ideaTagCountsSchema };
  app.get(
    '/v1/admin/sites/:site/tags',
    { onRequest: [authorise('read')], config: countsDoc },
    async (request): Promise<{ tags: IdeaTagCount[] }> => {
      return { tags: await store.ideas.listTags(request.site!.slug) };
    },
  );
}
