/**
 * Every widget that sends submissions, one descriptor each: the one place that says which widgets
 * `POST /v1/sites/:site/submissions` takes. A widget added to `WIDGETS` without a descriptor here
 * does not compile (see `everyWidgetListed`).
 */
import { WIDGETS } from '../../schema/index.js';
import { invalid } from '../http.js';
import { feedbackPoll } from './feedback-poll.js';
import { ideaBox } from './idea-box.js';
import type { SubmissionKind, SubmittingWidget } from './kind.js';
import { volunteerSignup } from './volunteer-signup.js';
import { welcomeIntake } from './welcome-intake.js';

export const submissionKinds = [ideaBox, feedbackPoll, welcomeIntake, volunteerSignup] as const;

/** Names each submitting widget that has no descriptor above; it must name none. */
const everyWidgetListed: Record<Exclude<SubmittingWidget, (typeof submissionKinds)[number]['widget']>, never> = {};
void everyWidgetListed;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The descriptor for a body's `widget`. A widget this collector knows but takes elsewhere (the
 * calendar's "ik kom") is a 422 that says so; an unknown or missing one is left to the idea box's
 * schema, whose 422 names the field.
 */
export function submissionKindOf(body: unknown): SubmissionKind {
  const widget = isRecord(body) ? body.widget : undefined;
  const kind = submissionKinds.find((k) => k.widget === widget);
  if (kind) return kind as SubmissionKind;
  if (typeof widget === 'string' && (WIDGETS as readonly string[]).includes(widget)) {
    const message = `The widget "${widget}" is not supported by this collector version`;
    throw invalid([{ path: 'widget', message, code: 'unsupported_widget' }], message);
  }
  return ideaBox as SubmissionKind;
}
