/**
 * The welcome intake protocol: the flow definition a coordinator may store, and the
 * payload `<welcome-intake>` sends. Shapes here (zod, collector side); the rules both sides apply
 * live in the zod-free `welcome-intake-flow.ts`.
 */
import { z } from 'zod';
import { envelopeFor } from './envelope.js';
import {
  INTAKE_CONTACT_CHANNELS,
  INTAKE_CONTACT_DETAIL_MAX,
  INTAKE_ERROR_MESSAGES,
  INTAKE_ID_PATTERN,
  INTAKE_LABEL_MAX,
  INTAKE_LONG_TEXT_MAX,
  INTAKE_MAX_OPTIONS,
  INTAKE_MAX_QUESTIONS,
  INTAKE_MAX_STEPS,
  INTAKE_QUESTION_TYPES,
  INTAKE_SHORT_TEXT_MAX,
  INTAKE_VISIBILITIES,
  flowIssues,
  validateAnswers,
  type IntakeFlow,
} from './welcome-intake-flow.js';

import { SEALED_INTAKE_MAX } from './sealed-intake.js';

export * from './welcome-intake-flow.js';
export * from './sealed-intake.js';
export { DEFAULT_INTAKE_FLOW } from './welcome-intake-default.js';

const intakeId = z.string().regex(INTAKE_ID_PATTERN, 'Lower-case letters, digits and dashes; starts with a letter');
const text = z.string().trim().min(1).max(INTAKE_LABEL_MAX);
/** One text, or one per language tag. */
export const localTextSchema = z.union([
  text,
  z
    .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'A language tag such as nl or en'), text)
    .refine((r) => Object.keys(r).length > 0, 'Give at least one language'),
]);

export const intakeConditionSchema = z.strictObject({
  question: intakeId,
  anyOf: z.array(z.string().min(1).max(40)).min(1).max(INTAKE_MAX_OPTIONS).optional(),
  answered: z.boolean().optional(),
});

export const intakeOptionSchema = z.strictObject({
  value: intakeId,
  label: localTextSchema,
  icon: z.string().min(1).max(16).optional(),
  match: z
    .strictObject({
      categories: z.array(z.string().min(1).max(60)).max(20).optional(),
      audiences: z.array(z.string().min(1).max(60)).max(20).optional(),
    })
    .optional(),
});

export const intakeQuestionSchema = z.strictObject({
  id: intakeId,
  type: z.enum(INTAKE_QUESTION_TYPES),
  label: localTextSchema,
  hint: localTextSchema.optional(),
  options: z.array(intakeOptionSchema).max(INTAKE_MAX_OPTIONS).optional(),
  sensitive: z.boolean().optional(),
  showIf: intakeConditionSchema.optional(),
});

export const intakeStepSchema = z.strictObject({
  id: intakeId,
  title: localTextSchema,
  intro: localTextSchema.optional(),
  questions: z.array(intakeQuestionSchema).min(1).max(INTAKE_MAX_QUESTIONS),
  showIf: intakeConditionSchema.optional(),
});

/** A flow as a coordinator sends it: the collector sets `version`, so it may be left out. */
export const intakeFlowSchema = z
  .strictObject({
    id: intakeId,
    version: z.number().int().min(0).max(1_000_000).default(0),
    title: localTextSchema.optional(),
    intro: localTextSchema.optional(),
    contactPerson: localTextSchema.optional(),
    steps: z.array(intakeStepSchema).min(1).max(INTAKE_MAX_STEPS),
  })
  .superRefine((flow, ctx) => {
    if (flow.steps.reduce((n, s) => n + s.questions.length, 0) > INTAKE_MAX_QUESTIONS) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `At most ${INTAKE_MAX_QUESTIONS} questions` });
    }
    for (const issue of flowIssues(flow as IntakeFlow)) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
    }
  });

const contactAnswerSchema = z.strictObject({
  channel: z.enum(INTAKE_CONTACT_CHANNELS),
  detail: z.string().max(INTAKE_CONTACT_DETAIL_MAX).optional(),
  note: z.string().max(INTAKE_SHORT_TEXT_MAX).optional(),
});

export const intakeAnswerSchema = z.union([
  z.string().max(INTAKE_LONG_TEXT_MAX),
  z.array(z.string().max(40)).max(INTAKE_MAX_OPTIONS),
  z.boolean(),
  contactAnswerSchema,
]);

/** The payload shape; its answers are checked against the flow they came from by `intakeAnswerIssues`. */
export const intakePayloadSchema = z.strictObject({
  kind: z.literal('intake'),
  flow: z.strictObject({ id: intakeId, version: z.number().int().min(0).max(1_000_000) }),
  answers: z
    .record(intakeId, intakeAnswerSchema)
    .refine((a) => Object.keys(a).length <= INTAKE_MAX_QUESTIONS, `At most ${INTAKE_MAX_QUESTIONS} answers`),
  visibility: z.enum(INTAKE_VISIBILITIES).default('professional'),
  forSomeoneElse: z.boolean().default(false),
  assisted: z.boolean().default(false),
});

export const intakeSubmissionSchema = envelopeFor(intakePayloadSchema).extend({ widget: z.literal('welcome-intake') });

/** The payload sealed in the browser (`sealed-intake.ts`): the collector opens it, then checks it as above. */
export const sealedIntakePayloadSchema = z.strictObject({
  kind: z.literal('sealed'),
  sealed: z.string().min(1).max(SEALED_INTAKE_MAX),
});
export const sealedIntakeSubmissionSchema = envelopeFor(sealedIntakePayloadSchema).extend({ widget: z.literal('welcome-intake') });

/** Field issues (`data.answers.<id>`, `consent`) for answers that do not fit their flow. */
export function intakeAnswerIssues(flow: IntakeFlow, payload: IntakePayloadOutput, hasConsent: boolean) {
  const errors = validateAnswers(flow, payload.answers);
  const issues = Object.entries(errors).map(([id, key]) => ({
    path: `data.answers.${id}`,
    message: INTAKE_ERROR_MESSAGES[key],
    code: key,
  }));
  // The answer says yes, the envelope must carry the consent record (version and instant) too.
  const consentQ = flow.steps.flatMap((s) => s.questions).find((q) => q.type === 'consent');
  if (!errors[consentQ?.id ?? ''] && consentQ && payload.answers[consentQ.id] === true && !hasConsent) {
    issues.push({ path: 'consent', message: INTAKE_ERROR_MESSAGES.errConsent, code: 'errConsent' });
  }
  return issues;
}

export type IntakeFlowInput = z.input<typeof intakeFlowSchema>;
export type IntakePayloadOutput = z.output<typeof intakePayloadSchema>;
export type IntakeSubmission = z.output<typeof intakeSubmissionSchema>;
