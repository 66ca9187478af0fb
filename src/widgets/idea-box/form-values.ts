/**
 * The shapes of the `<idea-box>` form: its values, its fields in form order, and the error keys a
 * field can show. In the first download; the checks and payload building are in `payload.ts`.
 */

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

/**
 * The form's fields by id in the widget's shadow root, in form order (the error summary follows
 * it), with the envelope path the collector names in its 422 issues.
 */
export const FIELD_PATHS = {
  idea: 'data.text',
  category: 'data.category',
  role: 'data.role',
  help: 'data.wantsToHelp',
  name: 'data.name',
  contact: 'data.contact',
  consent: 'consent',
} as const;
export type IdeaField = keyof typeof FIELD_PATHS;
export const IDEA_FIELDS = Object.keys(FIELD_PATHS) as IdeaField[];

export type IdeaErrorKey = 'errIdeaMissing' | 'errIdeaShort' | 'errIdeaLong' | 'errContact' | 'errConsent' | 'errField';
export type FieldErrors = Partial<Record<IdeaField, IdeaErrorKey>>;

/** Whether the consent checkbox is shown (and then required): only when contact is filled in. */
export function needsConsent(v: IdeaFormValues): boolean {
  return v.contact.trim() !== '';
}
