/**
 * Pure helpers of `<idea-box>`: form values → payload, validation (the small checks the browser
 * does before sending; the collector validates fully with zod), and mapping the collector's 422
 * issues back onto the form's fields. No DOM, no zod. Only the sending part (`idea-send.ts`) uses
 * them, so they load with it; the form's own shapes are in `form-values.ts`.
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
import {
  FIELD_PATHS,
  IDEA_FIELDS,
  emptyValues,
  needsConsent,
  type FieldErrors,
  type IdeaErrorKey,
  type IdeaFormValues,
} from './form-values.js';

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
  // Empty optional fields are left out; only known roles are sent.
  for (const key of ['category', 'name', 'contact'] as const) {
    const value = v[key].trim();
    if (value) payload[key] = value;
  }
  if ((RESPONDENT_ROLES as readonly string[]).includes(v.role)) payload.role = v.role as RespondentRole;
  return payload;
}

/** Consent is sent only together with contact details, with the version of the text shown. */
export function buildConsent(v: IdeaFormValues, now = Date.now()): Consent | undefined {
  return needsConsent(v) && v.consent
    ? { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() }
    : undefined;
}

/** Form values back from a payload, to restore the visitor's text after a late refusal. */
export function valuesFromPayload({ kind: _kind, ...data }: Partial<IdeaPayloadInput>, consent: boolean): IdeaFormValues {
  return { ...emptyValues(), ...data, consent };
}

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
  let unmapped = !issues.length;
  for (const { path } of issues) {
    // `consent.givenAt` belongs to the consent checkbox, and so on.
    const field = IDEA_FIELDS.find((f) => path === FIELD_PATHS[f] || path.startsWith(`${FIELD_PATHS[f]}.`));
    if (!field) unmapped = true;
    else {
      errors[field] ??=
        field === 'idea'
          ? (textError(v.text) ?? 'errField')
          : field === 'contact'
            ? 'errContact'
            : field === 'consent'
              ? 'errConsent'
              : 'errField';
    }
  }
  return { errors, unmapped };
}
