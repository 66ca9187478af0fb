/**
 * Pure helpers of `<idea-box>`: form values → payload, validation (the small checks the browser
 * does before sending; the collector validates fully with zod), and mapping the collector's 422
 * issues back onto the form's fields. No DOM, no zod.
 */
import {
  CATEGORY_MAX,
  CONTACT_MAX,
  IDEA_CONSENT_TEXT_VERSION,
  IDEA_TEXT_MAX,
  IDEA_TEXT_MIN,
  NAME_MAX,
  RESPONDENT_ROLES,
  isPlausibleContact,
  type RespondentRole,
} from '../../schema/constants.js';
import type { Consent, FieldIssue } from '../../schema/envelope.js';
import type { IdeaPayloadInput } from '../../schema/idea-box.js';

export interface IdeaFormValues {
  text: string;
  category: string;
  role: string;
  wantsToHelp: boolean;
  name: string;
  contact: string;
  consent: boolean;
  /** The hidden field only bots fill in. */
  honeypot: string;
}

export const emptyValues = (): IdeaFormValues => ({
  text: '',
  category: '',
  role: '',
  wantsToHelp: false,
  name: '',
  contact: '',
  consent: false,
  honeypot: '',
});

/** Field ids in the widget's shadow root, in form order (the error summary follows it). */
export const IDEA_FIELDS = ['idea', 'category', 'role', 'help', 'name', 'contact', 'consent'] as const;
export type IdeaField = (typeof IDEA_FIELDS)[number];

export type IdeaErrorKey =
  | 'errIdeaMissing'
  | 'errIdeaShort'
  | 'errIdeaLong'
  | 'errContact'
  | 'errConsent'
  | 'errField';
export type FieldErrors = Partial<Record<IdeaField, IdeaErrorKey>>;

/** Whether the consent checkbox is shown (and then required): only when contact is filled in. */
export function needsConsent(v: IdeaFormValues): boolean {
  return v.contact.trim() !== '';
}

function textError(text: string): IdeaErrorKey | undefined {
  const t = text.trim();
  if (!t) return 'errIdeaMissing';
  if (t.length < IDEA_TEXT_MIN) return 'errIdeaShort';
  if (t.length > IDEA_TEXT_MAX) return 'errIdeaLong';
  return undefined;
}

export function validateIdea(v: IdeaFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const text = textError(v.text);
  if (text) errors.idea = text;
  if (v.category.length > CATEGORY_MAX) errors.category = 'errField';
  if (v.name.trim().length > NAME_MAX) errors.name = 'errField';
  const contact = v.contact.trim();
  if (contact && (contact.length > CONTACT_MAX || !isPlausibleContact(contact))) errors.contact = 'errContact';
  if (contact && !v.consent) errors.consent = 'errConsent';
  return errors;
}

export function buildIdeaPayload(v: IdeaFormValues): IdeaPayloadInput {
  const payload: IdeaPayloadInput = { kind: 'idea', text: v.text.trim(), wantsToHelp: v.wantsToHelp };
  const category = v.category.trim();
  if (category) payload.category = category;
  if ((RESPONDENT_ROLES as readonly string[]).includes(v.role)) payload.role = v.role as RespondentRole;
  const name = v.name.trim();
  if (name) payload.name = name;
  const contact = v.contact.trim();
  if (contact) payload.contact = contact;
  return payload;
}

/** Consent is sent only together with contact details, with the version of the text shown. */
export function buildConsent(v: IdeaFormValues, now = Date.now()): Consent | undefined {
  return needsConsent(v) && v.consent
    ? { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() }
    : undefined;
}

/** Form values back from a payload, to restore the visitor's text after a late refusal. */
export function valuesFromPayload(data: Partial<IdeaPayloadInput>, consent: boolean): IdeaFormValues {
  return {
    ...emptyValues(),
    text: data.text ?? '',
    category: data.category ?? '',
    role: data.role ?? '',
    wantsToHelp: data.wantsToHelp ?? false,
    name: data.name ?? '',
    contact: data.contact ?? '',
    consent,
  };
}

/** Envelope path of each field, as the collector names it in 422 issues. */
export const FIELD_PATHS: Record<IdeaField, string> = {
  idea: 'data.text',
  category: 'data.category',
  role: 'data.role',
  help: 'data.wantsToHelp',
  name: 'data.name',
  contact: 'data.contact',
  consent: 'consent',
};
const PATHS = Object.fromEntries(Object.entries(FIELD_PATHS).map(([f, p]) => [p, f])) as Record<string, IdeaField>;

/** Field errors as issues in the collector's format (for `bk-error` with reason `invalid`). */
export function errorsToIssues(errors: FieldErrors): FieldIssue[] {
  return IDEA_FIELDS.filter((f) => errors[f]).map((f) => ({ path: FIELD_PATHS[f], message: errors[f]! }));
}

/**
 * Map 422 issues (`{path: 'data.text', message}`) onto fields. The collector's messages are
 * technical English, so each field gets the widget's own localised message instead.
 * `unmapped` is true when an issue matched no field (shown as a general form error).
 */
export function mapIssues(issues: FieldIssue[], v: IdeaFormValues): { errors: FieldErrors; unmapped: boolean } {
  const errors: FieldErrors = {};
  let unmapped = false;
  for (const issue of issues) {
    const field = PATHS[issue.path] ?? (issue.path.startsWith('consent.') ? 'consent' : undefined);
    if (!field) {
      unmapped = true;
      continue;
    }
    errors[field] ??=
      field === 'idea'
        ? (textError(v.text) ?? 'errField')
        : field === 'contact'
          ? 'errContact'
          : field === 'consent'
            ? 'errConsent'
            : 'errField';
  }
  return { errors, unmapped: unmapped || issues.length === 0 };
}
