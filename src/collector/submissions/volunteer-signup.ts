/**
 * `<volunteer-signup>`: sign-ups for shift occurrences (kind `shifts`), placed or waitlisted in one
 * transaction, and applications for a role (kind `application`). A sign-up's cancel token is never
 * stored, only its hash on the sign-up rows.
 */
import type { z } from 'zod';
import { shiftSignupSubmissionSchema, toFieldIssues, volunteerApplicationSubmissionSchema, type FieldIssue } from '../../schema/index.js';
import { occurrenceOn } from '../../volunteer/shifts.js';
import { invalid } from '../http.js';
import { hashToken, queueNotification } from '../routes/volunteer.js';
import { loadCatalogue, offerMsOf } from '../routes/volunteer-views.js';
import { submissionKind } from './kind.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type ShiftSignupSubmission = z.infer<typeof shiftSignupSubmissionSchema>;
type VolunteerApplicationSubmission = z.infer<typeof volunteerApplicationSubmissionSchema>;

/** The occurrences a sign-up asks for, with their times; none for an application. */
type Slot = { shiftId: string; date: string; startAt: string; endAt: string };

export const volunteerSignup = submissionKind({
  widget: 'volunteer-signup',
  envelopes: [shiftSignupSubmissionSchema, volunteerApplicationSubmissionSchema],

  parse(body): ShiftSignupSubmission | VolunteerApplicationSubmission {
    const kind = isRecord(body) && isRecord(body.data) ? body.data.kind : undefined;
    const parsed = (kind === 'application' ? volunteerApplicationSubmissionSchema : shiftSignupSubmissionSchema).safeParse(body);
    if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
    return parsed.data;
  },

  async check(envelope, { site, now, app }): Promise<Slot[]> {
    if (envelope.data.kind === 'application') return [];
    const catalogue = await loadCatalogue(app.store, site.slug);
    const issues: FieldIssue[] = [];
    const slots = envelope.data.shifts.flatMap(({ shiftId, date }, n) => {
      const shift = catalogue.shifts.find((s) => s.id === shiftId);
      const occurrence = shift && occurrenceOn(shift.id, shift.data, site.timeZone, date);
      if (!shift || !occurrence) {
        issues.push({ path: `data.shifts.${n}`, message: 'There is no such shift on this date', code: 'shift_not_found' });
        return [];
      }
      if (occurrence.startMs <= now.getTime()) {
        issues.push({ path: `data.shifts.${n}`, message: 'This shift has already started', code: 'shift_started' });
        return [];
      }
      const iso = (ms: number) => new Date(ms).toISOString();
      return [{ shiftId, date, startAt: iso(occurrence.startMs), endAt: iso(occurrence.endMs) }];
    });
    if (issues.length) throw invalid(issues);
    return slots;
  },

  decoy: (envelope) => (envelope.data.kind === 'application' ? {} : { signups: [] }),

  // Sign-ups reach the webhook as `volunteer.*` notifications once placed (see routes/volunteer.ts).
  forward: () => null,

  async store(envelope, slots, record, { request, site, now, app }) {
    if (envelope.data.kind === 'application') return app.store.volunteer.insertApplication(record);
    // The token itself is never stored: only its hash, on the sign-up rows.
    const { cancelToken, ...kept } = envelope.data;
    const result = await app.store.volunteer.signUp(
      {
        submission: { ...record, data: kept },
        tokenHash: hashToken(cancelToken),
        firstName: envelope.data.firstName,
        contact: envelope.data.contact,
        slots,
        offerMs: offerMsOf(site),
      },
      now.toISOString(),
    );
    if (result.outcome === 'conflict') return 'conflict';
    await queueNotification(app, result.notifications, request.log);
    return {
      outcome: result.outcome,
      receipt: { signups: result.signups.map((s) => ({ shiftId: s.shiftId, date: s.date, status: s.status })) },
    };
  },
});
