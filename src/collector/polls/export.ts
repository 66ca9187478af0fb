/**
 * Poll exports: the results table (what the report shows, one row per answer) and the raw responses
 * (EXP-14: credible numbers come with their raw data). Headers are Dutch and fixed, as in the idea
 * export; CSV cells are neutralised by `csvChunks`, XLSX is written by `writeXlsx`.
 *
 * Results columns: `peiling`, `onderdeel` (`vraag` | `stelling`), `id`, `tekst`, `antwoord`,
 * `aantal`, `procent`, `n`, `groep` (respondent type, `alle` for everyone). For each statement a
 * row with `antwoord` = `eens_totaal` carries the agree count, % eens and the n with an opinion.
 */
import {
  POLL_RESPONDENT_TYPES,
  type PollDefinition,
  type PollResults,
  type PollResultsByType,
} from '../../schema/index.js';
import { csvChunks, type CsvDelimiter } from '../export/csv.js';
import { EXPORT_CONTENT_TYPES, formatLocalDateTime, type ExportFormat } from '../export/ideas.js';
import { jsonChunks } from '../export/json.js';
import { writeXlsx, type XlsxColumn, type XlsxSheet } from '../export/xlsx.js';
import type { PollResponseRecord, Site } from '../store/types.js';

export interface ResultRow {
  peiling: string;
  onderdeel: 'vraag' | 'stelling';
  id: string;
  tekst: string;
  antwoord: string;
  aantal: number;
  procent: number | null;
  n: number;
  groep: string;
}

function rowsOf(poll: PollDefinition, r: PollResults, groep: string): ResultRow[] {
  const rows: ResultRow[] = [];
  if (r.question) {
    for (const a of r.question.answers) {
      rows.push({ peiling: poll.id, onderdeel: 'vraag', id: poll.id, tekst: poll.question ?? '', antwoord: a.value, aantal: a.count, procent: a.percent, n: r.question.n, groep });
    }
  }
  for (const s of r.statements) {
    for (const a of s.answers) {
      rows.push({ peiling: poll.id, onderdeel: 'stelling', id: s.id, tekst: s.text, antwoord: a.value, aantal: a.count, procent: a.percent, n: s.answered, groep });
    }
    rows.push({ peiling: poll.id, onderdeel: 'stelling', id: s.id, tekst: s.text, antwoord: 'eens_totaal', aantal: s.agree, procent: s.percentAgree, n: s.n, groep });
  }
  return rows;
}

/** Every answer row for everyone, then per respondent type when the results were split. */
export function resultRows(poll: PollDefinition, results: PollResultsByType): ResultRow[] {
  const rows = rowsOf(poll, results, 'alle');
  if (results.byRespondentType) {
    for (const type of [...POLL_RESPONDENT_TYPES, 'onbekend'] as const) rows.push(...rowsOf(poll, results.byRespondentType[type], type));
  }
  return rows;
}

const RESULT_HEADERS = ['peiling', 'onderdeel', 'id', 'tekst', 'antwoord', 'aantal', 'procent', 'n', 'groep'] as const;

const responseRecord = (r: PollResponseRecord, timeZone: string) => ({
  id: r.id,
  peiling: r.pollId,
  ontvangen_op: r.receivedAt,
  ontvangen_op_lokaal: formatLocalDateTime(r.receivedAt, timeZone),
  antwoord: r.answer,
  stellingen: r.statements,
  opmerking: r.comment,
  respondent: r.respondentType,
  verhaal: r.story,
  verhaal_in_rapport: r.storySelected,
  activiteit: r.activityId,
  modus: r.mode,
  taal: r.locale,
  afgehandeld_op: r.handledAt,
  afgehandeld_op_lokaal: r.handledAt ? formatLocalDateTime(r.handledAt, timeZone) : null,
  afgehandeld_door: r.handledBy,
});
type ResponseRecord = ReturnType<typeof responseRecord>;
const RESPONSE_HEADERS = Object.keys(responseRecord({} as PollResponseRecord, 'UTC')) as (keyof ResponseRecord)[];

/** Spreadsheet cell of a response field: statements as `id=waarde; …`, booleans as ja/nee. */
function cell(value: ResponseRecord[keyof ResponseRecord]): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${v}`).join('; ');
  return value;
}

export interface PollExportFile {
  fileName: string;
  contentType: string;
  chunks: AsyncGenerator<string | Buffer>;
}

export type PollExportTable = 'results' | 'responses';

export function pollExportFile(
  site: Site,
  pollId: string,
  table: PollExportTable,
  format: ExportFormat,
  data: { results: ResultRow[] } | { responses: PollResponseRecord[] },
  options: { delimiter: CsvDelimiter; now: Date },
): PollExportFile {
  const day = formatLocalDateTime(options.now.toISOString(), site.timeZone).slice(0, 10);
  const name = table === 'results' ? 'resultaten' : 'antwoorden';
  const fileName = `buurtkit-${site.slug}-peiling-${pollId}-${name}-${day}.${format}`;
  const rows: Record<string, unknown>[] =
    'results' in data ? data.results.map((r) => ({ ...r })) : data.responses.map((r) => responseRecord(r, site.timeZone));
  const headers: readonly string[] = 'results' in data ? RESULT_HEADERS : RESPONSE_HEADERS;
  const columns = headers.map((header) => ({ header, value: (row: Record<string, unknown>) => cell(row[header] as never) }));
  const chunks =
    format === 'csv'
      ? csvChunks(columns, rows, { delimiter: options.delimiter })
      : format === 'xlsx'
        ? writeXlsx([{ name: table === 'results' ? 'Resultaten' : 'Antwoorden', columns: columns as XlsxColumn<Record<string, unknown>>[], rows }], {
            modified: options.now,
          })
        : jsonChunks(rows, (r) => r, format);
  return { fileName, contentType: EXPORT_CONTENT_TYPES[format], chunks };
}

/** The responses of every poll as one workbook sheet (for the all-widgets export). */
export function pollResponsesSheet(site: Site, responses: readonly PollResponseRecord[]): XlsxSheet<Record<string, unknown>> {
  const columns = RESPONSE_HEADERS.map((header) => ({ header, value: (row: Record<string, unknown>) => cell(row[header] as never) }));
  return { name: 'Peilingen', columns, rows: responses.map((r) => responseRecord(r, site.timeZone)) };
}
