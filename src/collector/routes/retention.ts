/**
 * Coordinator routes for a site's retention periods (one of the privacy tasks), scope `admin`:
 * - `GET …/settings/retention`: the periods in force, the site's own ones, the defaults and bounds,
 *   and per rule what is removed (`{key, action, what}`);
 * - `PUT …/settings/retention` `{<key>: months, …}`: replaces the site's own periods (a key left
 *   out goes back to its default), audited as `settings.retention`;
 * - `POST …/settings/retention/purge` `{dryRun}`: what the purge removes now (dry run: nothing is
 *   changed or audited), or runs it for this site (one audit row per rule, as the daily purge).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFAULT_RETENTION, RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX, type FieldIssue } from '../../schema/index.js';
import { purge, RETENTION_RULES, retentionOf } from '../privacy/retention.js';
import { retentionSchema, siteChangesSchema } from '../sites.js';
import type { Site } from '../store/types.js';
import { authorise, rejectCrossSite, requireJson } from './guards.js';
import { invalid } from '../http.js';
import type { ZodTypeProvider } from '../zod-provider.js';

const purgeBodySchema = z.strictObject({ dryRun: z.boolean() });

/** Issues of the site settings' check with the body's paths; an unknown key is an issue at that key. */
function bodyIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.slice(2).map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: 'Not a kind of data with a retention period',
        code: issue.code,
      }));
    }
    return [{ path: path.join('.'), message: issue.message, code: issue.code }];
  });
}

/** What the page needs to show and change a site's periods. */
function retentionView(site: Site) {
  return {
    retention: retentionOf(site),
    custom: site.settings.retention ?? {},
    defaults: DEFAULT_RETENTION,
    min: RETENTION_MONTHS_MIN,
    max: RETENTION_MONTHS_MAX,
    rules: RETENTION_RULES.map(({ key, action, what }) => ({ key, action, what })),
  };
}

export async function retentionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/admin/sites/:site/settings/retention';

  const tags = ['Privacy'] as const;
  const readDoc = { tags, summary: "Retention: the periods in force, the site's own, the defaults and bounds, and what each rule removes" };
  app.get(base, { onRequest: [authorise('admin')], config: readDoc }, async (request) => retentionView(request.site!));

  const putDoc = {
    tags,
    summary: "Replace the site's own retention periods in whole months; a key left out goes back to its default (audited)",
    body: retentionSchema,
  };
  app.put(base, { onRequest: [rejectCrossSite, authorise('admin'), requireJson], config: putDoc }, async (request) => {
    // The site settings' own check (whole months within bounds, known keys), its paths made the body's.
    const checked = siteChangesSchema.safeParse({ settings: { retention: request.body } });
    if (!checked.success) throw invalid(bodyIssues(checked.error));
    const retention = checked.data.settings!.retention!;
    const site = (await app.store.access.updateSite(request.site!.slug, { settings: { retention } }))!;
    await audit(
      request,
      'settings.retention',
      Object.entries(retention)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || 'defaults',
    );
    return retentionView(site);
  });

  const purgeDoc = {
    tags,
    summary: 'What the purge removes now per rule (dry run: nothing changed), or run it for this site (audited per rule)',
  };
  api.post(
    `${base}/purge`,
    { onRequest: [rejectCrossSite, authorise('admin'), requireJson], schema: { body: purgeBodySchema }, config: purgeDoc },
    async (request) => {
      const lines = await purge(app.store, {
        now: app.now(),
        site: request.site!.slug,
        dryRun: request.body.dryRun,
        actor: request.token!.prefix,
      });
      return { dryRun: request.body.dryRun, lines: lines.map(({ site: _site, ...line }) => line) };
    },
  );

  function audit(request: FastifyRequest, action: string, target: string) {
    const at = app.now().toISOString();
    return app.store.audit.append({ at, site: request.site!.slug, actor: request.token!.prefix, action, target, rowCount: null });
  }
}
