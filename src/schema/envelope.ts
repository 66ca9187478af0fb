import { z } from 'zod';
import { PROTOCOL_VERSION, SITE_SLUG_PATTERN, WIDGETS } from './constants.js';
import { UUID_V7_PATTERN } from './ids.js';

/** A visitor's consent to being contacted, with the version of the text they saw. */
export const consentSchema = z.strictObject({
  textVersion: z.string().min(1).max(64),
  givenAt: z.iso.datetime({ offset: true }),
});

/** Spam signals sent along with every submission; see the collector's guards. */
export const trapSchema = z.strictObject({
  /** A field hidden from people; anything in it means a bot filled the form. */
  honeypot: z.string().max(500),
  /** Milliseconds between the form first rendering and the submit, measured by the browser. */
  elapsedMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600 * 1000),
});

export const siteSlugSchema = z.string().regex(SITE_SLUG_PATTERN, 'Invalid site slug');
export const submissionIdSchema = z.string().regex(UUID_V7_PATTERN, 'Must be a UUIDv7');

/**
 * The one envelope every widget posts. `data` is checked per widget by `envelopeFor()`;
 * the base schema only says it is an object.
 */
export const envelopeBaseSchema = z.strictObject({
  id: submissionIdSchema,
  site: siteSlugSchema,
  widget: z.enum(WIDGETS),
  schemaVersion: z.literal(PROTOCOL_VERSION),
  sentAt: z.iso.datetime({ offset: true }),
  locale: z
    .string()
    .min(2)
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Invalid locale'),
  consent: consentSchema.optional(),
  data: z.record(z.string(), z.unknown()),
  trap: trapSchema,
});

/** An envelope whose `data` must match the given widget payload schema. */
export function envelopeFor<T extends z.ZodType>(data: T) {
  return envelopeBaseSchema.extend({ data });
}

/** A field issue as the collector returns it in a 422 body; `path` is dot-joined (`data.text`). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
});

export type Consent = z.infer<typeof consentSchema>;
export type Trap = z.infer<typeof trapSchema>;
export type FieldIssue = z.infer<typeof fieldIssueSchema>;
export type EnvelopeBase = z.infer<typeof envelopeBaseSchema>;

/** The envelope type with a typed payload, for widget code that imports types only. */
export type Envelope<D> = Omit<EnvelopeBase, 'data'> & { data: D };

/** Turn zod issues into the 422 wire format. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}
