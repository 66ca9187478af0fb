/**
 * The coordinator's poll form as plain data: a poll definition ⇄ what the
 * form edits. Pure and DOM-free (unit-tested). Option values and statement ids are made from their
 * text when new, and kept when they exist, so the answers already given keep counting.
 */
import {
  DEFAULT_STATEMENT_STEM,
  DEFAULT_STATEMENTS,
  POLL_ID_PATTERN,
  type PollDefinition,
  type PollKind,
} from '../../schema/poll-constants.js';
import { localizedOf, translationsOf, type LocalizedText } from '../../schema/localized-text.js';

/** A text's English and Arabic, edited next to the Dutch ('' when not given). */
export interface DraftTranslations {
  en: string;
  ar: string;
}

export const noTranslations = (): DraftTranslations => ({ en: '', ar: '' });

/** The Dutch of a text, and its translations. */
export function draftText(text: LocalizedText | undefined): [string, DraftTranslations] {
  const t = translationsOf(text);
  return [t.nl ?? '', { en: t.en ?? '', ar: t.ar ?? '' }];
}

/** Back to a text: a plain string when only Dutch is given; `undefined` without Dutch. */
function textOfDraft(nl: string, t: DraftTranslations | undefined): LocalizedText | undefined {
  return nl.trim() ? localizedOf(nl, t?.en, t?.ar) : undefined;
}

export interface DraftOption {
  /** Empty for a new option: made from the label on save. */
  value: string;
  label: string;
  labelIn?: DraftTranslations;
}

export interface DraftStatement {
  /** Empty for a new statement: made from the text on save. */
  id: string;
  text: string;
  textIn?: DraftTranslations;
  theme: string;
}

export interface PollDraft {
  id: string;
  kind: PollKind;
  title: string;
  question: string;
  /** English and Arabic of the title, question and stem. */
  translations?: { title: DraftTranslations; question: DraftTranslations; stem: DraftTranslations };
  options: DraftOption[];
  statements: DraftStatement[];
  stem: string;
  subject: string;
  comment: boolean;
  respondentType: boolean;
  story: boolean;
  showResults: boolean;
  /** Tied to one activity (`activityId`). */
  forActivity: boolean;
  /** Open only in a period (`from`…`to`), closed outside it. Both ties may hold at once. */
  inPeriod: boolean;
  activityId: string;
  from: string;
  to: string;
}

/** Where a poll stands today (a local date): tied to a period, it is open only inside it. */
export function pollState(poll: Pick<PollDefinition, 'period'>, today: string): 'open' | 'closed' | 'upcoming' {
  if (!poll.period) return 'open';
  if (today < poll.period.from) return 'upcoming';
  return today > poll.period.to ? 'closed' : 'open';
}

export function newPollDraft(): PollDraft {
  return {
    id: '',
    kind: 'smileys',
    title: '',
    question: '',
    options: [
      { value: '', label: '' },
      { value: '', label: '' },
    ],
    statements: DEFAULT_STATEMENTS.map((s) => {
      const [text, textIn] = draftText(s.text);
      return { id: s.id, text, textIn, theme: s.theme ?? '' };
    }),
    translations: { title: noTranslations(), question: noTranslations(), stem: noTranslations() },
    stem: DEFAULT_STATEMENT_STEM,
    subject: '',
    comment: false,
    respondentType: false,
    story: false,
    showResults: false,
    forActivity: false,
    inPeriod: false,
    activityId: '',
    from: '',
    to: '',
  };
}

export function draftOfPoll(poll: PollDefinition): PollDraft {
  const blank = newPollDraft();
  return {
    ...blank,
    id: poll.id,
    kind: poll.kind,
    title: draftText(poll.title)[0],
    question: draftText(poll.question)[0],
    translations: { title: draftText(poll.title)[1], question: draftText(poll.question)[1], stem: draftText(poll.stem)[1] },
    options:
      poll.options?.map((o) => {
        const [label, labelIn] = draftText(o.label);
        return { value: o.value, label, labelIn };
      }) ?? blank.options,
    statements:
      poll.statements?.map((s) => {
        const [text, textIn] = draftText(s.text);
        return { id: s.id, text, textIn, theme: s.theme ?? '' };
      }) ?? blank.statements,
    stem: poll.stem ? draftText(poll.stem)[0] : blank.stem,
    subject: poll.subject ?? '',
    comment: !!poll.comment,
    respondentType: !!poll.respondentType,
    story: !!poll.story,
    showResults: !!poll.showResults,
    forActivity: !!poll.activityId,
    inPeriod: !!poll.period,
    activityId: poll.activityId ?? '',
    from: poll.period?.from ?? '',
    to: poll.period?.to ?? '',
  };
}

/** A poll id from a text: lower case, dashes, at most 40 characters ('' when nothing is left). */
export function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
}

/** New ids from texts, unique among `taken` (`koffie`, `koffie-2`, …); `fallback-n` for a text without letters. */
function freshIds(items: { id: string; text: string }[], fallback: string): string[] {
  const taken = new Set(items.map((i) => i.id).filter(Boolean));
  return items.map((item, n) => {
    if (item.id) return item.id;
    const base = slugOf(item.text).slice(0, 36).replace(/-+$/, '') || `${fallback}-${n + 1}`;
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    return id;
  });
}

const trimmed = (text: string) => text.trim() || undefined;

/** The body to PUT (`/polls/:id`): only what the kind uses; empty texts are left out. */
export function pollOfDraft(d: PollDraft): Omit<PollDefinition, 'id'> {
  const base = {
    kind: d.kind,
    title: textOfDraft(d.title, d.translations?.title),
    comment: d.comment || undefined,
    respondentType: d.respondentType || undefined,
    story: d.story || undefined,
    showResults: d.showResults || undefined,
    subject: trimmed(d.subject),
    activityId: d.forActivity ? trimmed(d.activityId) : undefined,
    period: d.inPeriod ? { from: d.from, to: d.to } : undefined,
  };
  const extra: Partial<PollDefinition> = {};
  if (d.kind !== 'statements') extra.question = textOfDraft(d.question, d.translations?.question);
  if (d.kind === 'choice') {
    const values = freshIds(
      d.options.map((o) => ({ id: o.value, text: o.label })),
      'keuze',
    );
    extra.options = d.options.map((o, n) => ({ value: values[n]!, label: textOfDraft(o.label, o.labelIn) ?? '' }));
  }
  if (d.kind === 'statements') {
    const ids = freshIds(
      d.statements.map((s) => ({ id: s.id, text: s.text })),
      'stelling',
    );
    extra.statements = d.statements.map((s, n) => ({ id: ids[n]!, text: textOfDraft(s.text, s.textIn) ?? '', theme: trimmed(s.theme) }));
    extra.stem = textOfDraft(d.stem, d.translations?.stem);
  }
  return JSON.parse(JSON.stringify({ ...base, ...extra })) as Omit<PollDefinition, 'id'>;
}

/** A problem the form finds before sending: the field and the string key of its message. */
export interface DraftIssue {
  field: string;
  key: 'required' | 'pollIdInvalid' | 'pollIdTaken' | 'periodOrder';
}

/** What the collector would refuse anyway, found before sending (new ids must not replace a poll). */
export function checkPollDraft(d: PollDraft, isNew: boolean, existingIds: readonly string[]): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (isNew && !POLL_ID_PATTERN.test(d.id)) issues.push({ field: 'id', key: 'pollIdInvalid' });
  else if (isNew && existingIds.includes(d.id)) issues.push({ field: 'id', key: 'pollIdTaken' });
  if (d.kind !== 'statements' && !d.question.trim()) issues.push({ field: 'question', key: 'required' });
  if (d.kind === 'choice') d.options.forEach((o, n) => !o.label.trim() && issues.push({ field: `options.${n}`, key: 'required' }));
  if (d.kind === 'statements') d.statements.forEach((s, n) => !s.text.trim() && issues.push({ field: `statements.${n}`, key: 'required' }));
  if (d.forActivity && !d.activityId.trim()) issues.push({ field: 'activityId', key: 'required' });
  if (d.inPeriod) {
    if (!d.from) issues.push({ field: 'from', key: 'required' });
    if (!d.to) issues.push({ field: 'to', key: 'required' });
    if (d.from && d.to && d.to < d.from) issues.push({ field: 'to', key: 'periodOrder' });
  }
  return issues;
}

/** The form field of a collector issue path (`options.1.label` → `options.1`, `period.to` → `to`). */
export function pollFieldOfPath(path: string): string {
  const [head, second] = path.split('.');
  if (head === 'period') return second === 'from' ? 'from' : 'to';
  if ((head === 'options' || head === 'statements') && second !== undefined && /^\d+$/.test(second)) return `${head}.${second}`;
  return head ?? '';
}
