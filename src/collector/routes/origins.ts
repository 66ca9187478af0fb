/**
 * Coordinator routes for the websites that may use a site's widgets (its allowed origins), scope
 * `admin`, the same list `buurtkit-collector site update <slug> --add-origin …` edits:
 * - `GET …/settings/origins`: `{origins}`;
 * - `PUT …/settings/origins` `{origins: string[]}`: replaces the list (each normalised to scheme,
 *   host and port; a path or a non-http address is a 422 issue at its index), audited as
 *   `settings.origins`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { siteChangesSchema } from '../sites.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { invalid } from '../http.js';
import type { ZodTypeProvider } from '../zod-provider.js';

const bodySchema = z.strictObject({ origins: z.array(z.string()).max(50) });

export async function originRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/admin/sites/:site/settings/origins';

  const tags = ['Privacy'] as const;
  const readDoc = { tags, summary: "The websites allowed to use the site's widgets (CORS origins)" };
  app.get(base, { onRequest: [authorise('admin')], config: readDoc }, async (request) => ({ origins: request.site!.allowedOrigins }));

  const putDoc = {
    tags,
    summary: 'Replace the allowed websites; each is normalised to scheme, host and port (audited)',
  };
  api.put(
    base,
    { onRequest: [rejectCrossSite, authorise('admin'), requireJson], schema: { body: bodySchema }, config: putDoc },
    async (request) => {
      // The site settings' own check: each an origin only, normalised as browsers send it.
      const checked = siteChangesSchema.safeParse({ allowedOrigins: request.body.origins });
      if (!checked.success) {
        throw invalid(
          checked.error.issues.map((i) => ({
            path: ['origins', ...i.path.slice(1).map(String)].join('.'),
            message: i.message,
            code: i.code,
          })),
        );
      }
      const origins = [...new Set(checked.data.allowedOrigins!)];
      const site = (await app.store.access.updateSite(request.site!.slug, { allowedOrigins: origins }))!;
      await app.store.audit.append({
        at: app.now().toISOString(),
        site: site.slug,
        actor: request.token!.prefix,
        action: 'settings.origins',
        target: origins.join(' ') || 'none',
        rowCount: null,
      });
      return { origins: site.allowedOrigins };
    },
  );
}
