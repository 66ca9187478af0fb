/**
 * Coordinator routes for a site's calendar feeds (see ../calendar-feeds.ts):
 * - `GET …/calendar-feeds` (`read`): `{feeds}`;
 * - `PUT …/calendar-feeds` (`moderate`) `{feeds: [url…]}`: replaces the list (audited);
 * - `POST …/calendar-feeds/refresh` (`moderate`): fetches and imports them now, `{results}`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { refreshCalendarFeeds } from '../calendar-feeds.js';
import { siteChangesSchema } from '../sites.js';
import { hostProblem } from '../webhooks/address.js';
import type { SendOptions } from '../webhooks/send.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { invalid } from '../http.js';
import type { ZodTypeProvider } from '../zod-provider.js';

const feedsBodySchema = z.strictObject({ feeds: z.array(z.string()) });

export async function calendarFeedRoutes(app: FastifyInstance, outgoing: SendOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/admin/sites/:site/calendar-feeds';

  const tags = ['Activities'] as const;
  const readDoc = { tags, summary: "The site's calendar feeds: public ICS addresses the calendar is filled from" };
  app.get(base, { onRequest: [authorise('read')], config: readDoc }, async (request) => ({
    feeds: request.site!.settings.calendarFeeds ?? [],
  }));

  const putDoc = {
    tags,
    summary: 'Replace the calendar feeds (at most 5, http(s); private or reserved addresses refused with `blocked_address`; audited)',
  };
  api.put(
    base,
    { onRequest: [rejectCrossSite, authorise('moderate'), requireJson], schema: { body: feedsBodySchema }, config: putDoc },
    async (request) => {
      const checked = siteChangesSchema.safeParse({ settings: { calendarFeeds: [...new Set(request.body.feeds.map((f) => f.trim()))] } });
      if (!checked.success) {
        throw invalid(
          checked.error.issues.map((i) => ({ path: ['feeds', ...i.path.slice(2)].join('.'), message: i.message, code: i.code })),
        );
      }
      // The addresses too, so a coordinator hears at once; every fetch checks again (DNS can change).
      const urls = checked.data.settings?.calendarFeeds ?? [];
      const problems = await Promise.all(urls.map((u) => hostProblem(new URL(u), outgoing.allowPrivateNetworks ?? false)));
      const issues = problems.flatMap((problem, n) =>
        problem ? [{ path: `feeds.${n}`, message: `The address ${problem}`, code: 'blocked_address' }] : [],
      );
      if (issues.length) throw invalid(issues);
      const site = (await app.store.access.updateSite(request.site!.slug, checked.data))!;
      const feeds = site.settings.calendarFeeds ?? [];
      await app.store.audit.append({
        at: app.now().toISOString(),
        site: site.slug,
        actor: request.token!.prefix,
        action: 'activity.feeds',
        target: null,
        rowCount: feeds.length,
      });
      return { feeds };
    },
  );

  const refreshDoc = { tags, summary: 'Fetch every feed now and upsert its events by UID; a result per feed (audited)' };
  app.post(`${base}/refresh`, { onRequest: [rejectCrossSite, authorise('moderate')], config: refreshDoc }, async (request) => ({
    results: await refreshCalendarFeeds(app.store, request.site!, { ...outgoing, now: app.now, actor: request.token!.prefix }),
  }));
}
