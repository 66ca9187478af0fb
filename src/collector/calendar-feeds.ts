/**
 * Calendar feeds a centre already keeps (a public Google, Nextcloud or Outlook ICS address): the
 * collector fetches each of a site's feeds on a schedule (hourly inside `serve`) and on demand,
 * and upserts the events like an uploaded file (by UID, so a refresh updates rather than
 * duplicates), and removes the items the feed no longer has. The fetch goes through the SSRF-safe
 * client. No loopback, LAN or metadata
 * addresses unless the operator allows private networks, at most 3 redirects, each checked, 15 s
 * and 2 MiB at most.
 */
import { importIcs } from '../activities/ics-import.js';
import { activitySchema, toFieldIssues, uuidv7 } from '../schema/index.js';
import { ApiError, invalid } from './http.js';
import { repeat, type Repeating } from './schedule.js';
import type { ActivityRecord, Site, Store } from './store/types.js';
import { getText, type SendOptions } from './webhooks/send.js';
import { storableTextIssues } from './storable-text.js';

const FEED_TIMEOUT_MS = 15_000;
const FEED_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_FEED_INTERVAL_MS = 3600_000;

export interface ImportWarning {
  code: string;
  message: string;
  uid?: string;
}

export interface CalendarImport {
  created: number;
  updated: number;
  /** Items an earlier import of this calendar brought in that it no longer has: now deleted. */
  removed: number;
  /** Their titles, so the coordinator can be told which ones went. */
  removedTitles: string[];
  items: ActivityRecord[];
  warnings: ImportWarning[];
}

/** The source of an uploaded file: its calendar, so a new export of it replaces the last one. */
export const uploadSource = (name: string | undefined, prodId: string | undefined): string =>
  `upload:${(name ?? prodId ?? '').slice(0, 200)}`;

/**
 * Upserts the events of an ICS text into the site's calendar, by the item id derived from each
 * UID: a live item with that id is replaced (keeping its row id), otherwise one is created. Items
 * an earlier import from the same `source` brought in and this text no longer has are deleted,
 * so importing the same calendar again changes nothing. `source` defaults to the uploaded
 * calendar's name. Throws a 422 when the text holds no events (and then removes nothing).
 */
export async function importCalendar(store: Store, site: Site, text: string, now: Date, source?: string): Promise<CalendarImport> {
  const parsed = importIcs(text, { defaultTimeZone: site.timeZone });
  const warnings: ImportWarning[] = parsed.warnings.map((w) => ({
    code: w.code,
    message: w.message,
    ...(w.uid !== undefined && { uid: w.uid }),
  }));
  if (parsed.calendar.events.length === 0) {
    throw invalid([{ path: '', message: 'The file holds no calendar events', code: 'no_events' }]);
  }
  const from = source ?? uploadSource(parsed.calendar.name, parsed.calendar.prodId);
  const records = await store.activities.list(site.slug);
  const live = new Map(records.map((r) => [r.data.id, r]));
  // Every id the text has, also of events skipped below: one that is invalid for a moment is not removed.
  const present = new Set(parsed.activities.map((a) => a.id));
  const items: ActivityRecord[] = [];
  let created = 0;
  let updated = 0;
  for (const input of parsed.activities) {
    const checked = activitySchema.safeParse(input);
    const nul = checked.success ? storableTextIssues(checked.data) : [];
    if (!checked.success || nul.length) {
      const why = checked.success ? nul : toFieldIssues(checked.error);
      warnings.push({ code: 'skipped', message: `Not imported: ${why.map((i) => `${i.path}: ${i.message}`).join('; ')}`, uid: input.id });
      continue;
    }
    const existing = live.get(checked.data.id);
    const record = existing ? await store.activities.update(site.slug, existing.id, checked.data, now.toISOString(), from) : null;
    if (record) {
      updated++;
      items.push(record);
    } else {
      const made = await store.activities.create(
        { id: uuidv7(now.getTime()), site: site.slug, data: checked.data, source: from },
        now.toISOString(),
      );
      live.set(made.data.id, made);
      created++;
      items.push(made);
    }
  }
  const removedTitles: string[] = [];
  for (const r of records) {
    if (r.source !== from || present.has(r.data.id)) continue;
    if (await store.activities.delete(site.slug, r.id, now.toISOString())) removedTitles.push(r.data.title);
  }
  return { created, updated, removed: removedTitles.length, removedTitles, items, warnings };
}

export interface FeedResult {
  url: string;
  ok: boolean;
  created: number;
  updated: number;
  /** Items the feed no longer has, deleted. */
  removed: number;
  warnings: number;
  /** Why the feed could not be read or imported; the calendar keeps what it had. */
  error: string | null;
}

/** Fetches and imports each of the site's feeds; one failing feed does not stop the others. */
export async function refreshCalendarFeeds(
  store: Store,
  site: Site,
  options: SendOptions & { now: () => Date; actor: string },
): Promise<FeedResult[]> {
  const results: FeedResult[] = [];
  for (const url of site.settings.calendarFeeds ?? []) {
    const result: FeedResult = { url, ok: false, created: 0, updated: 0, removed: 0, warnings: 0, error: null };
    try {
      const answer = await getText(
        url,
        { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'buurtkit-collector' },
        {
          ...options,
          timeoutMs: options.timeoutMs ?? FEED_TIMEOUT_MS,
          maxResponseBytes: options.maxResponseBytes ?? FEED_MAX_BYTES,
        },
      );
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      const imported = await importCalendar(store, site, answer.text, options.now(), `feed:${url}`);
      Object.assign(result, {
        ok: true,
        created: imported.created,
        updated: imported.updated,
        removed: imported.removed,
        warnings: imported.warnings.length,
      });
    } catch (error) {
      result.error = error instanceof ApiError ? `${error.code}: ${error.message}` : (error as Error).message;
    }
    // The audit log is where a coordinator (and `webhook status`-like tooling) sees feed health.
    await store.audit.append({
      at: options.now().toISOString(),
      site: site.slug,
      actor: options.actor,
      action: result.ok ? 'activity.feed' : 'activity.feed.failed',
      target: url.slice(0, 500),
      rowCount: result.created + result.updated + result.removed,
    });
    results.push(result);
  }
  return results;
}

export type FeedSchedule = Repeating;

/** Refreshes every site's feeds every `intervalMs` (first run after one interval); stops cleanly. */
export function scheduleCalendarFeeds(
  store: Store,
  intervalMs: number,
  options: SendOptions & { now: () => Date; onError?: (error: Error) => void },
): FeedSchedule {
  return repeat(
    intervalMs,
    async () => {
      for (const site of await store.access.listSites()) {
        if (site.settings.calendarFeeds?.length) await refreshCalendarFeeds(store, site, { ...options, actor: 'schedule' });
      }
    },
    options.onError,
  );
}
