/**
 * The coordinator API as the admin page uses it: same-origin fetches with the bearer token. The
 * views take an `AdminApi`, so tests (and stories) can hand them another implementation.
 */
import type {
  ActivityRecord,
  AdminIdea,
  AttendanceClaim,
  HandledState,
  IdeaTagChange,
  VolunteerItemRecord,
  ShiftSignupRecord,
} from '../../schema/admin.js';
import { HANDLED_PATHS, type HandledKind } from '../../schema/constants.js';
import type { IdeaModeration } from '../../schema/idea-box.js';
import type { ActivityOutput } from '../../schema/activity-output.js';
import type { FieldIssue } from '../../schema/envelope.js';
import type { PollResults } from '../../schema/poll-results.js';
import type { CsvDelimiterName, RetentionSettings } from '../../schema/constants.js';
import { DEFAULT_STATEMENTS, type PollDefinition } from '../../schema/poll-constants.js';
import { dutchText } from '../../schema/localized-text.js';
import type { IntakeFlow } from '../../schema/welcome-intake-flow.js';
import type { VolunteerRole, VolunteerRoleInput, VolunteerShift, VolunteerShiftInput } from '../../schema/volunteer.js';

/** What the signed-in token may do, as the collector's `whoami` says. */
export interface Scopes {
  read: boolean;
  moderate: boolean;
  export: boolean;
  /** Privacy tasks and the audit log; absent from `AdminApi`s that do not say. */
  admin?: boolean;
}

export interface CsvFile {
  blob: Blob;
  fileName: string;
  text: string;
}

/** An answer other than 2xx, or no answer at all (`status` 0). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export interface AdminApi {
  readonly site: string;
  scopes(): Promise<Scopes>;
  listIdeas(): Promise<AdminIdea[]>;
  moderateIdea(id: string, changes: IdeaModeration): Promise<AdminIdea>;
  exportIdeasCsv(delimiter: CsvDelimiterName): Promise<CsvFile>;
}

// — merged ideas and tags —

/** Merging duplicates and tagging; `HttpAdminApi` has it, other `AdminApi`s may not. */
export interface IdeaGroupsApi {
  /** Merges `ids` into `target`; answers the target. */
  mergeIdeas(target: string, ids: string[]): Promise<AdminIdea>;
  /** Undoes a merge; answers the idea, on its own again. */
  unmergeIdea(id: string): Promise<AdminIdea>;
  changeIdeaTags(id: string, change: Partial<IdeaTagChange>): Promise<AdminIdea>;
}

export const hasIdeaGroupsApi = (api: unknown): api is IdeaGroupsApi =>
  !!api && typeof (api as Partial<IdeaGroupsApi>).mergeIdeas === 'function';

// — calendar —

/** A calendar item as the admin API returns it (the collector's `ActivityRecord`): `id` is the row id used in admin URLs. */
export type AdminActivity = ActivityRecord;

/** The impact-report figures of a period, as the collector's activities JSON export has them. */
export type ActivityFigures = Omit<ActivityOutput, 'site' | 'perActivity'>;

/** The calendar part of the coordinator API; `HttpAdminApi` has it, other `AdminApi`s may not. */
export interface CalendarApi {
  activityFigures(from: string, to: string): Promise<ActivityFigures>;
  exportActivitiesCsv(from: string, to: string): Promise<CsvFile>;
  listActivities(): Promise<AdminActivity[]>;
  createActivity(item: Record<string, unknown>): Promise<AdminActivity>;
  updateActivity(id: string, item: Record<string, unknown>): Promise<AdminActivity>;
  deleteActivity(id: string): Promise<void>;
  /** Each "ik kom" of an activity (anonymous), and removing one. */
  listAttendanceClaims(activityId: string): Promise<AttendanceClaim[]>;
  removeAttendanceClaim(claimId: string): Promise<void>;
}

/** Each "ik kom" of an activity, as stored. */
export type { AttendanceClaim };

export const hasCalendarApi = (api: unknown): api is CalendarApi =>
  !!api && typeof (api as Partial<CalendarApi>).listActivities === 'function';

// — exports, results and privacy sections —

/** A downloaded export: the bytes, the collector's file name and its media type. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  contentType: string;
}

/** One line of the site's audit log, as `GET …/audit` returns it. */
export interface AuditLine {
  at: string;
  /** The token's display prefix (or `cli`). */
  actor: string;
  action: string;
  target: string | null;
  rowCount: number | null;
}

/** A poll as the coordinator list has it (enough to pick one and chart its results). */
export interface AdminPoll {
  id: string;
  title: string;
  /** The one question of a one-tap poll, as the visitor reads it. */
  question?: string | undefined;
  /** Labels of the question's answer values. */
  options: { value: string; label: string }[];
  /** The statements of a statements poll (id and text after the stem). */
  statements?: { id: string; text: string }[] | undefined;
}

/** Intake topic counts (`GET …/intakes/summary`). */
export interface IntakeSummary {
  intakes: number;
  questions: { id: string; label: string; sensitive: boolean; counts: Record<string, number> }[];
}

export interface PersonFound {
  matched: Record<string, number>;
  ideas: { id: string; text: string; name: string | null; contact: string | null; createdAt: string }[];
  volunteerSignups: { id: string; name?: string | null; createdAt?: string; [key: string]: unknown }[];
  volunteerApplications: { id: string; receivedAt?: string; [key: string]: unknown }[];
  /** Welcome intakes whose sealed contact details match (the record only, not its answers). */
  intakes: { id: string; createdAt?: string; [key: string]: unknown }[];
}

export interface ErasureReceipt {
  receiptId: string;
  erasedAt: string;
  matched: Record<string, number>;
  removedFields: string[];
}

/** The parts of the coordinator API the exports, results and privacy sections use. */
export interface SectionsApi {
  download(path: string): Promise<DownloadedFile>;
  auditLog(action?: string, limit?: number): Promise<AuditLine[]>;
  listPolls(): Promise<AdminPoll[]>;
  pollResults(poll: string, from?: string, to?: string): Promise<PollResults>;
  intakeSummary(): Promise<IntakeSummary>;
  reportHtml(from?: string, to?: string): Promise<string>;
  findPerson(contact: string): Promise<PersonFound>;
  erasePerson(contact: string, includeContent: boolean): Promise<ErasureReceipt>;
}

/** What the coordinator page reads of a volunteer's sign-up for one shift occurrence (`GET …/volunteer/signups`). */
export type AdminShiftSignup = Pick<
  ShiftSignupRecord,
  'id' | 'shiftId' | 'date' | 'startAt' | 'endAt' | 'firstName' | 'contact' | 'status' | 'position' | 'attended' | 'createdAt'
> &
  HandledState;

/** A role or shift as the coordinator routes store it; `id` is used in their URLs. */
export type AdminVolunteerItem<T> = VolunteerItemRecord<T>;

/** The site's roles and shifts (`GET …/volunteer/roles` and `…/shifts`). */
export interface VolunteerCatalogue {
  roles: AdminVolunteerItem<VolunteerRole>[];
  shifts: AdminVolunteerItem<VolunteerShift>[];
}

/** The volunteers section's part of the API. */
export interface VolunteerApi {
  volunteerCatalogue(): Promise<VolunteerCatalogue>;
  listSignups(from: string, to: string): Promise<AdminShiftSignup[]>;
  setAttendance(id: string, attended: boolean | null): Promise<AdminShiftSignup>;
}

/** Changing roles and shifts (`moderate`); `HttpAdminApi` has it, other `VolunteerApi`s may not. */
export interface VolunteerCatalogueApi {
  /** Creates (no `id`) or replaces a role or shift; resolves with it as stored. */
  saveVolunteerItem<K extends 'role' | 'shift'>(
    kind: K,
    data: VolunteerItemInput<K>,
    id?: string,
  ): Promise<AdminVolunteerItem<VolunteerItemOf<K>>>;
  deleteVolunteerItem(kind: 'role' | 'shift', id: string): Promise<void>;
}

type VolunteerItemOf<K> = K extends 'role' ? VolunteerRole : VolunteerShift;
export type VolunteerItemInput<K> = K extends 'role' ? VolunteerRoleInput : VolunteerShiftInput;

export const hasVolunteerCatalogueApi = (api: unknown): api is VolunteerCatalogueApi =>
  !!api && typeof (api as Partial<VolunteerCatalogueApi>).saveVolunteerItem === 'function';

// — inbox per widget and "mark as handled" —

/** A welcome intake as `GET …/intakes` returns it: the answers the token may read. */
export interface AdminIntake extends HandledState {
  id: string;
  receivedAt: string;
  flow: { id: string; version: number };
  visibility: 'professional' | 'host';
  forSomeoneElse: boolean;
  assisted: boolean;
  locale: string;
  /** null: withheld (the visitor chose "only the professional" and the token lacks `sensitive`). */
  answers: Record<string, unknown> | null;
  sensitiveAnswers: 'included' | 'withheld' | 'unreadable' | 'none';
}

/** A general "ik wil vrijwilliger worden" sign-up (`GET …/volunteer/applications`): its envelope. */
export interface AdminApplication extends HandledState {
  id: string;
  receivedAt: string;
  locale: string;
  data: Record<string, unknown>;
}

/** A poll response (`GET …/polls/:poll/responses`). */
export interface AdminPollResponse extends HandledState {
  id: string;
  pollId: string;
  answer: string | null;
  statements: Record<string, string> | null;
  comment: string | null;
  story: string | null;
  respondentType: string | null;
  mode: string | null;
  locale: string;
  receivedAt: string;
}

/** What the inbox needs besides ideas; `HttpAdminApi` has it, other `AdminApi`s may not. */
export interface InboxApi extends VolunteerApi {
  listIntakes(): Promise<AdminIntake[]>;
  listApplications(): Promise<AdminApplication[]>;
  listPolls(): Promise<AdminPoll[]>;
  listPollResponses(poll: string): Promise<AdminPollResponse[]>;
  /** `PUT …/<kind>/:id/handled`: the state after the change. */
  setHandled(kind: HandledKind, id: string, handled: boolean): Promise<HandledState & { id: string }>;
}

export const hasInboxApi = (api: unknown): api is InboxApi => !!api && typeof (api as Partial<InboxApi>).setHandled === 'function';

export const hasVolunteerApi = (api: unknown): api is VolunteerApi =>
  !!api && typeof (api as Partial<VolunteerApi>).listSignups === 'function';

export const hasSectionsApi = (api: unknown): api is SectionsApi => !!api && typeof (api as Partial<SectionsApi>).download === 'function';

// — manage polls and the intake flow; retention —

/** A poll as the coordinator list has it: stored, or built in (until the site saves one with its id). */
export interface SitePoll {
  poll: PollDefinition;
  builtIn: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The site's welcome-intake flow: the built-in one and every saved version, oldest first. */
export interface IntakeFlows {
  builtIn: IntakeFlow;
  flows: { version: number; flow: IntakeFlow; actor: string; createdAt: string }[];
}

/** The manage sections' part of the API (polls and the intake flow). */
export interface ManageApi {
  pollDefinitions(): Promise<SitePoll[]>;
  /** Creates or replaces a poll (`moderate`); resolves with the poll as stored. */
  savePoll(id: string, poll: Omit<PollDefinition, 'id'>): Promise<PollDefinition>;
  intakeFlows(): Promise<IntakeFlows>;
  /** Saves a new version of the flow (`moderate`); resolves with its version number. */
  saveIntakeFlow(flow: Omit<IntakeFlow, 'version'>): Promise<number>;
}

export const hasManageApi = (api: unknown): api is ManageApi => !!api && typeof (api as Partial<ManageApi>).pollDefinitions === 'function';

/** A site's retention periods as `GET …/settings/retention` has them. */
export interface RetentionInfo {
  retention: RetentionSettings;
  /** The site's own periods; the rest are the defaults. */
  custom: Partial<RetentionSettings>;
  defaults: RetentionSettings;
  min: number;
  max: number;
  rules: { key: keyof RetentionSettings; action: string; what: string }[];
}

/** What the purge removes (or would, in a dry run) per rule. */
export interface PurgeLine {
  action: string;
  what: string;
  months: number;
  before: string;
  count: number;
}

/** The privacy section's retention part (`admin`). */
export interface RetentionApi {
  retention(): Promise<RetentionInfo>;
  saveRetention(periods: Partial<RetentionSettings>): Promise<RetentionInfo>;
  purge(dryRun: boolean): Promise<PurgeLine[]>;
}

/** The websites allowed to use the site's widgets (`…/settings/origins`). */
export interface OriginsApi {
  origins(): Promise<string[]>;
  saveOrigins(origins: string[]): Promise<string[]>;
}

export const hasOriginsApi = (api: unknown): api is OriginsApi => !!api && typeof (api as Partial<OriginsApi>).saveOrigins === 'function';

export const hasRetentionApi = (api: unknown): api is RetentionApi =>
  !!api && typeof (api as Partial<RetentionApi>).saveRetention === 'function';

export class HttpAdminApi
  implements
    AdminApi,
    CalendarApi,
    SectionsApi,
    VolunteerApi,
    VolunteerCatalogueApi,
    ManageApi,
    RetentionApi,
    OriginsApi,
    InboxApi,
    IdeaGroupsApi
{
  /**
   * @param apiBase Origin (and path prefix) of the collector; '' for the page's own origin.
   * @param fetchImpl The fetch to use; tests route it elsewhere.
   */
  constructor(
    readonly token: string,
    readonly site: string,
    readonly apiBase = '',
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private url(path: string): string {
    return `${this.apiBase}/v1/admin/sites/${encodeURIComponent(this.site)}${path}`;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), {
        ...init,
        credentials: 'omit',
        cache: 'no-store',
        headers: { Authorization: `Bearer ${this.token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      });
    } catch (error) {
      throw new AdminApiError(0, 'network', (error as Error).message);
    }
    return res;
  }

  private static async fail(res: Response): Promise<never> {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; issues?: FieldIssue[] };
    throw new AdminApiError(res.status, body.error ?? 'http_error', body.message ?? res.statusText, body.issues ?? []);
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await this.request(path, init);
    if (!res.ok) return HttpAdminApi.fail(res);
    return (await res.json()) as T;
  }

  /** What the token may do, as the collector says (`GET …/whoami`; `admin` counts as every scope). */
  async scopes(): Promise<Scopes> {
    const { scopes } = await this.json<{ scopes: string[] }>('/whoami');
    const has = (scope: string) => scopes.includes(scope);
    return { read: has('read'), moderate: has('moderate'), export: has('export'), admin: has('admin') };
  }

  async listIdeas(): Promise<AdminIdea[]> {
    return (await this.json<{ ideas: AdminIdea[] }>('/ideas?limit=5000')).ideas;
  }

  moderateIdea(id: string, changes: IdeaModeration): Promise<AdminIdea> {
    return this.json<AdminIdea>(`/ideas/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(changes) });
  }

  async exportIdeasCsv(delimiter: CsvDelimiterName): Promise<CsvFile> {
    return this.csv(`/export/ideas.csv?delimiter=${delimiter}`, `ideeen-${this.site}.csv`);
  }

  private async csv(path: string, fallbackName: string): Promise<CsvFile> {
    const res = await this.request(path);
    if (!res.ok) return HttpAdminApi.fail(res);
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    return { blob, fileName, text: await blob.text() };
  }

  // — merged ideas and tags —

  mergeIdeas(target: string, ids: string[]): Promise<AdminIdea> {
    return this.json<AdminIdea>(`/ideas/${encodeURIComponent(target)}/merge`, { method: 'POST', body: JSON.stringify({ ideas: ids }) });
  }

  unmergeIdea(id: string): Promise<AdminIdea> {
    return this.json<AdminIdea>(`/ideas/${encodeURIComponent(id)}/unmerge`, { method: 'POST', body: '{}' });
  }

  changeIdeaTags(id: string, change: Partial<IdeaTagChange>): Promise<AdminIdea> {
    return this.json<AdminIdea>(`/ideas/${encodeURIComponent(id)}/tags`, { method: 'POST', body: JSON.stringify(change) });
  }

  // — calendar —

  async listActivities(): Promise<AdminActivity[]> {
    return (await this.json<{ activities: AdminActivity[] }>('/activities')).activities;
  }

  createActivity(item: Record<string, unknown>): Promise<AdminActivity> {
    return this.json<AdminActivity>('/activities', { method: 'POST', body: JSON.stringify(item) });
  }

  updateActivity(id: string, item: Record<string, unknown>): Promise<AdminActivity> {
    return this.json<AdminActivity>(`/activities/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(item) });
  }

  async activityFigures(from: string, to: string): Promise<ActivityFigures> {
    return (await this.json<{ output: ActivityFigures }>(`/export/activities.json?${new URLSearchParams({ from, to })}`)).output;
  }

  exportActivitiesCsv(from: string, to: string): Promise<CsvFile> {
    return this.csv(`/export/activities.csv?${new URLSearchParams({ from, to })}`, `activiteiten-${this.site}.csv`);
  }

  async deleteActivity(id: string): Promise<void> {
    const res = await this.request(`/activities/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!res.ok) await HttpAdminApi.fail(res);
  }

  async listAttendanceClaims(activityId: string): Promise<AttendanceClaim[]> {
    return (await this.json<{ claims: AttendanceClaim[] }>(`/activities/${encodeURIComponent(activityId)}/attendance`)).claims;
  }

  async removeAttendanceClaim(claimId: string): Promise<void> {
    const res = await this.request(`/attendance/${encodeURIComponent(claimId)}`, { method: 'DELETE' });
    if (!res.ok) await HttpAdminApi.fail(res);
  }

  // — exports, results and privacy sections —

  /** Any export under the site's admin path, e.g. `/export/ideas.xlsx` or `/polls/x/export/results.csv?…`. */
  async download(path: string): Promise<DownloadedFile> {
    const res = await this.request(path);
    if (!res.ok) return HttpAdminApi.fail(res);
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? (path.split('?')[0]!.split('/').pop() || 'export');
    return { blob, fileName, contentType: res.headers.get('Content-Type') ?? blob.type };
  }

  async auditLog(action?: string, limit = 50): Promise<AuditLine[]> {
    const query = new URLSearchParams({ limit: String(limit), ...(action ? { action } : {}) });
    return (await this.json<{ entries: AuditLine[] }>(`/audit?${query}`)).entries;
  }

  async listPolls(): Promise<AdminPoll[]> {
    const { polls } = await this.json<{ polls: { poll: PollDefinition }[] }>('/polls');
    // Coordinators read the Dutch; the translations are edited in the poll form.
    return polls.map(({ poll }) => ({
      id: poll.id,
      title: dutchText(poll.title ?? poll.question) || poll.id,
      question: poll.question ? dutchText(poll.question) : undefined,
      options: (poll.options ?? []).map((o) => ({ value: o.value, label: dutchText(o.label) })),
      statements: (poll.statements ?? (poll.kind === 'statements' ? DEFAULT_STATEMENTS : undefined))?.map((s) => ({
        id: s.id,
        text: dutchText(s.text),
      })),
    }));
  }

  async pollResults(poll: string, from?: string, to?: string): Promise<PollResults> {
    const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return (await this.json<{ results: PollResults }>(`/polls/${encodeURIComponent(poll)}/results?${query}`)).results;
  }

  intakeSummary(): Promise<IntakeSummary> {
    return this.json<IntakeSummary>('/intakes/summary');
  }

  async reportHtml(from?: string, to?: string): Promise<string> {
    const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const res = await this.request(`/report?${query}`);
    if (!res.ok) return HttpAdminApi.fail(res);
    return res.text();
  }

  findPerson(contact: string): Promise<PersonFound> {
    // In the body, not the URL: proxies and access logs keep URLs.
    return this.json<PersonFound>('/people', { method: 'POST', body: JSON.stringify({ contact }) });
  }

  erasePerson(contact: string, includeContent: boolean): Promise<ErasureReceipt> {
    return this.json<ErasureReceipt>('/people/erase', { method: 'POST', body: JSON.stringify({ contact, includeContent }) });
  }

  async volunteerCatalogue(): Promise<VolunteerCatalogue> {
    const [roles, shifts] = await Promise.all([
      this.json<{ roles: VolunteerCatalogue['roles'] }>('/volunteer/roles'),
      this.json<{ shifts: VolunteerCatalogue['shifts'] }>('/volunteer/shifts'),
    ]);
    return { roles: roles.roles, shifts: shifts.shifts };
  }

  async listSignups(from: string, to: string): Promise<AdminShiftSignup[]> {
    return (await this.json<{ signups: AdminShiftSignup[] }>(`/volunteer/signups?${new URLSearchParams({ from, to })}`)).signups;
  }

  async listIntakes(): Promise<AdminIntake[]> {
    return (await this.json<{ intakes: AdminIntake[] }>('/intakes?limit=500')).intakes;
  }

  async listApplications(): Promise<AdminApplication[]> {
    return (await this.json<{ applications: AdminApplication[] }>('/volunteer/applications')).applications;
  }

  /** The poll's responses: all of them, or those of its own period when it is tied to one. */
  async listPollResponses(poll: string): Promise<AdminPollResponse[]> {
    return (await this.json<{ responses: AdminPollResponse[] }>(`/polls/${encodeURIComponent(poll)}/responses`)).responses;
  }

  setHandled(kind: HandledKind, id: string, handled: boolean): Promise<HandledState & { id: string }> {
    const path = `/${HANDLED_PATHS[kind]}/${encodeURIComponent(id)}/handled`;
    return this.json(path, { method: 'PUT', body: JSON.stringify({ handled }) });
  }

  setAttendance(id: string, attended: boolean | null): Promise<AdminShiftSignup> {
    return this.json<AdminShiftSignup>(`/volunteer/signups/${encodeURIComponent(id)}/attendance`, {
      method: 'PUT',
      body: JSON.stringify({ attended }),
    });
  }

  saveVolunteerItem<K extends 'role' | 'shift'>(
    kind: K,
    data: VolunteerItemInput<K>,
    id?: string,
  ): Promise<AdminVolunteerItem<VolunteerItemOf<K>>> {
    const path = `/volunteer/${kind}s${id ? `/${encodeURIComponent(id)}` : ''}`;
    return this.json(path, { method: id ? 'PUT' : 'POST', body: JSON.stringify(data) });
  }

  async deleteVolunteerItem(kind: 'role' | 'shift', id: string): Promise<void> {
    const res = await this.request(`/volunteer/${kind}s/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!res.ok) await HttpAdminApi.fail(res);
  }

  // — manage polls and the intake flow; retention —

  async pollDefinitions(): Promise<SitePoll[]> {
    return (await this.json<{ polls: SitePoll[] }>('/polls')).polls;
  }

  async savePoll(id: string, poll: Omit<PollDefinition, 'id'>): Promise<PollDefinition> {
    return (await this.json<{ poll: PollDefinition }>(`/polls/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(poll) }))
      .poll;
  }

  intakeFlows(): Promise<IntakeFlows> {
    return this.json<IntakeFlows>('/intake-flows');
  }

  async saveIntakeFlow(flow: Omit<IntakeFlow, 'version'>): Promise<number> {
    return (await this.json<{ version: number }>('/intake-flow', { method: 'PUT', body: JSON.stringify(flow) })).version;
  }

  retention(): Promise<RetentionInfo> {
    return this.json<RetentionInfo>('/settings/retention');
  }

  saveRetention(periods: Partial<RetentionSettings>): Promise<RetentionInfo> {
    return this.json<RetentionInfo>('/settings/retention', { method: 'PUT', body: JSON.stringify(periods) });
  }

  async origins(): Promise<string[]> {
    return (await this.json<{ origins: string[] }>('/settings/origins')).origins;
  }

  async saveOrigins(origins: string[]): Promise<string[]> {
    return (await this.json<{ origins: string[] }>('/settings/origins', { method: 'PUT', body: JSON.stringify({ origins }) })).origins;
  }

  async purge(dryRun: boolean): Promise<PurgeLine[]> {
    return (await this.json<{ lines: PurgeLine[] }>('/settings/retention/purge', { method: 'POST', body: JSON.stringify({ dryRun }) }))
      .lines;
  }
}
