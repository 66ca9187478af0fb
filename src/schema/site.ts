import { z } from 'zod';
import { IDEA_SORTS, PROTOCOL_VERSION } from './constants.js';

/**
 * `GET /v1/sites/:site`: public facts about a site. `collector` and `protocolVersion` let a widget
 * tell a buurtkit collector from any other endpoint before it shows read features.
 */
export const siteInfoSchema = z.object({
  collector: z.literal('buurtkit'),
  protocolVersion: z.literal(PROTOCOL_VERSION),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locales: z.array(z.string()),
  ideaSort: z.enum(IDEA_SORTS),
});

export type SiteInfo = z.infer<typeof siteInfoSchema>;
