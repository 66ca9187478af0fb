/**
 * Activities and "ik kom" attendance for a period: one row per occurrence of an activity
 * (opening hours are not activities and are left out), and the output figures an impact report
 * needs: how many activities and sessions took place, and how many people said they came.
 *
 * `participants` counts "ik kom" places only: walk-in visitors of activities without a capacity
 * are not counted anywhere, so for those the figure is 0, not an estimate.
 */
import type { ActivityOutput } from '../../schema/activity-output.js';
import { expand } from '../../activities/recurrence.js';
import { startOfDay } from '../../calendar/time-zone.js';
import { addDays, parseLocalDate } from '../../calendar/wall-clock.js';
import type { Occurrence, ScheduleItem } from '../../schema/index.js';
import type { ActivityRecord, OccurrenceAttendance, Site, Store } from '../store/types.js';
import { parseLocalTime, toCsvColumns, toXlsxColumns, type ExportColumn } from './columns.js';
import { csvChunks, type CsvColumn, type CsvDelimiter } from './csv.js';
import type { RequestsInFlight } from './pace.js';
import { EXPORT_CONTENT_TYPES, formatLocalDateTime } from './ideas.js';
import { writeXlsx, type XlsxColumn } from './xlsx.js';
import { activityText, type ActivityTranslations } from '../../schema/activity-texts.js';
import { translationsOf } from '../../schema/localized-text.js';

/** The title's English and Arabic; an occurrence whose title was changed has none (the translations are of the item's title). */
function titleTranslations(item: { title: string; translations?: ActivityTranslations | undefined }, own: string | undefined) {
  const t = translationsOf(activityText(item, 'title', own));
  return { title_en: t.en ?? null, title_ar: t.ar ?? null };
}

/** One occurrence of an activity in the period, with what was counted for it. */
export interface OccurrenceOutputRow {
  /** The admin row id of the activity. */
  activityId: string;
  title: string;
  /** The title in English and Arabic, when the activity has them (not for a title changed for one occurrence). */
  title_en: string | null;
  title_ar: string | null;
  category: string | null;
  /** The occurrence's original slot (the "ik kom" key), wall clock. */
  occurrence: string;
  /** `YYYY-MM-DD HH:mm` (or `YYYY-MM-DD` all-day) in the site's zone. */
  start: string;
  end: string | null;
  /** The same moments as ISO 8601 instants in UTC. */
  startAt: string;
  endAt: string | null;
  status: Occurrence['status'];
  statusReason: string | null;
  /** Started before the export was made and not cancelled. */
  held: boolean;
  capacity: number | null;
  /** "Ik kom" places counted. */
  places: number;
  /** "Ik kom" answers that made them. */
  responses: number;
}

/** What an impact report asks of the calendar for a period. */

export interface OutputPeriod {
  from: string;
  to: string;
}

/** The capacity an item counts "ik kom" against, if any. */
export function capacityOf(item: ScheduleItem): number | undefined {
  return item.kind === 'activity' && item.registration?.kind === 'capacity' ? item.registration.capacity : undefined;
}

/** Occurrences of the site's activities starting on `from`…`to`, with their counts. Pure. */
export function occurrenceOutputRows(
  records: readonly ActivityRecord[],
  counts: readonly OccurrenceAttendance[],
  period: OutputPeriod,
  timeZone: string,
  now: Date,
): OccurrenceOutputRow[] {
  const start = startOfDay(parseLocalDate(period.from)!, timeZone);
  const end = startOfDay(addDays(parseLocalDate(period.to)!, 1), timeZone);
  const counted = new Map(counts.map((c) => [`${c.activityId}|${c.occurrence}`, c]));
  const rows: OccurrenceOutputRow[] = [];
  for (const record of records) {
    const item = record.data;
    if (item.kind !== 'activity') continue;
    for (const o of expand(item, start, end)) {
      const at = Date.parse(o.start);
      if (at < start) continue; // began before the period: counted in the one before
      const count = counted.get(`${record.id}|${o.recurrenceId}`);
      const when = (iso: string) => (o.allDay ? iso.slice(0, 10) : formatLocalDateTime(iso, timeZone));
      rows.push({
        activityId: record.id,
        title: o.title ?? item.title,
        ...titleTranslations(item, o.title),
        category: item.category ?? null,
        occurrence: o.recurrenceId,
        start: when(o.start),
        end: o.end ? when(o.end) : null,
        startAt: new Date(o.start).toISOString(),
        endAt: o.end ? new Date(o.end).toISOString() : null,
        status: o.status,
        statusReason: o.statusReason ?? null,
        held: o.status === 'gaat-door' && at <= now.getTime(),
        capacity: capacityOf(item) ?? null,
        places: count?.places ?? 0,
        responses: count?.responses ?? 0,
      });
    }
  }
  return rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.title.localeCompare(b.title)));
}

/** The figures of the rows. Pure. */
export function summariseOutput(site: string, period: OutputPeriod, rows: readonly OccurrenceOutputRow[]): ActivityOutput {
  const per = new Map<string, ActivityOutput['perActivity'][number]>();
  const output: ActivityOutput = {
    site,
    ...period,
    activitiesHeld: 0,
    sessionsHeld: 0,
    sessionsPlanned: 0,
    sessionsCancelled: 0,
    participants: 0,
    responses: 0,
    perActivity: [],
  };
  for (const r of rows) {
    let a = per.get(r.activityId);
    if (!a) {
      a = { activityId: r.activityId, title: r.title, category: r.category, sessionsHeld: 0, sessionsCancelled: 0, participants: 0 };
      per.set(r.activityId, a);
    }
    if (r.status === 'gaat-niet-door') {
      output.sessionsCancelled++;
      a.sessionsCancelled++;
    } else if (!r.held) {
      output.sessionsPlanned++;
    } else {
      output.sessionsHeld++;
      output.participants += r.places;
      output.responses += r.responses;
      a.sessionsHeld++;
      a.participants += r.places;
    }
  }
  output.perActivity = [...per.values()];
  output.activitiesHeld = output.perActivity.filter((a) => a.sessionsHeld > 0).length;
  return output;
}

/** One row per occurrence of the site's live activities in the period, with its "ik kom" counts. */
export async function outputRows(store: Store, site: Site, period: OutputPeriod, now: Date): Promise<OccurrenceOutputRow[]> {
  const [records, counts] = await Promise.all([store.activities.list(site.slug), store.activities.listAttendance(site.slug, period)]);
  return occurrenceOutputRows(records, counts, period, site.timeZone, now);
}

/**
 * The calendar's figures for an impact report: activities and sessions held, and "ik kom"
 * participants, for the dates `from` to `to` (inclusive, `YYYY-MM-DD`, in the site's zone).
 * Live activities only (a deleted activity takes its sessions along). Throws for an unknown site.
 */
export async function activityOutput(store: Store, site: string, from: string, to: string, now = new Date()): Promise<ActivityOutput> {
  const found = await store.access.getSite(site);
  if (!found) throw new Error(`There is no site "${site}"`);
  if (!parseLocalDate(from) || !parseLocalDate(to) || to < from) throw new Error('Expected dates YYYY-MM-DD with from ≤ to');
  return summariseOutput(site, { from, to }, await outputRows(store, found, { from, to }, now));
}

/**
 * Keys (the JSON's occurrence fields) and Dutch headers, like the idea export: `start` Begin (a date
 * for an all-day activity), `startAt` Begin (UTC), `end` Eind, `endAt` Eind (UTC), `title`
 * Activiteit, `title_en` and `title_ar` the same in English and Arabic, `category` Soort, `status` Gaat door (ja/nee), `statusReason` Reden, `held` Geweest,
 * `capacity` Plekken, `places` Aangemeld (ik kom), `responses` Aanmeldingen, `activityId`
 * Activiteit (kenmerk), `occurrence` Keer (kenmerk).
 */
export const OCCURRENCE_EXPORT_COLUMNS: readonly ExportColumn<OccurrenceOutputRow>[] = [
  { key: 'start', header: 'Begin', value: (r) => parseLocalTime(r.start), width: 17 },
  { key: 'startAt', header: 'Begin (UTC)', value: (r) => r.startAt, width: 25 },
  { key: 'end', header: 'Eind', value: (r) => parseLocalTime(r.end), width: 17 },
  { key: 'endAt', header: 'Eind (UTC)', value: (r) => r.endAt, width: 25 },
  { key: 'title', header: 'Activiteit', value: (r) => r.title, width: 30 },
  { key: 'title_en', header: 'Activiteit in het Engels', value: (r) => r.title_en, width: 30 },
  { key: 'title_ar', header: 'Activiteit in het Arabisch', value: (r) => r.title_ar, width: 30 },
  { key: 'category', header: 'Soort', value: (r) => r.category },
  { key: 'status', header: 'Gaat door', value: (r) => r.status === 'gaat-door' },
  { key: 'statusReason', header: 'Reden', value: (r) => r.statusReason, width: 30 },
  { key: 'held', header: 'Geweest', value: (r) => r.held },
  { key: 'capacity', header: 'Plekken', value: (r) => r.capacity },
  { key: 'places', header: 'Aangemeld (ik kom)', value: (r) => r.places },
  { key: 'responses', header: 'Aanmeldingen', value: (r) => r.responses },
  { key: 'activityId', header: 'Activiteit (kenmerk)', value: (r) => r.activityId, width: 38 },
  { key: 'occurrence', header: 'Keer (kenmerk)', value: (r) => r.occurrence, width: 20 },
];

export const OCCURRENCE_CSV_COLUMNS: readonly CsvColumn<OccurrenceOutputRow>[] = toCsvColumns(OCCURRENCE_EXPORT_COLUMNS);
export const OCCURRENCE_XLSX_COLUMNS: readonly XlsxColumn<OccurrenceOutputRow>[] = toXlsxColumns(OCCURRENCE_EXPORT_COLUMNS);

export interface ActivityExport {
  rowCount: number;
  fileName: string;
  contentType: string;
  chunks: AsyncGenerator<string | Buffer>;
}

/** Audits first (no data leaves without a trace), then hands back the file. */
export async function startActivityExport(
  store: Store,
  site: Site,
  options: {
    format: 'csv' | 'json' | 'xlsx';
    delimiter?: CsvDelimiter;
    period: OutputPeriod;
    actor: string;
    now: Date;
    requests?: RequestsInFlight;
  },
): Promise<ActivityExport> {
  const { format, period, now } = options;
  const rows = await outputRows(store, site, period, now);
  await store.audit.append({
    at: now.toISOString(),
    site: site.slug,
    actor: options.actor,
    action: 'export.activities',
    target: `activities.${format}`,
    rowCount: rows.length,
  });
  async function* json(): AsyncGenerator<string> {
    yield `${JSON.stringify({ output: summariseOutput(site.slug, period, rows), occurrences: rows }, null, 1)}\n`;
  }
  return {
    rowCount: rows.length,
    fileName: `buurtkit-${site.slug}-activiteiten-${period.from}-${period.to}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    chunks:
      format === 'csv'
        ? csvChunks(OCCURRENCE_CSV_COLUMNS, rows, { delimiter: options.delimiter ?? ';', requests: options.requests })
        : format === 'xlsx'
          ? writeXlsx([{ name: 'Activiteiten', columns: OCCURRENCE_XLSX_COLUMNS, rows }], { modified: now, requests: options.requests })
          : json(),
  };
}
