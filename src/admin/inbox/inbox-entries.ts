/**
 * The inbox per widget as plain data: each kind of record (intake, general or shift
 * sign-up, poll response) becomes one `InboxEntry` that the list, its filters and the detail view
 * read. Plain functions, no DOM; texts come through `EntryFormat`, so both languages work.
 */
import { dutchText } from '../../schema/localized-text.js';
import type { HandledState } from '../../schema/admin.js';
import type { HandledKind } from '../../schema/constants.js';
import type {
  AdminApplication,
  AdminIntake,
  AdminPoll,
  AdminPollResponse,
  AdminShiftSignup,
  InboxApi,
  VolunteerCatalogue,
} from '../shared/api.js';
import { localDay, matchesList, type ListFilter } from './idea-filter.js';
import { pollAnswerLabel } from '../polls/poll-words.js';
import type { AdminStrings } from '../shared/strings.js';

/** The inbox's tabs: one per widget. */
export type InboxTab = 'ideas' | 'intakes' | 'signups' | 'responses';
/** The tabs the inbox loads itself (the app has the ideas). */
export type EntryTab = Exclude<InboxTab, 'ideas'>;

/** The kinds the inbox lists as entries (ideas keep their own list, filters and moderation). */
export type EntryKind = Exclude<HandledKind, 'idea'>;

export interface InboxEntry extends HandledState {
  kind: EntryKind;
  id: string;
  receivedAt: string;
  /** What the list shows: never a name or contact detail. */
  summary: string;
  badges: string[];
  /** Values of the tab's own filter: role, poll or topic. */
  facets: string[];
  /** What the detail view shows, label and value, names and contact included. */
  rows: [string, string][];
}

/** Texts and dates in the page's language. */
export interface EntryFormat {
  t(key: keyof AdminStrings, params?: Record<string, string | number>): string;
  date(iso: string | null): string;
}

export interface EntryFilter extends ListFilter {
  /** One of the entries' `facets`; '' for any. */
  facet: string;
}

export const emptyEntryFilter = (): EntryFilter => ({ from: '', to: '', handled: '', search: '', facet: '' });

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** An answer as text: choices joined, a choice with details as "choice — detail". */
function answerText(value: unknown, f: EntryFormat): string {
  if (typeof value === 'boolean') return f.t(value ? 'yes' : 'no');
  if (Array.isArray(value)) return value.map((v) => answerText(v, f)).join(', ');
  if (value && typeof value === 'object')
    return Object.values(value)
      .map((v) => answerText(v, f))
      .filter(Boolean)
      .join(' — ');
  return value === null || value === undefined ? '' : String(value);
}

function base(kind: EntryKind, r: HandledState & { id: string }, receivedAt: string, f: EntryFormat) {
  const handled = r.handledAt ? f.t('handledOn', { date: f.date(r.handledAt), who: r.handledBy ?? '' }) : f.t('handledNo');
  return {
    kind,
    id: r.id,
    receivedAt,
    handledAt: r.handledAt,
    handledBy: r.handledBy,
    handledRow: [f.t('field.handled'), handled] as [string, string],
  };
}

/**
 * A welcome intake. The list shows only the chosen options (never free text or contact details,
 * which are answers with text); the detail shows every answer the token may read.
 */
export function intakeEntry(i: AdminIntake, f: EntryFormat): InboxEntry {
  const { handledRow, ...common } = base('intake', i, i.receivedAt, f);
  const answers = Object.entries(i.answers ?? {});
  const choices = answers.flatMap(([, a]) => strings(a));
  const yesNo = (v: boolean) => f.t(v ? 'yes' : 'no');
  return {
    ...common,
    summary: choices.length ? choices.join(', ') : f.t('detail.intake'),
    badges: [
      f.t(`visibility.${i.visibility}`),
      i.forSomeoneElse ? f.t('field.forSomeoneElse') : '',
      i.assisted ? f.t('field.assisted') : '',
    ].filter(Boolean),
    facets: [...new Set(choices)],
    rows: [
      [f.t('field.createdAt'), f.date(i.receivedAt)],
      handledRow,
      [f.t('field.flow'), `${i.flow.id} (${i.flow.version})`],
      [f.t('field.visibility'), f.t(`visibility.${i.visibility}`)],
      [f.t('field.forSomeoneElse'), yesNo(i.forSomeoneElse)],
      [f.t('field.assisted'), yesNo(i.assisted)],
      [f.t('field.sensitive'), f.t(`sensitive.${i.sensitiveAnswers}`)],
      ...answers.map(([question, a]): [string, string] => [f.t('field.answer', { question }), answerText(a, f) || f.t('none')]),
      [f.t('field.locale'), i.locale],
      [f.t('field.id'), i.id],
    ],
  };
}

/** A general "ik wil vrijwilliger worden" sign-up: the roles in the list, the person in the detail. */
export function applicationEntry(a: AdminApplication, f: EntryFormat): InboxEntry {
  const { handledRow, ...common } = base('application', a, a.receivedAt, f);
  const d = a.data;
  const roles = strings(d.roles);
  const none = f.t('none');
  const period = [text(d.startDate), text(d.endDate)].filter(Boolean).join(' – ');
  return {
    ...common,
    summary: roles.length ? roles.join(', ') : f.t('kind.application'),
    badges: [f.t('kind.application')],
    facets: roles,
    rows: [
      [f.t('field.createdAt'), f.date(a.receivedAt)],
      handledRow,
      [f.t('field.firstName'), text(d.firstName) ?? none],
      [f.t('field.contact'), text(d.contact) ?? none],
      [f.t('field.roles'), roles.join(', ') || none],
      [f.t('field.availability'), strings(d.availability).join(', ') || none],
      [f.t('field.skills'), text(d.skills) ?? none],
      [f.t('field.motivation'), strings(d.motivation).join(', ') || none],
      [f.t('field.needs'), text(d.needs) ?? none],
      [f.t('field.period'), period || none],
      [f.t('field.locale'), a.locale],
      [f.t('field.id'), a.id],
    ],
  };
}

/** A sign-up for one shift: the shift and its role in the list, the person in the detail. */
export function signupEntry(s: AdminShiftSignup, catalogue: VolunteerCatalogue, f: EntryFormat): InboxEntry {
  const { handledRow, ...common } = base('signup', s, s.createdAt, f);
  const shift = catalogue.shifts.find((x) => x.id === s.shiftId);
  const role = dutchText(catalogue.roles.find((r) => r.id === shift?.data.roleId)?.data.name);
  const title = shift?.data.title !== undefined ? dutchText(shift.data.title) : role;
  const when = `${f.date(s.startAt)} – ${f.date(s.endAt)}`;
  return {
    ...common,
    summary: `${title}, ${f.date(s.startAt)}`,
    badges: [f.t('kind.signup'), f.t(`signup.${s.status}`)],
    facets: role ? [role] : [],
    rows: [
      [f.t('field.createdAt'), f.date(s.createdAt)],
      handledRow,
      [f.t('field.shift'), title || f.t('none')],
      [f.t('field.when'), when],
      [f.t('field.signupStatus'), f.t(`signup.${s.status}`)],
      [f.t('field.firstName'), s.firstName],
      [f.t('field.contact'), s.contact],
      [f.t('field.id'), s.id],
    ],
  };
}

/** A poll response with a comment or a story (the answers alone are in the results, not the inbox). */
export function responseEntry(r: AdminPollResponse, polls: readonly AdminPoll[], f: EntryFormat): InboxEntry {
  const { handledRow, ...common } = base('poll-response', r, r.receivedAt, f);
  const poll = polls.find((p) => p.id === r.pollId);
  const title = poll?.title ?? r.pollId;
  const answer = r.answer === null ? null : pollAnswerLabel(poll, r.answer, (key) => f.t(key));
  const none = f.t('none');
  const statements = Object.entries(r.statements ?? {})
    .map(([k, v]) => `${poll?.statements?.find((s) => s.id === k)?.text ?? k} ${pollAnswerLabel(undefined, v, (key) => f.t(key))}`)
    .join('; ');
  return {
    ...common,
    summary: r.story ?? r.comment ?? '',
    badges: [title, answer ?? ''].filter(Boolean),
    facets: [title],
    rows: [
      [f.t('field.createdAt'), f.date(r.receivedAt)],
      handledRow,
      [f.t('field.poll'), title],
      [f.t('field.pollAnswer'), answer ?? none],
      [f.t('field.statements'), statements || none],
      [f.t('field.comment'), r.comment ?? none],
      [f.t('field.story'), r.story ?? none],
      [f.t('field.respondentType'), r.respondentType ? f.t(`respondent.${r.respondentType}` as keyof AdminStrings) : none],
      [f.t('field.mode'), r.mode ? f.t(`mode.${r.mode}` as keyof AdminStrings) : none],
      [f.t('field.locale'), r.locale],
      [f.t('field.id'), r.id],
    ],
  };
}

/** Poll responses that belong in the inbox: those with a comment or a story. */
export const withText = (responses: readonly AdminPollResponse[]) => responses.filter((r) => r.comment !== null || r.story !== null);

/** Newest first, then the filters; the search reads everything the detail shows. */
export function filterEntries(entries: readonly InboxEntry[], f: EntryFilter): InboxEntry[] {
  return [...entries]
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))
    .filter((e) => {
      if (f.facet && !e.facets.includes(f.facet)) return false;
      const text = [e.summary, ...e.badges, ...e.rows.map(([, v]) => v)].join(' \n ');
      return matchesList(e, text, f);
    });
}

/** The facet values that occur, sorted. */
export const facetsOf = (entries: readonly InboxEntry[]): string[] => [...new Set(entries.flatMap((e) => e.facets))].sort();

/** What the inbox loads itself: everything but the ideas (the app has those). */
export interface InboxData {
  intakes: AdminIntake[];
  applications: AdminApplication[];
  signups: AdminShiftSignup[];
  catalogue: VolunteerCatalogue;
  polls: AdminPoll[];
  responses: AdminPollResponse[];
}

export const emptyData = (): InboxData => ({
  intakes: [],
  applications: [],
  signups: [],
  catalogue: { roles: [], shifts: [] },
  polls: [],
  responses: [],
});

const dayFromToday = (days: number) => localDay(new Date(Date.now() + days * 86_400_000).toISOString());

/**
 * Loads every widget's items but the ideas: sign-ups a year back and ahead, poll responses with
 * text. A widget whose load fails comes back empty, with `errorText` of the error under its tab.
 */
export async function loadInboxData(
  api: InboxApi,
  errorText: (error: unknown) => string,
): Promise<{ data: InboxData; errors: Partial<Record<EntryTab, string>> }> {
  const errors: Partial<Record<EntryTab, string>> = {};
  const settle = async <T>(tab: EntryTab, load: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await load();
    } catch (error) {
      errors[tab] = errorText(error);
      return fallback;
    }
  };
  const [intakes, volunteers, polls] = await Promise.all([
    settle('intakes', () => api.listIntakes(), []),
    settle(
      'signups',
      async () => {
        const [applications, signups, catalogue] = await Promise.all([
          api.listApplications(),
          api.listSignups(dayFromToday(-365), dayFromToday(365)),
          api.volunteerCatalogue(),
        ]);
        return { applications, signups, catalogue };
      },
      { applications: [], signups: [], catalogue: emptyData().catalogue },
    ),
    settle(
      'responses',
      async () => {
        const list = await api.listPolls();
        const responses = (await Promise.all(list.map((p) => api.listPollResponses(p.id)))).flat();
        return { polls: list, responses: withText(responses) };
      },
      { polls: [], responses: [] },
    ),
  ]);
  return { data: { intakes, ...volunteers, ...polls }, errors };
}

/** A tab's entries, in no particular order. */
export function entriesOf(tab: EntryTab, d: InboxData, f: EntryFormat): InboxEntry[] {
  if (tab === 'intakes') return d.intakes.map((i) => intakeEntry(i, f));
  if (tab === 'signups')
    return [...d.applications.map((a) => applicationEntry(a, f)), ...d.signups.map((s) => signupEntry(s, d.catalogue, f))];
  return d.responses.map((r) => responseEntry(r, d.polls, f));
}
