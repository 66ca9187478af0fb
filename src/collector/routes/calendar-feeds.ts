/**
 * Coordinator routes for a site's calendar feeds (see ../calendar-feeds.ts):
 * - `GET …/calendar-feeds` (`read`): `{feeds}`;
 * - `PUT …/calendar-feeds` (`moderate`) `{feeds: [url…]}`: replaces the list (audited);
 * - `POST …/calendar-feeds/refresh` (`moderate`): fetches and imports them now, `{results}`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toFieldIssues } from '../../schema/index.js';
import { refreshCalendarFeeds } from '../calendar-feeds.js';
import { siteChangesSchema } from '../sites.js';
import { hostProblem } from '../webhooks/address.js';
import type { SendOptions } from '../webhooks/send.js';
import type { RouteContext } from './context.js';
import { authoriser, rejectCrossSite } from './guards.js';
import { invalid, requireJson } from './public.js';

const feedsBodySchema = z.strictObject({ feeds: z.array(z.string()) });

export function registerCalendarFeedRoutes(app: FastifyInstance, ctx: RouteContext, outgoing: SendOptions = {}): void {
  const authorise = authoriser(ctx);
  const base = '/v1/admin/sites/:site/calendar-feeds';

  app.get(base, { onRequest: [authorise('read')] }, async (request) => ({ feeds: request.site!.settings.calendarFeeds ?? [] }));

  app.put(base, { onRequest: [rejectCrossSite, authorise('moderate'), requireJson] }, async (request) => {
    const body = feedsBodySchema.safeParse(request.body);
    if (!body.success) throw invalid(toFieldIssues(body.error));
    const checked = siteChangesSchema.safeParse({ settings: { calendarFeeds: [...new Set(body.data.feeds.map((f) => f.trim()))] } });
    if (!checked.success) {
      throw invalid(checked.error.issues.map((i) => ({ path: ['feeds', ...i.path.slice(2)].join('.'), message: i.message, code: i.code })));
    }
    // The addresses too, so a coordinator hears at once; every fetch checks again (DNS can change).
    const urls = checked.data.settings?.calendarFeeds ?? [];
    const problems = await Promise.all(urls.map((u) => hostProblem(new URL(u), outgoing.allowPrivateNetworks ?? false)));
    const issues = problems.flatMap((problem, n) =>
      problem ? [{ path: `feeds.${n}`, message: `The address ${problem}`, code: 'blocked_address' }] : [],
    );
    if (issues.length) throw invalid(issues);
    const site = (await ctx.store.updateSite(request.site!.slug, checked.data))!;
    const feeds = site.settings.calendarFeeds ?? [];
    await ctx.store.audit({
      at: ctx.now().toISOString(),
      site: site.slug,
      actor: request.token!.prefix,
      action: 'activity.feeds',
      target: null,
      rowCount: feeds.length,
    });
    return { feeds };
  });

  app.post(`${base}/refresh`, { onRequest: [rejectCrossSite, authorise('moderate')] }, async (request) => ({
    results: await refreshCalendarFeeds(ctx.store, request.site!, { ...outgoing, now: ctx.now, actor: request.token!.prefix }),
  }));
}
