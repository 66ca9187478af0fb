/**
 * The audit log of a site for coordinators: `GET /v1/admin/sites/:site/audit` with the
 * `admin` scope, newest first. `?action=export` keeps entries whose action starts with that prefix
 * (`export` matches `export.ideas`, `export.poll-results`, …); `?limit` (1–1000, default 100).
 * Reading the log is not itself logged: it holds no personal data, only token prefixes and counts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorise } from './guards.js';
import type { ZodTypeProvider } from '../zod-provider.js';

const auditQuerySchema = z.strictObject({
  action: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const doc = {
    tags: ['Privacy'],
    summary: "The site's audit log, newest first; `action` keeps the entries whose action starts with it",
  } as const;
  api.get(
    '/v1/admin/sites/:site/audit',
    { onRequest: [authorise('admin')], schema: { querystring: auditQuerySchema }, config: doc },
    async (request) => {
      const { action, limit } = request.query;
      // The store lists oldest first (insertion order); the newest are wanted, so read from the end.
      const all = await app.store.audit.list(request.site!.slug);
      const entries = [];
      for (let i = all.length - 1; i >= 0 && entries.length < limit; i--) {
        const e = all[i]!;
        if (action === undefined || e.action.startsWith(action)) {
          entries.push({ at: e.at, actor: e.actor, action: e.action, target: e.target, rowCount: e.rowCount });
        }
      }
      return { entries };
    },
  );
}
