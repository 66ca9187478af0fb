/**
 * The idea-box export. Columns are declared here, never derived from the data, so a coordinator's
 * spreadsheet keeps working from one export to the next. CSV and XLSX have the same columns (see
 * `columns.ts`); JSON and NDJSON records have the same fields under their keys, with JSON types.
 * New columns go at the end; scripts should match on the key (JSON) or the header, not a position.
 *
 * | key                     | header (CSV, XLSX)               | content                                  |
 * |-------------------------|----------------------------------|------------------------------------------|
 * | id                      | Kenmerk                          | submission id (UUIDv7)                   |
 * | ontvangen_op_lokaal     | Ontvangen op                     | received, site time zone                 |
 * | ontvangen_op            | Ontvangen op (UTC)               | received, ISO 8601 UTC                   |
 * | status                  | Status                           | Ontvangen, Wordt besproken, Gepland, Gedaan, Niet mogelijk (JSON: the code) |
 * | gepubliceerd            | Op de website                    | ja / nee: shown in the public list       |
 * | categorie               | Onderwerp                        | the category as the visitor saw it       |
 * | rol                     | Wie stuurde het                  | Bezoeker, Naaste, Buurtbewoner, …        |
 * | wil_helpen              | Wil helpen                       | ja / nee                                 |
 * | idee                    | Idee                             | the idea text                            |
 * | naam                    | Naam                             | name, when given                         |
 * | contact                 | Contact                          | e-mail or phone, only given with consent |
 * | toestemming_versie      | Versie toestemmingstekst         | the consent text the visitor agreed to   |
 * | toestemming_op_lokaal   | Toestemming gegeven op           | site time zone                           |
 * | toestemming_op          | Toestemming gegeven op (UTC)     | ISO 8601 UTC                             |
 * | publiek_antwoord        | Antwoord op de website           | the coordinator's public answer          |
 * | reden                   | Reden                            | why this status (e.g. why not possible)  |
 * | stemmen                 | Stemmen                          | number of votes                          |
 * | taal                    | Taal                             | the visitor's language (JSON: locale)    |
 * | bijgewerkt_op_lokaal    | Laatst veranderd op              | last change by a coordinator             |
 * | bijgewerkt_op           | Laatst veranderd op (UTC)        |                                          |
 * | toestemming_hash        | Controlegetal toestemmingstekst  | SHA-256 (hex) of the consent text shown  |
 * | afgehandeld_op_lokaal   | Afgehandeld op                   | marked as handled                        |
 * | afgehandeld_op          | Afgehandeld op (UTC)             |                                          |
 * | afgehandeld_door        | Afgehandeld door                 | the token's label, else its prefix       |
 * | samengevoegd_met        | Dubbel van (kenmerk)             | Kenmerk of the idea this one was merged into |
 * | labels                  | Labels                           | the coordinators' tags, comma separated  |
 *
 * `stemmen` of an idea others were merged into includes their votes (as the public list shows
 * it); add up only the rows with an empty "Dubbel van" for a total.
 */
import type { AdminIdea } from '../../schema/index.js';
import type { Site, Store } from '../store/types.js';
import { momentColumns, toCsvColumns, toXlsxColumns, type ExportColumn } from './columns.js';
import { csvChunks, type CsvDelimiter } from './csv.js';
import { jsonChunks } from './json.js';
import type { RequestsInFlight } from './pace.js';
import { formatLocalDateTime } from './local-time.js';
import { ideaCategoryWord, ideaRoleWord, ideaStatusWord, languageWord } from './words.js';
import { writeXlsx } from './xlsx.js';

export { formatLocalDateTime, localDateTimeMs } from './local-time.js';

const tagList = (i: AdminIdea) => i.tags.join(', ');

export function ideaExportColumns(timeZone: string): readonly ExportColumn<AdminIdea>[] {
  const moment = (key: string, header: string, get: (i: AdminIdea) => string | null) => momentColumns(key, header, get, timeZone);
  return [
    { key: 'id', header: 'Kenmerk', value: (i) => i.id, width: 38 },
    ...moment('ontvangen_op', 'Ontvangen op', (i) => i.createdAt),
    { key: 'status', header: 'Status', value: (i) => ideaStatusWord(i.status), width: 16 },
    { key: 'gepubliceerd', header: 'Op de website', value: (i) => i.published },
    { key: 'categorie', header: 'Onderwerp', value: (i) => ideaCategoryWord(i.category), width: 20 },
    { key: 'rol', header: 'Wie stuurde het', value: (i) => ideaRoleWord(i.role) },
    { key: 'wil_helpen', header: 'Wil helpen', value: (i) => i.wantsToHelp },
    { key: 'idee', header: 'Idee', value: (i) => i.text, width: 60 },
    { key: 'naam', header: 'Naam', value: (i) => i.name, width: 20 },
    { key: 'contact', header: 'Contact', value: (i) => i.contact, width: 26 },
    { key: 'toestemming_versie', header: 'Versie toestemmingstekst', value: (i) => i.consentVersion },
    ...moment('toestemming_op', 'Toestemming gegeven op', (i) => i.consentGivenAt),
    { key: 'publiek_antwoord', header: 'Antwoord op de website', value: (i) => i.publicAnswer, width: 40 },
    { key: 'reden', header: 'Reden', value: (i) => i.statusReason, width: 30 },
    { key: 'stemmen', header: 'Stemmen', value: (i) => i.votes },
    { key: 'taal', header: 'Taal', value: (i) => languageWord(i.locale) },
    ...moment('bijgewerkt_op', 'Laatst veranderd op', (i) => i.updatedAt),
    // Added after the first release: new columns go at the end.
    { key: 'toestemming_hash', header: 'Controlegetal toestemmingstekst', value: (i) => i.consentHash },
    ...moment('afgehandeld_op', 'Afgehandeld op', (i) => i.handledAt),
    { key: 'afgehandeld_door', header: 'Afgehandeld door', value: (i) => i.handledBy, width: 20 },
    { key: 'samengevoegd_met', header: 'Dubbel van (kenmerk)', value: (i) => i.mergedInto, width: 38 },
    { key: 'labels', header: 'Labels', value: (i) => tagList(i), width: 30 },
  ];
}

/** The stable keys (JSON fields) and the Dutch headers (CSV, XLSX), in column order. */
export const IDEA_EXPORT_KEYS = ideaExportColumns('UTC').map((c) => c.key);
export const IDEA_EXPORT_HEADERS = ideaExportColumns('UTC').map((c) => c.header);

/**
 * An idea as a JSON/NDJSON record: the columns' keys, in the same order, with JSON types (codes
 * for status, role, category and locale; booleans; numbers; null for empty; `labels` an array).
 * `…_lokaal` is the local time in the site's zone as text (`YYYY-MM-DD HH:mm`), the field without
 * the suffix the instant in UTC (ISO 8601).
 */
export function ideaExportRecord(i: AdminIdea, timeZone: string): Record<string, unknown> {
  const local = (iso: string | null) => (iso ? formatLocalDateTime(iso, timeZone) : null);
  return {
    id: i.id,
    ontvangen_op_lokaal: local(i.createdAt),
    ontvangen_op: i.createdAt,
    status: i.status,
    gepubliceerd: i.published,
    categorie: i.category,
    rol: i.role,
    wil_helpen: i.wantsToHelp,
    idee: i.text,
    naam: i.name,
    contact: i.contact,
    toestemming_versie: i.consentVersion,
    toestemming_op_lokaal: local(i.consentGivenAt),
    toestemming_op: i.consentGivenAt,
    publiek_antwoord: i.publicAnswer,
    reden: i.statusReason,
    stemmen: i.votes,
    taal: i.locale,
    bijgewerkt_op_lokaal: local(i.updatedAt),
    bijgewerkt_op: i.updatedAt,
    toestemming_hash: i.consentHash,
    afgehandeld_op_lokaal: local(i.handledAt),
    afgehandeld_op: i.handledAt,
    afgehandeld_door: i.handledBy,
    samengevoegd_met: i.mergedInto,
    labels: i.tags,
  };
}

/** The CSV columns of the idea export (see the table above). */
export const ideaCsvColumns = (timeZone: string) => toCsvColumns(ideaExportColumns(timeZone));
/** The XLSX columns: the CSV's, with real date cells for the local times. */
export const ideaXlsxColumns = (timeZone: string) => toXlsxColumns(ideaExportColumns(timeZone));

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
  options: { format?: ExportFormat; delimiter?: CsvDelimiter; actor: string; now: Date; requests?: RequestsInFlight },
): Promise<IdeaExport> {
  const format = options.format ?? 'csv';
  const query = { receivedUpTo: options.now.toISOString() };
  // The count starts once the first chunk (with the first page of rows) is made: counting a
  // million rows would otherwise compete with that page for the database (on a small server, for
  // the same cores) and delay the first byte.
  let startCount!: () => void;
  const rowCount = new Promise<void>((resolve) => (startCount = resolve)).then(() => store.ideas.count(site.slug, query));
  const audited = rowCount.then((count) =>
    store.audit.append({
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
  const rows = store.ideas.export(site.slug, query);
  return {
    rowCount,
    fileName: `buurtkit-${site.slug}-ideeen-${day}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    chunks: endAfter<string | Buffer>(
      onFirst<string | Buffer>(
        format === 'csv'
          ? csvChunks(ideaCsvColumns(site.timeZone), rows, { delimiter: options.delimiter ?? ';', requests: options.requests })
          : format === 'xlsx'
            ? writeXlsx([{ name: 'Ideeën', columns: ideaXlsxColumns(site.timeZone), rows }], {
                modified: options.now,
                requests: options.requests,
              })
            : jsonChunks(rows, (i) => ideaExportRecord(i, site.timeZone), format, options.requests),
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
