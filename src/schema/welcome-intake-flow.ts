/**
 * The welcome intake's flow model and its pure rules, without zod: the widget imports this, the
 * collector's zod schema (`welcome-intake.ts`) checks the shapes and then applies the same rules.
 *
 * A flow is steps of questions, defined as data. Every question is optional: the rules below only
 * check that what *was* answered fits (a known option, a plausible phone number, consent when
 * contact details are given), never that something was answered.
 */
import { EMAIL_PATTERN, isPlausibleContact } from './constants.js';

export const INTAKE_QUESTION_TYPES = [
  'single',
  'multiple',
  /** Choice as large cards with an icon and a short label; several may be chosen. */
  'cards',
  'short-text',
  'long-text',
  /** Whether and how someone may contact the visitor: channel, detail, "who rather (not)". */
  'contact',
  /** A checkbox; shown by its `showIf`, required only when contact details are given. */
  'consent',
  /** Who may see the answers: only the professional, or the host of the day too. Lifted to `visibility`. */
  'visibility',
  /** Filled in for oneself, or for or with someone else (a naaste). Lifted to `forSomeoneElse`. */
  'on-behalf',
] as const;
export type IntakeQuestionType = (typeof INTAKE_QUESTION_TYPES)[number];

export const INTAKE_VISIBILITIES = ['professional', 'host'] as const;
export type IntakeVisibility = (typeof INTAKE_VISIBILITIES)[number];

export const INTAKE_ON_BEHALF = ['self', 'other', 'together'] as const;
export type IntakeOnBehalf = (typeof INTAKE_ON_BEHALF)[number];

export const INTAKE_CONTACT_CHANNELS = ['none', 'visit', 'phone', 'email'] as const;
export type IntakeContactChannel = (typeof INTAKE_CONTACT_CHANNELS)[number];

/** Question and option ids: also export column names, so short, lower case, no spaces. */
export const INTAKE_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const INTAKE_SHORT_TEXT_MAX = 200;
export const INTAKE_LONG_TEXT_MAX = 2000;
export const INTAKE_CONTACT_DETAIL_MAX = 200;
export const INTAKE_LABEL_MAX = 400;
export const INTAKE_MAX_STEPS = 12;
export const INTAKE_MAX_QUESTIONS = 40;
export const INTAKE_MAX_OPTIONS = 30;
/** Version of the consent text next to the contact details; stored with each intake. */
export const INTAKE_CONSENT_TEXT_VERSION = 'intake-contact-2026-11';

/** Text in one language, or per language (`{nl, en, ar}`); `nl`, then the first entry, is the fallback. */
export type LocalText = string | Readonly<Record<string, string>>;

/** Show a question or step only when an earlier question's answer includes one of `anyOf`, or was answered at all. */
export interface IntakeCondition {
  question: string;
  anyOf?: readonly string[];
  answered?: boolean;
}

export interface IntakeOption {
  value: string;
  label: LocalText;
  /** A short symbol (an emoji) shown next to the label on cards; never shown alone. */
  icon?: string;
  /** Calendar tags this choice matches on the result screen (activity `category` / `audience`). */
  match?: { categories?: readonly string[]; audiences?: readonly string[] };
}

export interface IntakeQuestion {
  id: string;
  type: IntakeQuestionType;
  label: LocalText;
  hint?: LocalText;
  options?: readonly IntakeOption[];
  /**
   * Encrypted at rest and readable only with the `sensitive` scope. The collector always treats
   * free text and contact answers as sensitive, whatever this says.
   */
  sensitive?: boolean;
  showIf?: IntakeCondition;
}

export interface IntakeStep {
  id: string;
  title: LocalText;
  intro?: LocalText;
  questions: readonly IntakeQuestion[];
  showIf?: IntakeCondition;
}

export interface IntakeFlow {
  id: string;
  /** Set by the collector when a coordinator saves a flow; built-in and inline flows bring their own. */
  version: number;
  title?: LocalText;
  intro?: LocalText;
  /** "Bij wie kun je terecht": shown on the result screen. */
  contactPerson?: LocalText;
  steps: readonly IntakeStep[];
}

export interface IntakeContactAnswer {
  channel: IntakeContactChannel;
  /** Phone number or e-mail address, for `phone` and `email`. */
  detail?: string;
  /** "Met wie liever wel of niet": free text. */
  note?: string;
}

export type IntakeAnswer = string | readonly string[] | boolean | IntakeContactAnswer;
export type IntakeAnswers = Readonly<Record<string, IntakeAnswer>>;

/** The widget payload (`widget: 'welcome-intake'`, `data.kind: 'intake'`). */
export type IntakePayload = {
  kind: 'intake';
  flow: { id: string; version: number };
  /** Answers keyed by question id; the visibility answer is lifted out, the on-behalf one also sets `forSomeoneElse`. */
  answers: IntakeAnswers;
  visibility: IntakeVisibility;
  /** Filled in by a naaste, for or with someone. */
  forSomeoneElse: boolean;
  /** Kiosk/assisted mode: filled in together at the venue. */
  assisted: boolean;
};

/** Error keys (string table keys of the widget; messages in English for the collector's 422s). */
export type IntakeErrorKey = 'errUnknownOption' | 'errTooLong' | 'errPhone' | 'errEmail' | 'errDetailMissing' | 'errConsent' | 'errType';

export const INTAKE_ERROR_MESSAGES: Record<IntakeErrorKey, string> = {
  errUnknownOption: 'Not one of the choices',
  errTooLong: 'Too long',
  errPhone: 'Enter a phone number',
  errEmail: 'Enter an e-mail address',
  errDetailMissing: 'Enter a phone number or e-mail address, or choose another way',
  errConsent: 'Consent is required when contact details are given',
  errType: 'Not a valid answer for this question',
};

/** Question types whose answer is a list of option values. */
export const isMultiChoice = (type: IntakeQuestionType) => type === 'multiple' || type === 'cards';
/** Types whose answer is one option value (the built-in ones have fixed options). */
export const isSingleChoice = (type: IntakeQuestionType) => type === 'single' || type === 'visibility' || type === 'on-behalf';

/** The option values a question allows: its own, or the fixed ones of the built-in types. */
export function optionValues(q: IntakeQuestion): readonly string[] {
  if (q.type === 'visibility') return INTAKE_VISIBILITIES;
  if (q.type === 'on-behalf') return INTAKE_ON_BEHALF;
  return (q.options ?? []).map((o) => o.value);
}

/** Free text and contact details are always sensitive; choices when the flow says so. */
export function isSensitive(q: IntakeQuestion): boolean {
  return q.sensitive === true || q.type === 'short-text' || q.type === 'long-text' || q.type === 'contact';
}

/** Picks the text for a locale: exact tag, then the language, then `nl`, then the first entry. */
export function localText(text: LocalText | undefined, locale: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const lang = locale.toLowerCase().split('-')[0]!;
  return text[locale] ?? text[lang] ?? text.nl ?? Object.values(text)[0] ?? '';
}

/** The values a condition compares against: chosen options, the contact channel, `yes` for a ticked box. */
export function intakeAnswerValues(answer: IntakeAnswer | undefined): string[] {
  if (answer === undefined) return [];
  if (typeof answer === 'string') return answer.trim() ? [answer] : [];
  if (typeof answer === 'boolean') return answer ? ['yes'] : [];
  if (Array.isArray(answer)) return [...(answer as readonly string[])];
  return [(answer as IntakeContactAnswer).channel];
}

export function isAnswered(answer: IntakeAnswer | undefined): boolean {
  return intakeAnswerValues(answer).length > 0;
}

export function conditionHolds(condition: IntakeCondition | undefined, answers: IntakeAnswers): boolean {
  if (!condition) return true;
  const values = intakeAnswerValues(answers[condition.question]);
  if (condition.anyOf) return condition.anyOf.some((v) => values.includes(v));
  return condition.answered === false ? values.length === 0 : values.length > 0;
}

/** Steps shown for these answers (a step is shown when its condition holds and it has a question shown). */
export function visibleSteps(flow: IntakeFlow, answers: IntakeAnswers): IntakeStep[] {
  return flow.steps.filter((s) => conditionHolds(s.showIf, answers) && s.questions.some((q) => conditionHolds(q.showIf, answers)));
}

export function visibleQuestions(step: IntakeStep, answers: IntakeAnswers): IntakeQuestion[] {
  return step.questions.filter((q) => conditionHolds(q.showIf, answers));
}

/** Every question of the flow, in order. */
export const allQuestions = (flow: IntakeFlow): IntakeQuestion[] => flow.steps.flatMap((s) => s.questions);

/**
 * The answers to send: only those to questions that are shown (an earlier answer may have hidden
 * a later question), with empty answers left out. Repeats until stable, since hiding one answer
 * may hide another question that depended on it.
 */
export function pruneAnswers(flow: IntakeFlow, answers: IntakeAnswers): Record<string, IntakeAnswer> {
  let current: Record<string, IntakeAnswer> = { ...answers };
  for (let round = 0; round <= INTAKE_MAX_QUESTIONS; round++) {
    const shown = new Set(visibleSteps(flow, current).flatMap((s) => visibleQuestions(s, current).map((q) => q.id)));
    const next: Record<string, IntakeAnswer> = {};
    for (const [id, answer] of Object.entries(current)) {
      if (shown.has(id) && isAnswered(answer)) next[id] = answer;
    }
    if (Object.keys(next).length === Object.keys(current).length) return next;
    current = next;
  }
  return current;
}

/** Whether these answers carry contact details (which then need consent). */
export function hasContactDetail(flow: IntakeFlow, answers: IntakeAnswers): boolean {
  return allQuestions(flow).some((q) => {
    const a = answers[q.id];
    return q.type === 'contact' && typeof a === 'object' && !Array.isArray(a) && !!(a as IntakeContactAnswer).detail?.trim();
  });
}

const textMax = (type: IntakeQuestionType) => (type === 'short-text' ? INTAKE_SHORT_TEXT_MAX : INTAKE_LONG_TEXT_MAX);

/** Checks one answer against its question; undefined when it fits (an absent answer always fits). */
export function answerError(q: IntakeQuestion, answer: IntakeAnswer | undefined): IntakeErrorKey | undefined {
  if (answer === undefined) return undefined;
  switch (q.type) {
    case 'single':
    case 'visibility':
    case 'on-behalf':
      if (typeof answer !== 'string') return 'errType';
      return answer === '' || optionValues(q).includes(answer) ? undefined : 'errUnknownOption';
    case 'multiple':
    case 'cards': {
      if (!Array.isArray(answer) || answer.some((v) => typeof v !== 'string')) return 'errType';
      const allowed = optionValues(q);
      return (answer as readonly string[]).every((v) => allowed.includes(v)) ? undefined : 'errUnknownOption';
    }
    case 'short-text':
    case 'long-text':
      if (typeof answer !== 'string') return 'errType';
      return answer.length > textMax(q.type) ? 'errTooLong' : undefined;
    case 'consent':
      return typeof answer === 'boolean' ? undefined : 'errType';
    case 'contact': {
      if (typeof answer !== 'object' || Array.isArray(answer) || answer === null) return 'errType';
      const c = answer as IntakeContactAnswer;
      if (!(INTAKE_CONTACT_CHANNELS as readonly string[]).includes(c.channel)) return 'errUnknownOption';
      const detail = c.detail?.trim() ?? '';
      if ((c.note?.length ?? 0) > INTAKE_SHORT_TEXT_MAX || detail.length > INTAKE_CONTACT_DETAIL_MAX) return 'errTooLong';
      if (c.channel === 'phone' || c.channel === 'email') {
        if (!detail) return 'errDetailMissing';
        if (c.channel === 'email' && !EMAIL_PATTERN.test(detail)) return 'errEmail';
        if (c.channel === 'phone' && (EMAIL_PATTERN.test(detail) || !isPlausibleContact(detail))) return 'errPhone';
      }
      return undefined;
    }
  }
}

/**
 * All problems with a set of answers, keyed by question id: answers that do not fit, answers to
 * unknown questions, and missing consent when contact details were given (reported on the flow's
 * consent question, or on the contact question when the flow has none).
 */
export function validateAnswers(flow: IntakeFlow, answers: IntakeAnswers): Record<string, IntakeErrorKey> {
  const errors: Record<string, IntakeErrorKey> = {};
  const questions = new Map(allQuestions(flow).map((q) => [q.id, q]));
  for (const [id, answer] of Object.entries(answers)) {
    const q = questions.get(id);
    const error = q ? answerError(q, answer) : 'errType';
    if (error) errors[id] = error;
  }
  if (hasContactDetail(flow, answers)) {
    const consent = allQuestions(flow).find((q) => q.type === 'consent');
    const contact = allQuestions(flow).find((q) => q.type === 'contact')!;
    if (!consent) errors[contact.id] ??= 'errConsent';
    else if (answers[consent.id] !== true) errors[consent.id] ??= 'errConsent';
  }
  return errors;
}

/** Problems with a flow definition beyond its shape: duplicate ids, conditions on later or unknown questions. */
export function flowIssues(flow: IntakeFlow): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const seen = new Map<string, IntakeQuestion>();
  const stepIds = new Set<string>();
  const checkCondition = (c: IntakeCondition | undefined, path: string) => {
    if (!c) return;
    const target = seen.get(c.question);
    if (!target) {
      issues.push({ path: `${path}.question`, message: `"${c.question}" is not an earlier question` });
    } else if (c.anyOf) {
      const allowed = target.type === 'contact' ? INTAKE_CONTACT_CHANNELS : target.type === 'consent' ? ['yes'] : optionValues(target);
      for (const v of c.anyOf) {
        if (!(allowed as readonly string[]).includes(v))
          issues.push({ path: `${path}.anyOf`, message: `"${v}" is not a choice of "${c.question}"` });
      }
    }
  };
  flow.steps.forEach((step, s) => {
    if (stepIds.has(step.id)) issues.push({ path: `steps.${s}.id`, message: `Step id "${step.id}" is used twice` });
    stepIds.add(step.id);
    checkCondition(step.showIf, `steps.${s}.showIf`);
    step.questions.forEach((q, n) => {
      const path = `steps.${s}.questions.${n}`;
      checkCondition(q.showIf, `${path}.showIf`);
      if (seen.has(q.id)) issues.push({ path: `${path}.id`, message: `Question id "${q.id}" is used twice` });
      const needsOptions = q.type === 'single' || isMultiChoice(q.type);
      if (needsOptions && !q.options?.length) issues.push({ path: `${path}.options`, message: 'Give at least one option' });
      const values = (q.options ?? []).map((o) => o.value);
      if (new Set(values).size !== values.length) issues.push({ path: `${path}.options`, message: 'Option values must differ' });
      seen.set(q.id, q);
    });
  });
  const count = (type: IntakeQuestionType) => [...seen.values()].filter((q) => q.type === type).length;
  for (const type of ['contact', 'consent', 'visibility', 'on-behalf'] as const) {
    if (count(type) > 1) issues.push({ path: 'steps', message: `At most one "${type}" question` });
  }
  if (count('consent') && !count('contact')) issues.push({ path: 'steps', message: 'A consent question needs a contact question' });
  return issues;
}

/**
 * Builds the payload from the widget's answers: hidden and empty answers dropped, visibility lifted
 * out (defaulting to the most private choice), `forSomeoneElse` set from the on-behalf answer.
 */
export function buildIntakePayload(flow: IntakeFlow, raw: IntakeAnswers, assisted: boolean): IntakePayload {
  const pruned = pruneAnswers(flow, raw);
  const answers: Record<string, IntakeAnswer> = {};
  let visibility: IntakeVisibility = 'professional';
  let forSomeoneElse = false;
  for (const q of allQuestions(flow)) {
    const a = pruned[q.id];
    if (a === undefined) continue;
    if (q.type === 'visibility') visibility = a === 'host' ? 'host' : 'professional';
    else if (q.type === 'on-behalf') {
      forSomeoneElse = a === 'other' || a === 'together';
      answers[q.id] = a; // kept too: "for" or "with" someone
    } else if (q.type === 'contact') {
      const c = a as IntakeContactAnswer;
      const detail = c.channel === 'phone' || c.channel === 'email' ? c.detail?.trim() : undefined;
      const note = c.note?.trim();
      answers[q.id] = { channel: c.channel, ...(detail && { detail }), ...(note && { note }) };
    } else answers[q.id] = typeof a === 'string' ? a.trim() : a;
  }
  return { kind: 'intake', flow: { id: flow.id, version: flow.version }, answers, visibility, forSomeoneElse, assisted };
}
