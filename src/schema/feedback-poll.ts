/**
 * `<feedback-poll>` on the wire: poll definitions as a coordinator stores them, and the
 * response payload. Answers are checked against the poll's definition with `pollResponseIssues`.
 */
import { z } from 'zod';
import { localDateSchema } from './activity.js';
import { envelopeFor } from './envelope.js';
import type { FieldIssue } from './envelope.js';
import {
  AGREEMENT_VALUES,
  DONT_KNOW,
  POLL_COMMENT_MAX,
  POLL_ID_PATTERN,
  POLL_KINDS,
  POLL_OPTIONS_MAX,
  POLL_RESPONDENT_TYPES,
  POLL_STATEMENTS_MAX,
  POLL_STORY_MAX,
  POLL_TEXT_MAX,
  answerValues,
  statementsOf,
  type PollDefinition,
} from './poll-constants.js';

export * from './poll-constants.js';

export const pollIdSchema = z.string().regex(POLL_ID_PATTERN, 'Lower-case letters, digits and dashes (at most 40)');
const pollText = z.string().trim().min(1).max(POLL_TEXT_MAX);
/** A text in Dutch, or in Dutch with English and Arabic; an empty translation is "not given". */
const localizedPollText = z.union([
  pollText,
  z.strictObject({
    nl: pollText,
    en: z
      .string()
      .trim()
      .max(POLL_TEXT_MAX)
      .optional()
      .transform((v) => v || undefined),
    ar: z
      .string()
      .trim()
      .max(POLL_TEXT_MAX)
      .optional()
      .transform((v) => v || undefined),
  }),
]);

/** Trims, and turns an empty string into "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.trim())
    .optional()
    .transform((v) => (v ? v : undefined));

export const pollDefinitionSchema = z
  .strictObject({
    id: pollIdSchema,
    kind: z.enum(POLL_KINDS),
    title: localizedPollText.optional(),
    question: localizedPollText.optional(),
    options: z
      .array(z.strictObject({ value: pollIdSchema, label: localizedPollText }))
      .min(2)
      .max(POLL_OPTIONS_MAX)
      .optional(),
    statements: z
      .array(z.strictObject({ id: pollIdSchema, text: localizedPollText, theme: z.string().trim().min(1).max(60).optional() }))
      .min(1)
      .max(POLL_STATEMENTS_MAX)
      .optional(),
    stem: localizedPollText.optional(),
    subject: z.string().trim().min(1).max(120).optional(),
    comment: z.boolean().optional(),
    respondentType: z.boolean().optional(),
    story: z.boolean().optional(),
    showResults: z.boolean().optional(),
    activityId: z.string().min(1).max(200).optional(),
    period: z.strictObject({ from: localDateSchema, to: localDateSchema }).optional(),
  })
  .superRefine((poll, ctx) => {
    if (poll.kind === 'choice' && !poll.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice poll needs at least two options' });
    }
    if (poll.kind !== 'choice' && poll.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a choice poll has options' });
    }
    if (poll.kind !== 'statements' && poll.statements) {
      ctx.addIssue({ code: 'custom', path: ['statements'], message: 'Only a statements poll has statements' });
    }
    if (poll.kind !== 'statements' && !poll.question) {
      ctx.addIssue({ code: 'custom', path: ['question'], message: 'A one-question poll needs its question' });
    }
    const unique = (path: string, ids: string[] | undefined) => {
      if (ids && new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: [path], message: 'Ids must be unique' });
    };
    unique(
      'options',
      poll.options?.map((o) => o.value),
    );
    unique(
      'statements',
      poll.statements?.map((s) => s.id),
    );
    if (poll.period && poll.period.to < poll.period.from) {
      ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: 'to comes before from' });
    }
  });

export const pollResponsePayloadSchema = z
  .strictObject({
    kind: z.literal('poll-response'),
    pollId: pollIdSchema,
    answer: z.string().min(1).max(40).optional(),
    statements: z
      .record(pollIdSchema, z.enum([...AGREEMENT_VALUES, DONT_KNOW]))
      .optional()
      .transform((s) => (s && Object.keys(s).length ? s : undefined)),
    comment: optionalText(POLL_COMMENT_MAX),
    respondentType: z.enum(POLL_RESPONDENT_TYPES).optional(),
    story: optionalText(POLL_STORY_MAX),
    activityId: z.string().min(1).max(200).optional(),
    mode: z.enum(['inline', 'kiosk']).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.answer === undefined && !r.statements && !r.comment && !r.story) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'Give an answer, a statement, a comment or a story' });
    }
  });

export const pollResponseSubmissionSchema = envelopeFor(pollResponsePayloadSchema).extend({
  widget: z.literal('feedback-poll'),
});

/** Checks a response's answers against its poll: known values, known statements, fields asked for. */
export function pollResponseIssues(poll: PollDefinition, r: PollResponse): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const values = answerValues(poll);
  if (r.answer !== undefined && !values.includes(r.answer)) {
    issues.push({ path: 'data.answer', message: 'Not an answer of this poll', code: 'unknown_answer' });
  }
  const ids = new Set(statementsOf(poll).map((s) => s.id));
  for (const id of Object.keys(r.statements ?? {})) {
    if (!ids.has(id)) issues.push({ path: `data.statements.${id}`, message: 'Not a statement of this poll', code: 'unknown_statement' });
  }
  const notAsked = (field: 'comment' | 'story' | 'respondentType') => {
    if (r[field] !== undefined && !poll[field]) {
      issues.push({ path: `data.${field}`, message: 'This poll does not ask for this', code: 'not_asked' });
    }
  };
  notAsked('comment');
  notAsked('story');
  notAsked('respondentType');
  return issues;
}

/** Query of results and reports: local dates in the site's zone, inclusive. */
export const periodQuerySchema = z.object({ from: localDateSchema.optional(), to: localDateSchema.optional() });

export type PollDefinitionInput = z.input<typeof pollDefinitionSchema>;
export type PollResponse = z.output<typeof pollResponsePayloadSchema>;
export type PollResponseSubmission = z.output<typeof pollResponseSubmissionSchema>;
