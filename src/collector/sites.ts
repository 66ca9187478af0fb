/** Checks for site settings entered by an operator (CLI now, admin API later). */
import { z } from 'zod';
import {
  DEFAULT_RETENTION,
  IDEA_SORTS,
  OFFER_HOURS_MAX,
  RETENTION_MONTHS_MAX,
  RETENTION_MONTHS_MIN,
  SITE_SLUG_PATTERN,
} from '../schema/index.js';
import { POW_MAX_NUMBER_LIMIT } from './pow.js';
import type { NewSite, Site, SiteChanges } from './store/types.js';
import { webhookUrlProblem } from './webhooks/send.js';

/** Calendar feeds one site may have fetched. */
export const MAX_CALENDAR_FEEDS = 5;

/**
 * An origin as browsers send it in the `Origin` header: scheme, host and a non-default port, no
 * path. Origins are compared by exact string match, so they are normalised once, here.
 */
export function normaliseOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input}" is not a URL; give an origin such as https://www.example.nl`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`"${input}" must start with https:// or http://`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new Error(`"${input}" must be an origin only (scheme, host and port), without a path`);
  }
  return url.origin;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Months per kind of data; see `DEFAULT_RETENTION` for the keys and their defaults. */
export const retentionSchema = z
  .strictObject(
    Object.fromEntries(
      Object.keys(DEFAULT_RETENTION).map((key) => [key, z.number().int().min(RETENTION_MONTHS_MIN).max(RETENTION_MONTHS_MAX)]),
    ) as Record<keyof typeof DEFAULT_RETENTION, z.ZodNumber>,
  )
  .partial();

const siteFields = {
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((v) => !v.includes('\u0000'), 'Contains a NUL character'),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone'),
  locales: z.array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Invalid locale')).min(1),
  allowedOrigins: z.array(
    z.string().transform((v, ctx) => {
      try {
        return normaliseOrigin(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  ),
  settings: z
    .strictObject({
      ideaSort: z.enum(IDEA_SORTS),
      retention: retentionSchema,
      /** `<volunteer-signup>`: show today's host's first name publicly; hours a promoted person has to confirm. */
      volunteer: z.strictObject({ showHostName: z.boolean(), offerHours: z.number().int().min(1).max(OFFER_HOURS_MAX) }).partial(),
      /** Public ICS feed addresses fetched into the calendar (see calendar-feeds.ts). */
      calendarFeeds: z
        .array(
          z.string().superRefine((v, ctx) => {
            const problem = webhookUrlProblem(v);
            if (problem) ctx.addIssue({ code: 'custom', message: `The address ${problem}` });
          }),
        )
        .max(MAX_CALENDAR_FEEDS),
      /** Proof-of-work for public submissions (pow.ts); null turns it off. */
      proofOfWork: z.strictObject({ maxNumber: z.number().int().min(1).max(POW_MAX_NUMBER_LIMIT) }).nullable(),
    })
    .partial(),
};

export const newSiteSchema = z.strictObject({
  slug: z.string().regex(SITE_SLUG_PATTERN, 'Use lower-case letters, digits and dashes'),
  ...siteFields,
  timeZone: siteFields.timeZone.optional(),
  locales: siteFields.locales.optional(),
  allowedOrigins: siteFields.allowedOrigins.optional(),
  settings: siteFields.settings.optional(),
});

export const siteChangesSchema = z.strictObject(siteFields).partial();

export function parseNewSite(input: unknown): NewSite {
  return newSiteSchema.parse(input);
}

export function parseSiteChanges(input: unknown): SiteChanges {
  return siteChangesSchema.parse(input);
}

export function isOriginAllowed(site: Site, origin: string): boolean {
  return site.allowedOrigins.includes(origin);
}
