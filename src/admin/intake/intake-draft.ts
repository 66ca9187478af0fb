/**
 * The coordinator's intake-flow form as plain data: a flow ⇄
 * what the form edits. Pure and DOM-free (unit-tested).
 *
 * Texts are edited in Dutch, English and Arabic, side by side; other languages a text has are
 * kept as they are. A question turned off is left out of the saved flow; the built-in flow's
 * questions a saved flow lacks come back as "off", so they can be turned on again. What the form
 * does not show (types, ids, conditions, sensitive flags, option icons' matching) is carried over
 * unchanged, so the schema's rules on them hold as they did.
 */
import {
  INTAKE_ID_PATTERN,
  type IntakeFlow,
  type IntakeOption,
  type IntakeQuestion,
  type IntakeStep,
  type LocalText,
} from '../../schema/welcome-intake-flow.js';
import { slugOf } from '../polls/poll-draft.js';

export interface TextDraft {
  nl: string;
  en: string;
  ar: string;
  /** Other languages, kept unchanged. */
  rest: Record<string, string>;
}

export interface OptionDraft {
  /** The stored option (icon, matching); none for a new one. */
  source?: IntakeOption;
  /** Empty for a new option: made from its label on save. */
  value: string;
  label: TextDraft;
  icon: string;
}

export interface QuestionDraft {
  source: IntakeQuestion;
  on: boolean;
  label: TextDraft;
  hint: TextDraft;
  options: OptionDraft[];
}

export interface StepDraft {
  source: IntakeStep;
  title: TextDraft;
  intro: TextDraft;
  questions: QuestionDraft[];
}

export interface FlowDraft {
  id: string;
  title: TextDraft;
  intro: TextDraft;
  contactPerson: TextDraft;
  steps: StepDraft[];
}

/** A text in one language counts as Dutch (the site's language). */
export function textDraft(text: LocalText | undefined): TextDraft {
  if (text === undefined) return { nl: '', en: '', ar: '', rest: {} };
  if (typeof text === 'string') return { nl: text, en: '', ar: '', rest: {} };
  const { nl = '', en = '', ar = '', ...rest } = text;
  return { nl, en, ar, rest };
}

/** The text to store: the non-empty languages, or nothing when all are empty. */
export function localTextOf(d: TextDraft): LocalText | undefined {
  const entries = Object.entries({ nl: d.nl.trim(), en: d.en.trim(), ar: d.ar.trim(), ...d.rest }).filter(([, v]) => v);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Questions whose options the coordinator edits (the built-in types bring their own). */
export const hasOwnOptions = (q: IntakeQuestion) => q.type === 'single' || q.type === 'multiple' || q.type === 'cards';

function questionDraft(q: IntakeQuestion, on: boolean): QuestionDraft {
  return {
    source: q,
    on,
    label: textDraft(q.label),
    hint: textDraft(q.hint),
    options: (q.options ?? []).map((o) => ({ source: o, value: o.value, label: textDraft(o.label), icon: o.icon ?? '' })),
  };
}

/** The form's data for `flow`; the built-in flow's questions it lacks are added, turned off. */
export function draftOfFlow(flow: IntakeFlow, builtIn: IntakeFlow): FlowDraft {
  const present = new Set(flow.steps.flatMap((s) => s.questions.map((q) => q.id)));
  const steps: StepDraft[] = flow.steps.map((s) => ({
    source: s,
    title: textDraft(s.title),
    intro: textDraft(s.intro),
    questions: s.questions.map((q) => questionDraft(q, true)),
  }));
  for (const s of builtIn.steps) {
    const missing = s.questions.filter((q) => !present.has(q.id)).map((q) => questionDraft(q, false));
    if (!missing.length) continue;
    const same = steps.find((d) => d.source.id === s.id);
    if (same) same.questions.push(...missing);
    else steps.push({ source: s, title: textDraft(s.title), intro: textDraft(s.intro), questions: missing });
  }
  return {
    id: flow.id,
    title: textDraft(flow.title),
    intro: textDraft(flow.intro),
    contactPerson: textDraft(flow.contactPerson),
    steps,
  };
}

/** A consent question is on exactly when the contact question is: consent is asked only for contact details. */
export function withConsentFollowingContact(d: FlowDraft): FlowDraft {
  const contactOn = d.steps.some((s) => s.questions.some((q) => q.source.type === 'contact' && q.on));
  return {
    ...d,
    steps: d.steps.map((s) => ({
      ...s,
      questions: s.questions.map((q) => (q.source.type === 'consent' ? { ...q, on: contactOn } : q)),
    })),
  };
}

/** An option value from its label: an id as the schema wants it, unique in the question. */
function optionValues(options: OptionDraft[]): string[] {
  const taken = new Set(options.map((o) => o.value).filter(Boolean));
  return options.map((o, n) => {
    if (o.value) return o.value;
    let base = slugOf(o.label.nl || o.label.en || o.label.ar)
      .slice(0, 36)
      .replace(/-+$/, '');
    if (!INTAKE_ID_PATTERN.test(base)) base = `keuze-${base || n + 1}`.slice(0, 36).replace(/-+$/, '');
    let value = base;
    for (let k = 2; taken.has(value); k++) value = `${base}-${k}`;
    taken.add(value);
    return value;
  });
}

/** Drops undefined members, as JSON would. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export interface SavedFlow {
  flow: Omit<IntakeFlow, 'version'>;
  /** `steps.S.questions.N` of the saved flow → `[s, n]` of the draft (turned-off questions shift indices). */
  places: Map<string, [number, number]>;
  /** Saved step index → draft step index. */
  stepPlaces: number[];
}

/** The flow to PUT: questions that are on, steps with at least one of them, texts trimmed. */
export function flowOfDraft(d: FlowDraft): SavedFlow {
  const places = new Map<string, [number, number]>();
  const stepPlaces: number[] = [];
  const steps: IntakeStep[] = [];
  d.steps.forEach((s, si) => {
    const questions: IntakeQuestion[] = [];
    s.questions.forEach((q, qi) => {
      if (!q.on) return;
      places.set(`${steps.length}.${questions.length}`, [si, qi]);
      const values = optionValues(q.options);
      questions.push(
        defined({
          ...q.source,
          label: localTextOf(q.label) ?? '',
          hint: localTextOf(q.hint),
          options: hasOwnOptions(q.source)
            ? q.options.map((o, n) =>
                defined({ ...o.source, value: values[n]!, label: localTextOf(o.label) ?? '', icon: o.icon.trim() || undefined }),
              )
            : q.source.options,
        }),
      );
    });
    if (!questions.length) return;
    stepPlaces.push(si);
    steps.push(defined({ ...s.source, title: localTextOf(s.title) ?? '', intro: localTextOf(s.intro), questions }));
  });
  const flow = defined({
    id: d.id,
    title: localTextOf(d.title),
    intro: localTextOf(d.intro),
    contactPerson: localTextOf(d.contactPerson),
    steps,
  });
  return { flow, places, stepPlaces };
}

/** The form field of a collector issue on the saved flow (see `flowOfDraft`'s places). */
export function intakeFieldOfPath(path: string, saved: Pick<SavedFlow, 'places' | 'stepPlaces'>): string {
  const parts = path.split('.');
  if (parts[0] !== 'steps' || parts[1] === undefined) return parts[0] ?? '';
  const step = saved.stepPlaces[Number(parts[1])];
  if (step === undefined) return 'steps';
  if (parts[2] !== 'questions' || parts[3] === undefined) return parts[2] === 'title' ? `s${step}-title` : `s${step}`;
  const place = saved.places.get(`${parts[1]}.${parts[3]}`);
  if (!place) return `s${step}`;
  const q = `s${place[0]}-q${place[1]}`;
  if (parts[4] === 'label') return `${q}-label`;
  if (parts[4] === 'options' && parts[5] !== undefined && /^\d+$/.test(parts[5])) return `${q}-o${parts[5]}`;
  return q;
}

/** Problems the form finds before sending, as field → string key (and the label of what it depends on). */
export function checkFlowDraft(d: FlowDraft): { field: string; key: 'required' | 'dependsOnOff'; name?: string }[] {
  const issues: { field: string; key: 'required' | 'dependsOnOff'; name?: string }[] = [];
  const questions = d.steps.flatMap((s) => s.questions);
  const off = new Map(questions.filter((q) => !q.on).map((q) => [q.source.id, q]));
  const label = (t: TextDraft) => t.nl || t.en || t.ar;
  d.steps.forEach((s, si) => {
    const stepOn = s.questions.some((q) => q.on);
    if (stepOn && !label(s.title).trim()) issues.push({ field: `s${si}-title`, key: 'required' });
    const stepCondition = stepOn && s.source.showIf && off.get(s.source.showIf.question);
    if (stepCondition) issues.push({ field: `s${si}`, key: 'dependsOnOff', name: label(stepCondition.label) });
    s.questions.forEach((q, qi) => {
      if (!q.on) return;
      if (!label(q.label).trim()) issues.push({ field: `s${si}-q${qi}-label`, key: 'required' });
      q.options.forEach((o, oi) => !label(o.label).trim() && issues.push({ field: `s${si}-q${qi}-o${oi}`, key: 'required' }));
      const depends = q.source.showIf && off.get(q.source.showIf.question);
      if (depends) issues.push({ field: `s${si}-q${qi}`, key: 'dependsOnOff', name: label(depends.label) });
    });
  });
  return issues;
}
