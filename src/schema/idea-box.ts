import { z } from 'zod';
import {
  CATEGORY_MAX,
  CONTACT_MAX,
  IDEA_STATUSES,
  IDEA_TEXT_MAX,
  IDEA_TEXT_MIN,
  NAME_MAX,
  PUBLIC_ANSWER_MAX,
  RESPONDENT_ROLES,
  STATUS_REASON_MAX,
  isPlausibleContact,
} from './constants.js';
import { envelopeFor, submissionIdSchema } from './envelope.js';

/** Trims, and turns an empty string into "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.trim())
    .optional()
    .transform((v) => (v ? v : undefined));

/** The payload of a new idea (widget `idea-box`, kind `idea`). */
export const ideaPayloadSchema = z.strictObject({
  kind: z.literal('idea'),
  text: z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().min(IDEA_TEXT_MIN).max(IDEA_TEXT_MAX)),
  category: optionalText(CATEGORY_MAX),
  role: z.enum(RESPONDENT_ROLES).optional(),
  wantsToHelp: z.boolean().default(false),
  name: optionalText(NAME_MAX),
  contact: optionalText(CONTACT_MAX).refine((v) => v === undefined || isPlausibleContact(v), {
    message: 'Enter an e-mail address or a phone number',
  }),
});

/** An upvote of a published idea (widget `idea-box`, kind `vote`). The envelope id is the vote id. */
export const votePayloadSchema = z.strictObject({
  kind: z.literal('vote'),
  ideaId: submissionIdSchema,
});

/** An idea submission: contact details are only accepted together with consent. */
export const ideaSubmissionSchema = envelopeFor(ideaPayloadSchema)
  .extend({ widget: z.literal('idea-box') })
  .superRefine((envelope, ctx) => {
    if (envelope.data.contact && !envelope.consent) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent'],
        message: 'Consent is required when contact details are given',
      });
    }
  });

export const voteSubmissionSchema = envelopeFor(votePayloadSchema).extend({
  widget: z.literal('idea-box'),
});

/** What a coordinator may change on an idea. */
export const ideaModerationSchema = z
  .strictObject({
    published: z.boolean().optional(),
    status: z.enum(IDEA_STATUSES).optional(),
    statusReason: z.string().max(STATUS_REASON_MAX).nullable().optional(),
    publicAnswer: z.string().max(PUBLIC_ANSWER_MAX).nullable().optional(),
  })
  .superRefine((m, ctx) => {
    if (Object.keys(m).length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to change' });
    }
  });

/** A published idea as the public list shows it: never a name or contact detail. */
export const publishedIdeaSchema = z.object({
  id: submissionIdSchema,
  text: z.string(),
  category: z.string().nullable(),
  status: z.enum(IDEA_STATUSES),
  statusReason: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  votes: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const publishedIdeaListSchema = z.object({
  ideas: z.array(publishedIdeaSchema),
  sort: z.enum(['newest', 'votes']),
});

export type IdeaPayloadInput = z.input<typeof ideaPayloadSchema>;
export type IdeaPayload = z.output<typeof ideaPayloadSchema>;
export type VotePayload = z.infer<typeof votePayloadSchema>;
export type IdeaSubmission = z.output<typeof ideaSubmissionSchema>;
export type VoteSubmission = z.output<typeof voteSubmissionSchema>;
export type IdeaModeration = z.infer<typeof ideaModerationSchema>;
export type PublishedIdea = z.infer<typeof publishedIdeaSchema>;
export type PublishedIdeaList = z.infer<typeof publishedIdeaListSchema>;
