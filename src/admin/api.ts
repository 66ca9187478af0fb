/**
 * The coordinator API as the admin page uses it: same-origin fetches with the bearer token. The
 * views take an `AdminApi`, so tests (and stories) can hand them another implementation.
 */
import type { AdminIdea } from '../schema/admin.js';
import type { IdeaModeration } from '../schema/idea-box.js';
import type { ActivityOutput } from '../collector/export/activities.js';
import type { StoredItem } from './calendar-draft.js';

/** What the signed-in token may do, as the collector's `whoami` says. */
export interface Scopes {
  read: boolean;
  moderate: boolean;
  export: boolean;
}

export type CsvDelimiterName = 'semicolon' | 'comma';

export interface CsvFile {
  blob: Blob;
  fileName: string;
  text: string;
}

export interface FieldIssue {
  path: string;
  message: string;
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


// — calendar (issue 4) —

/** A calendar item as the admin API returns it: `id` is the row id used in admin URLs. */
export interface AdminActivity {
  id: string;
  site: string;
  kind: 'activity' | 'opening-hours';
  data: StoredItem & { id: string };
  createdAt: string;
  updatedAt: string;
}

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
}

export const hasCalendarApi = (api: unknown): api is CalendarApi =>
  !!api && typeof (api as Partial<CalendarApi>).listActivities === 'function';

export class HttpAdminApi implements AdminApi, CalendarApi {
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
    return { read: scopes.includes('read'), moderate: scopes.includes('moderate'), export: scopes.includes('export') };
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

  // — calendar (issue 4) —

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
}
