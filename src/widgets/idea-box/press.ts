/**
 * What a press of "Idee versturen" needs to put the idea in the outbox: the checks the browser
 * makes before sending (the collector validates fully with zod) and the envelope. In the first
 * download, so an idea pressed while the sending part could not load (the network dropped just
 * after the page loaded) is stored on the device at once and any later page of the site sends it.
 */
import { buildEnvelope } from '../../core/envelope.js';
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
import type { Consent, Envelope } from '../../schema/envelope.js';
import type { IdeaPayloadInput } from '../../schema/idea-box.js';
import { needsConsent, type FieldErrors, type IdeaErrorKey, type IdeaFormValues } from './form-values.js';

export function textError(text: string): IdeaErrorKey | undefined {
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
  return needsConsent(v) && v.consent ? { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() } : undefined;
}

/** The envelope of an idea, with a fresh id: the outbox sends it exactly once under that id. */
export function ideaEnvelope(site: string, locale: string, values: IdeaFormValues, startedAt: number): Envelope<IdeaPayloadInput> {
  return buildEnvelope<IdeaPayloadInput>({
    site,
    widget: 'idea-box',
    locale,
    data: buildIdeaPayload(values),
    consent: buildConsent(values),
    trap: { honeypot: values.honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - startedAt)) },
  });
}
