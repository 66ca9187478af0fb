import { z } from 'zod';
import { localDateSchema, localDateTimeSchema, optionalText, recurrenceSchema, requiredText, timeZoneSchema } from './activity.js';
import { CONTACT_MAX, isPlausibleContact } from './constants.js';
import { envelopeFor, submissionIdSchema } from './envelope.js';
import { optionalLocalizedText, requiredLocalizedText } from './localized-text-schema.js';
import {
  AVAILABILITY_SLOTS,
  CANCEL_TOKEN_PATTERN,
  SIGNUP_STATUSES,
  VOLUNTEER_CAPACITY_MAX,
  VOLUNTEER_FREE_TEXT_MAX,
  VOLUNTEER_MOTIVATIONS,
  VOLUNTEER_NAME_MAX,
  VOLUNTEER_ROLE_NAME_MAX,
  VOLUNTEER_ROLE_TEXT_MAX,
  VOLUNTEER_SHIFTS_PER_SIGNUP_MAX,
} from './volunteer-constants.js';

/**
 * `<volunteer-signup>`: roles and shifts a coordinator manages, and the two payloads a
 * visitor sends: a sign-up for shift occurrences, and the general "ik wil vrijwilliger worden".
 * A shift occurrence is identified by the shift id and the local date it starts on.
 */
export * from './volunteer-constants.js';

const contactSchema = z
  .string()
  .max(CONTACT_MAX)
  .transform((v) => v.trim())
  .refine(isPlausibleContact, { message: 'Enter an e-mail address or a phone number' });

/** A role in the catalogue: what you do, and what we do not ask of you. */
export const volunteerRoleSchema = z.strictObject({
  /** Every text visitors read on the role's card: Dutch, or Dutch with English and Arabic. */
  name: requiredLocalizedText(VOLUNTEER_ROLE_NAME_MAX),
  whatYouDo: optionalLocalizedText(VOLUNTEER_ROLE_TEXT_MAX),
  notAsked: optionalLocalizedText(VOLUNTEER_ROLE_TEXT_MAX),
  timePerWeek: optionalLocalizedText(VOLUNTEER_ROLE_NAME_MAX),
  training: optionalLocalizedText(VOLUNTEER_ROLE_TEXT_MAX),
  contactPerson: optionalLocalizedText(VOLUNTEER_ROLE_NAME_MAX),
  /** The host of the day: what `<host-today>` shows. */
  host: z.boolean().default(false),
  /** Order in the catalogue; lower first. */
  position: z.number().int().min(0).max(10_000).default(0),
});

/** A shift: one-off (no recurrence) or recurring, with a number of places per occurrence. */
export const volunteerShiftSchema = z
  .strictObject({
    roleId: submissionIdSchema,
    /** The shift's own title (else its role's name): Dutch, or Dutch with English and Arabic. */
    title: optionalLocalizedText(VOLUNTEER_ROLE_NAME_MAX),
    start: localDateTimeSchema,
    end: localDateTimeSchema,
    timeZone: timeZoneSchema.optional(),
    recurrence: recurrenceSchema.optional(),
    capacity: z.number().int().min(1).max(VOLUNTEER_CAPACITY_MAX),
  })
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The shift ends before it starts' });
    if (s.end.slice(0, 10) !== s.start.slice(0, 10)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'A shift starts and ends on the same day' });
    }
  });

/** Sign-up for one or more shift occurrences. First name and one contact, nothing else. */
export const shiftSignupPayloadSchema = z.strictObject({
  kind: z.literal('shifts'),
  shifts: z
    .array(z.strictObject({ shiftId: submissionIdSchema, date: localDateSchema }))
    .min(1)
    .max(VOLUNTEER_SHIFTS_PER_SIGNUP_MAX)
    .refine((list) => new Set(list.map((s) => `${s.shiftId}/${s.date}`)).size === list.length, {
      message: 'Each shift once',
    }),
  firstName: requiredText(VOLUNTEER_NAME_MAX),
  contact: contactSchema,
  cancelToken: z.string().regex(CANCEL_TOKEN_PATTERN, 'Expected 43 base64url characters'),
});

/** "Ik wil vrijwilliger worden". Only the contact is needed. */
export const volunteerApplicationPayloadSchema = z
  .strictObject({
    kind: z.literal('application'),
    firstName: optionalText(VOLUNTEER_NAME_MAX),
    contact: contactSchema,
    roles: z.array(z.string().max(VOLUNTEER_ROLE_NAME_MAX)).max(50).default([]),
    availability: z
      .array(z.enum(AVAILABILITY_SLOTS as [string, ...string[]]))
      .max(21)
      .default([]),
    skills: optionalText(VOLUNTEER_FREE_TEXT_MAX),
    motivation: z.array(z.enum(VOLUNTEER_MOTIVATIONS)).max(VOLUNTEER_MOTIVATIONS.length).default([]),
    needs: optionalText(VOLUNTEER_FREE_TEXT_MAX),
    preferOutsideNeighbourhood: z.boolean().default(false),
    startDate: localDateSchema.optional(),
    endDate: localDateSchema.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.startDate && a.endDate && a.endDate < a.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end comes before the start' });
    }
  });

export const shiftSignupSubmissionSchema = envelopeFor(shiftSignupPayloadSchema).extend({
  widget: z.literal('volunteer-signup'),
});
export const volunteerApplicationSubmissionSchema = envelopeFor(volunteerApplicationPayloadSchema).extend({
  widget: z.literal('volunteer-signup'),
});

export const attendanceSchema = z.strictObject({ attended: z.boolean().nullable() });
export const signupStatusSchema = z.enum(SIGNUP_STATUSES);

export type VolunteerRole = z.output<typeof volunteerRoleSchema>;
export type VolunteerRoleInput = z.input<typeof volunteerRoleSchema>;
export type VolunteerShift = z.output<typeof volunteerShiftSchema>;
export type VolunteerShiftInput = z.input<typeof volunteerShiftSchema>;
export type ShiftSignupPayload = z.output<typeof shiftSignupPayloadSchema>;
export type ShiftSignupPayloadInput = z.input<typeof shiftSignupPayloadSchema>;
export type VolunteerApplicationPayload = z.output<typeof volunteerApplicationPayloadSchema>;
export type VolunteerApplicationPayloadInput = z.input<typeof volunteerApplicationPayloadSchema>;
