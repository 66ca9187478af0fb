import { z } from 'zod';
import { IDEA_STATUSES, RESPONDENT_ROLES } from './constants.js';
import { submissionIdSchema } from './envelope.js';
import { IDEA_TAGS_MAX, normaliseTag, TAG_MAX } from './idea-tags.js';
import type { VolunteerRole, VolunteerShift } from './volunteer.js';
import type { SignupStatus } from './volunteer-constants.js';
import type { ScheduleItem } from './activity.js';

/** An idea as a coordinator sees it, private fields included. */
export const adminIdeaSchema = z.object({
  id: submissionIdSchema,
  site: z.string(),
  text: z.string(),
  category: z.string().nullable(),
  role: z.enum(RESPONDENT_ROLES).nullable(),
  wantsToHelp: z.boolean(),
  name: z.string().nullable(),
  contact: z.string().nullable(),
  consentVersion: z.string().nullable(),
  consentGivenAt: z.string().nullable(),
  /** Hex SHA-256 of the consent text the visitor saw; null without consent or for an unknown version. */
  consentHash: z.string().nullable(),
  locale: z.string(),
  published: z.boolean(),
  status: z.enum(IDEA_STATUSES),
  statusReason: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  /** Its own votes plus those of the ideas merged into it (what the public list shows). */
  votes: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When a coordinator marked it as handled ("afgehandeld"), and by which token (label, else prefix). */
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
  /** The idea this one was merged into as a duplicate; it then leaves the public list. */
  mergedInto: submissionIdSchema.nullable(),
  mergedAt: z.string().nullable(),
  /** Coordinators' tags, sorted; never public. */
  tags: z.array(z.string()),
});

export const adminIdeaListSchema = z.object({ ideas: z.array(adminIdeaSchema) });

/** Query of `GET /v1/admin/sites/:site/ideas`. */
export const adminIdeaFilterSchema = z.strictObject({
  status: z.enum(IDEA_STATUSES).optional(),
  published: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  handled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  tag: z.string().transform(normaliseTag).pipe(z.string().min(1).max(TAG_MAX)).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One tag, normalised (see `normaliseTag`). */
export const ideaTagSchema = z
  .string()
  .max(TAG_MAX * 4)
  .transform(normaliseTag)
  .pipe(z.string().min(1, 'A tag needs at least one letter').max(TAG_MAX));

/** Body of `POST …/ideas/:id/tags`: tags to add and to remove, at least one of them. */
export const ideaTagChangeSchema = z
  .strictObject({
    add: z.array(ideaTagSchema).max(IDEA_TAGS_MAX).default([]),
    remove: z.array(ideaTagSchema).max(IDEA_TAGS_MAX).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.add.length + c.remove.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to change' });
  });

/** Body of `POST …/ideas/:id/merge`: the duplicates to merge into the idea in the URL. */
export const ideaMergeSchema = z.strictObject({
  ideas: z.array(submissionIdSchema).min(1).max(50),
});

/** `GET …/tags`: every tag of the site with the ideas it covers (merged ideas included). */
export const ideaTagCountsSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), ideas: z.number().int().min(0) })),
});

export type AdminIdea = z.infer<typeof adminIdeaSchema>;
export type AdminIdeaList = z.infer<typeof adminIdeaListSchema>;
export type AdminIdeaFilter = z.output<typeof adminIdeaFilterSchema>;

/** Body of `PUT …/<kind>/:id/handled`. */
export const handledBodySchema = z.strictObject({ handled: z.boolean() });

/** `?handled=true|false` of the inbox lists: only handled, or only not handled, items. */
export const handledQuerySchema = z.strictObject({
  handled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** An item's handled state as the lists and `PUT …/handled` return it. */
export interface HandledState {
  handledAt: string | null;
  handledBy: string | null;
}

export type IdeaTagChange = z.output<typeof ideaTagChangeSchema>;
export type IdeaTagCount = z.infer<typeof ideaTagCountsSchema>['tags'][number];

/**
 * A calendar item a coordinator manages (activity or opening hours). `id` is the row's UUIDv7, used
 * in admin URLs; `data` is the validated schedule item, whose own `id` is what the widget and the
 * ICS feed see (the row id for items made in the API, the ICS UID for imported ones).
 */
export interface ActivityRecord {
  id: string;
  site: string;
  kind: ScheduleItem['kind'];
  data: ScheduleItem;
  createdAt: string;
  updatedAt: string;
  /**
   * Where an imported item came from (`feed:<url>`, `upload:<calendar name>`), so a later import
   * of the same calendar can remove what it no longer has; absent for items made by hand.
   */
  source?: string;
}

/** One "ik kom" of an activity, anonymous: as the store keeps it and the coordinator API lists it. */
export interface AttendanceClaim {
  id: string;
  activityId: string;
  occurrence: string;
  places: number;
  createdAt: string;
}

/** A role or shift as the coordinator routes store and return it; `id` is used in their URLs. */
export interface VolunteerItemRecord<T = VolunteerRole | VolunteerShift> {
  id: string;
  site: string;
  kind: 'role' | 'shift';
  data: T;
  createdAt: string;
  updatedAt: string;
}

/** A volunteer's sign-up for one shift occurrence: as stored, and as `GET …/volunteer/signups` returns it. */
export interface ShiftSignupRecord extends HandledState {
  id: string;
  site: string;
  submissionId: string;
  shiftId: string;
  /** Local start date of the occurrence. */
  date: string;
  startAt: string;
  endAt: string;
  firstName: string;
  contact: string;
  locale: string;
  status: SignupStatus;
  position: number;
  offeredAt: string | null;
  offerExpiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  expiredAt: string | null;
  attended: boolean | null;
  remindedAt: string | null;
  createdAt: string;
}
