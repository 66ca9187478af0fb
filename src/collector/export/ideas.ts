/**
 * The idea-box export. Columns are declared here, never derived from the data, so a coordinator's
 * spreadsheet keeps working from one export to the next. Headers are Dutch (the coordinators'
 * language), lower case with underscores so they also work as column names in other tools:
 *
 * | header             | content                                                        |
 * |--------------------|----------------------------------------------------------------|
 * | id                 | submission id (UUIDv7)                                         |
 * | ontvangen_op       | when the collector received it, site time zone, YYYY-MM-DD HH:mm |
 * | status             | ontvangen, wordt-besproken, gepland, gedaan, niet-mogelijk     |
 * | gepubliceerd       | ja / nee: shown in the public list                             |
 * | categorie          | category, empty when none                                      |
 * | rol                | bezoeker, naaste, buurtbewoner, vrijwilliger, anders, or empty |
 * | wil_helpen         | ja / nee: "ik wil helpen dit te organiseren"                   |
 * | idee               | the idea text                                                  |
 * | naam               | name, when given                                               |
 * | contact            | e-mail or phone, only given with consent                       |
 * | toestemming_versie | version of the consent text the visitor agreed to              |
 * | toestemming_op     | when consent was given, site time zone                         |
 * | publiek_antwoord   | the coordinator's public answer                                |
 * | reden              | status reason (e.g. why "niet mogelijk")                       |
 * | stemmen            | number of votes                                                |
 * | taal               | the visitor's language (locale)                                |
 * | bijgewerkt_op      | last change by a coordinator, site time zone                   |
 * | toestemming_hash   | SHA-256 (hex) of the consent text shown; empty if unknown      |
 * | afgehandeld_op     | when a coordinator marked it as handled, site time zone        |
 * | afgehandeld_door   | by which token: its label, else its prefix                     |
 * | samengevoegd_met   | id of the idea this one was merged into as a duplicate         |
 * | labels             | the coordinators' tags, comma separated                        |
 *
 * `stemmen` of an idea others were merged into includes their votes (as the public list shows
 * it); add up only the rows without `samengevoegd_met` for a total.
 */
import type { AdminIdea } from '../../schema/index.js';
import type { Site, Store } from '../store/types.js';
import { csvChunks, type CsvColumn, type CsvDelimiter } from './csv.js';
import { jsonChunks } from './json.js';
import { writeXlsx, XlsxDate, type XlsxColumn } from './xlsx.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone offsets per 15-minute bucket of UTC time, per zone; bounded, cleared when full. */
const offsets = new Map<string, Map<number, number>>();
const BUCKET_MS = 15 * 60 * 1000;
const MAX_CACHED_BUCKETS = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The zone's offset from UTC at `ms`, in ms. `formatToParts` costs microseconds, which adds up to
 * seconds over a million rows, so the offset is computed once per 15-minute bucket: zone
 * transitions happen on quarter hours (all tzdata rules since 1970), so a bucket has one offset.
 */
function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = bucket * BUCKET_MS;
    const p = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(start)).map((x) => [x.type, x.value]));
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    offset = local - start;
    if (zone.size >= MAX_CACHED_BUCKETS) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The wall-clock time in the zone, as milliseconds read as UTC; null when there is none. */
export function localDateTimeMs(iso: string | null, timeZone: string): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms + offsetAt(ms, timeZone);
}

/** `YYYY-MM-DD HH:mm` in the given zone: unambiguous, sortable, and read as a date by Excel. */
export function formatLocalDateTime(iso: string | null, timeZone: string): string {
  const ms = localDateTimeMs(iso, timeZone);
  if (ms === null) return '';
  const local = new Date(ms);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

export function ideaExportColumns(timeZone: string): readonly CsvColumn<AdminIdea>[] {
  return [
    { header: 'id', value: (i) => i.id },
    { header: 'ontvangen_op', value: (i) => formatLocalDateTime(i.createdAt, timeZone) },
    { header: 'status', value: (i) => i.status },
    { header: 'gepubliceerd', value: (i) => yesNo(i.published) },
    { header: 'categorie', value: (i) => i.category },
    { header: 'rol', value: (i) => i.role },
    { header: 'wil_helpen', value: (i) => yesNo(i.wantsToHelp) },
    { header: 'idee', value: (i) => i.text },
    { header: 'naam', value: (i) => i.name },
    { header: 'contact', value: (i) => i.contact },
    { header: 'toestemming_versie', value: (i) => i.consentVersion },
    { header: 'toestemming_op', value: (i) => formatLocalDateTime(i.consentGivenAt, timeZone) },
    { header: 'publiek_antwoord', value: (i) => i.publicAnswer },
    { header: 'reden', value: (i) => i.statusReason },
    { header: 'stemmen', value: (i) => i.votes },
    { header: 'taal', value: (i) => i.locale },
    { header: 'bijgewerkt_op', value: (i) => formatLocalDateTime(i.updatedAt, timeZone) },
    // Added after the first release: new columns go at the end, so existing consumers don't shift.
    { header: 'toestemming_hash', value: (i) => i.consentHash },
    { header: 'afgehandeld_op', value: (i) => formatLocalDateTime(i.handledAt, timeZone) },
    { header: 'afgehandeld_door', value: (i) => i.handledBy },
    { header: 'samengevoegd_met', value: (i) => i.mergedInto },
    { header: 'labels', value: (i) => tagList(i) },
  ];
}

const tagList = (i: AdminIdea) => i.tags.join(', ');

export const IDEA_EXPORT_HEADERS = ideaExportColumns('UTC').map((c) => c.header);

/**
 * An idea as a JSON/NDJSON record: the CSV's fields, same names, same order, with JSON types
 * (booleans, numbers, null for empty; `labels` an array). Instants are ISO 8601 in UTC (`ontvangen_op`,
 * `toestemming_op`, `bijgewerkt_op`), each followed by a `…_lokaal` field with the local time in
 * the site's zone, as in the CSV (`YYYY-MM-DD HH:mm`).
 */
export function ideaExportRecord(i: AdminIdea, timeZone: string): Record<string, unknown> {
  return {
    id: i.id,
    ontvangen_op: i.createdAt,
    ontvangen_op_lokaal: formatLocalDateTime(i.createdAt, timeZone),
    status: i.status,
    gepubliceerd: i.published,
    categorie: i.category,
    rol: i.role,
    wil_helpen: i.wantsToHelp,
    idee: i.text,
    naam: i.name,
    contact: i.contact,
    toestemming_versie: i.consentVersion,
    toestemming_op: i.consentGivenAt,
    toestemming_op_lokaal: i.consentGivenAt ? formatLocalDateTime(i.consentGivenAt, timeZone) : null,
    publiek_antwoord: i.publicAnswer,
    reden: i.statusReason,
    stemmen: i.votes,
    taal: i.locale,
    bijgewerkt_op: i.updatedAt,
    bijgewerkt_op_lokaal: formatLocalDateTime(i.updatedAt, timeZone),
    toestemming_hash: i.consentHash,
    afgehandeld_op: i.handledAt,
    afgehandeld_op_lokaal: i.handledAt ? formatLocalDateTime(i.handledAt, timeZone) : null,
    afgehandeld_door: i.handledBy,
    samengevoegd_met: i.mergedInto,
    labels: i.tags,
  };
}

/**
 * The XLSX sheet has the JSON record's fields, same names, same order: instants as ISO 8601 text
 * in UTC, each followed by its `…_lokaal` column holding a real date cell (site zone, shown as
 * `yyyy-mm-dd hh:mm`, so it sorts and filters as a date); booleans `ja`/`nee` as in the CSV;
 * votes as a number.
 */
export function ideaXlsxColumns(timeZone: string): readonly XlsxColumn<AdminIdea>[] {
  const local = (iso: string | null) => {
    const ms = localDateTimeMs(iso, timeZone);
    return ms === null ? null : XlsxDate.fromLocalMs(ms);
  };
  const instant = (header: string, get: (i: AdminIdea) => string | null): XlsxColumn<AdminIdea>[] => [
    { header, value: get, width: 26 },
    { header: `${header}_lokaal`, value: (i) => local(get(i)), width: 17 },
  ];
  return [
    { header: 'id', value: (i) => i.id, width: 38 },
    ...instant('ontvangen_op', (i) => i.createdAt),
    { header: 'status', value: (i) => i.status, width: 16 },
    { header: 'gepubliceerd', value: (i) => i.published },
    { header: 'categorie', value: (i) => i.category },
    { header: 'rol', value: (i) => i.role },
    { header: 'wil_helpen', value: (i) => i.wantsToHelp },
    { header: 'idee', value: (i) => i.text, width: 60 },
    { header: 'naam', value: (i) => i.name, width: 20 },
    { header: 'contact', value: (i) => i.contact, width: 26 },
    { header: 'toestemming_versie', value: (i) => i.consentVersion },
    ...instant('toestemming_op', (i) => i.consentGivenAt),
    { header: 'publiek_antwoord', value: (i) => i.publicAnswer, width: 40 },
    { header: 'reden', value: (i) => i.statusReason, width: 30 },
    { header: 'stemmen', value: (i) => i.votes },
    { header: 'taal', value: (i) => i.locale },
    ...instant('bijgewerkt_op', (i) => i.updatedAt),
    { header: 'toestemming_hash', value: (i) => i.consentHash },
    ...instant('afgehandeld_op', (i) => i.handledAt),
    { header: 'afgehandeld_door', value: (i) => i.handledBy, width: 20 },
    { header: 'samengevoegd_met', value: (i) => i.mergedInto, width: 38 },
    { header: 'labels', value: (i) => tagList(i), width: 30 },
  ];
}

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface IdeaExport {
  /** The ideas in the file (counted alongside the first rows, not before them). */
  rowCount: Promise<number>;
  fileName: string;
  contentType: string;
  /** Text for CSV and JSON, buffers for XLSX. */
  chunks: AsyncGenerator<string | Buffer>;
}

/**
 * Starts an export: hands back the file as a stream at once, while the rows are counted and the
 * audit row written alongside (so the first byte does not wait for a count of a million rows); the
 * stream ends only after the audit row is stored, so no complete file leaves without a trace. Only
 * ideas received up to `now` are included, so the audited count and the file agree even while new
 * ideas arrive.
 */
export async function startIdeaExport(
  store: Store,
  site: Site,
  options: { format?: ExportFormat; delimiter?: CsvDelimiter; actor: string; now: Date },
): Promise<IdeaExport> {
  const format = options.format ?? 'csv';
  const query = { receivedUpTo: options.now.toISOString() };
  // The count starts once the first chunk (with the first page of rows) is made: counting a
  // million rows would otherwise compete with that page for the database (on a small server, for
  // the same cores) and delay the first byte.
  let startCount!: () => void;
  const rowCount = new Promise<void>((resolve) => (startCount = resolve)).then(() => store.countIdeas(site.slug, query));
  const audited = rowCount.then((count) =>
    store.audit({
      at: options.now.toISOString(),
      site: site.slug,
      actor: options.actor,
      action: 'export.ideas',
      target: `ideas.${format}`,
      rowCount: count,
    }),
  );
  audited.catch(() => undefined); // reported where the stream ends (see endAfter)
  const day = formatLocalDateTime(options.now.toISOString(), site.timeZone).slice(0, 10);
  const rows = store.exportIdeas(site.slug, query);
  return {
    rowCount,
    fileName: `buurtkit-${site.slug}-ideeen-${day}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    chunks: endAfter<string | Buffer>(
      onFirst<string | Buffer>(
        format === 'csv'
          ? csvChunks(ideaExportColumns(site.timeZone), rows, { delimiter: options.delimiter ?? ';' })
          : format === 'xlsx'
            ? writeXlsx([{ name: 'Ideeën', columns: ideaXlsxColumns(site.timeZone), rows }], { modified: options.now })
            : jsonChunks(rows, (i) => ideaExportRecord(i, site.timeZone), format),
        startCount,
      ),
      audited,
    ),
  };
}

/** The chunks, calling `first` as the first one is handed out (or at the end, if there is none). */
async function* onFirst<T>(chunks: AsyncIterable<T>, first: () => void): AsyncGenerator<T> {
  try {
    for await (const chunk of chunks) {
      first();
      yield chunk;
    }
  } finally {
    first(); // no chunk, a failure or a download stopped early: the count still settles
  }
}

/** The chunks, then a wait for `last`: the stream fails rather than end without it. */
async function* endAfter<T>(chunks: AsyncIterable<T>, last: Promise<unknown>): AsyncGenerator<T> {
  yield* chunks;
  await last;
}
