/**
 * Pure helpers of `<idea-box>`'s sending part: mapping the collector's 422 issues back onto the
 * form's fields, and a refused idea back into the form. No DOM, no zod. The checks and building the
 * envelope are in the first download (`press.ts`), so a press never waits for this part.
 */
import type { FieldIssue } from '../../schema/envelope.js';
import type { IdeaPayloadInput } from '../../schema/idea-box.js';
import { FIELD_PATHS, IDEA_FIELDS, emptyValues, type FieldErrors, type IdeaFormValues } from './form-values.js';
import { textError } from './press.js';

export { buildConsent, buildIdeaPayload, validateIdea } from './press.js';

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
