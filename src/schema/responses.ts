import { z } from 'zod';
import { fieldIssueSchema, submissionIdSchema } from './envelope.js';

/** `201`/`200` answer to `POST /v1/sites/:site/submissions`. */
export const submissionReceiptSchema = z.object({
  id: submissionIdSchema,
  status: z.enum(['received', 'duplicate']),
});

/** `201`/`200` answer to a vote: the vote id and the idea's vote count after it. */
export const voteReceiptSchema = z.object({
  id: submissionIdSchema,
  votes: z.number().int().min(0),
});

/** Every error the collector answers: a stable machine code, an English message, 422 issues. */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});

export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;
export type VoteReceipt = z.infer<typeof voteReceiptSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
