/**
 * Poll exports: the results table (what the report shows, one row per answer) and the raw responses
 * (credible numbers come with their raw data). Headers are Dutch and fixed, as in the idea
 * export; CSV cells are neutralised by `csvChunks`, XLSX is written by `writeXlsx`.
 *
 * Results rows: one per answer and group (`alle` for everyone, then each respondent type). For
 * each statement a row with `antwoord` = `eens_totaal` carries the agree count, % eens and the n
 * with an opinion. Columns: see `resultExportColumns` and `responseExportColumns`.
 */
import {
  DEFAULT_STATEMENTS,
  POLL_RESPONDENT_TYPES,
  dutchText,
  translationsOf,
  type LocalizedText,
  statementsOf,
  type PollDefinition,
  type PollResults,
  type PollResultsByType,
} from '../../schema/index.js';
import { momentColumns, toCsvColumns, toXlsxColumns, type ExportColumn } from '../export/columns.js';
import { csvChunks, type CsvDelimiter } from '../export/csv.js';
import { EXPORT_CONTENT_TYPES, formatLocalDateTime, type ExportFormat } from '../export/ideas.js';
import { jsonChunks } from '../export/json.js';
import type { RequestsInFlight } from '../export/pace.js';
import { languageWord, pollAnswerWord, pollModeWord, pollPartWord, respondentWord } from '../export/words.js';
import { writeXlsx, type XlsxSheet } from '../export/xlsx.js';
import type { PollResponseRecord, Site } from '../store/types.js';

export interface ResultRow {
  peiling: string;
  onderdeel: 'vraag' | 'stelling';
  id: string;
  tekst: string;
  /** The same text in English and Arabic, when the poll has them. */
  tekst_en: string | null;
  tekst_ar: string | null;
  antwoord: string;
  aantal: number;
  procent: number | null;
  n: number;
  groep: string;
}

function rowsOf(poll: PollDefinition, r: PollResults, groep: string): ResultRow[] {
  const rows: ResultRow[] = [];
  const texts = (text: LocalizedText | undefined) => {
    const t = translationsOf(text);
    return { tekst: t.nl ?? '', tekst_en: t.en ?? null, tekst_ar: t.ar ?? null };
  };
  if (r.question) {
    for (const a of r.question.answers) {
      rows.push({
        peiling: poll.id,
        onderdeel: 'vraag',
        id: poll.id,
        ...texts(poll.question),
        antwoord: a.value,
        aantal: a.count,
        procent: a.percent,
        n: r.question.n,
        groep,
      });
    }
  }
  const statements = new Map(statementsOf(poll).map((s) => [s.id, s.text]));
  for (const s of r.statements) {
    const text = texts(statements.get(s.id) ?? s.text);
    for (const a of s.answers) {
      rows.push({
        peiling: poll.id,
        onderdeel: 'stelling',
        id: s.id,
        ...text,
        antwoord: a.value,
        aantal: a.count,
        procent: a.percent,
        n: s.answered,
        groep,
      });
    }
    rows.push({
      peiling: poll.id,
      onderdeel: 'stelling',
      id: s.id,
      ...text,
      antwoord: 'eens_totaal',
      aantal: s.agree,
      procent: s.percentAgree,
      n: s.n,
      groep,
    });
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

/** What the visitor saw for an answer: the option's label of a choice poll, else the Dutch word. */
function answerText(polls: readonly PollDefinition[], pollId: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const option = polls.find((p) => p.id === pollId)?.options?.find((o) => o.value === value);
  return option ? dutchText(option.label) : pollAnswerWord(value);
}

/** `statement text: Eens; …` for a response's statements, as the visitor saw them. */
function statementsText(
  polls: readonly PollDefinition[],
  pollId: string,
  statements: Record<string, string> | null | undefined,
): string | null {
  if (!statements || Object.keys(statements).length === 0) return null;
  const poll = polls.find((p) => p.id === pollId);
  const texts = new Map((poll ? statementsOf(poll) : DEFAULT_STATEMENTS).map((s) => [s.id, dutchText(s.text)]));
  return Object.entries(statements)
    .map(([id, value]) => `${texts.get(id) ?? id} — ${pollAnswerWord(value)}`)
    .join('; ');
}

/**
 * The results table. Keys (JSON) and headers (CSV, XLSX): `peiling` Peiling, `onderdeel` Onderdeel
 * (Vraag, Stelling), `id` Kenmerk, `tekst` Vraag of stelling, `antwoord` Antwoord (as the visitor saw
 * it; `eens_totaal` "Eens (totaal)"), `aantal` Aantal, `procent` Procent, `n` Van (n), `groep` Wie
 * (Iedereen, Bezoeker, …).
 */
export function resultExportColumns(polls: readonly PollDefinition[]): ExportColumn<ResultRow>[] {
  return [
    { key: 'peiling', header: 'Peiling', value: (r) => r.peiling, width: 16 },
    { key: 'onderdeel', header: 'Onderdeel', value: (r) => pollPartWord(r.onderdeel) },
    { key: 'id', header: 'Kenmerk', value: (r) => r.id, width: 16 },
    { key: 'tekst', header: 'Vraag of stelling', value: (r) => r.tekst, width: 50 },
    { key: 'tekst_en', header: 'Vraag of stelling in het Engels', value: (r) => r.tekst_en, width: 40 },
    { key: 'tekst_ar', header: 'Vraag of stelling in het Arabisch', value: (r) => r.tekst_ar, width: 40 },
    { key: 'antwoord', header: 'Antwoord', value: (r) => answerText(polls, r.peiling, r.antwoord), width: 20 },
    { key: 'aantal', header: 'Aantal', value: (r) => r.aantal },
    { key: 'procent', header: 'Procent', value: (r) => r.procent },
    { key: 'n', header: 'Van (n)', value: (r) => r.n },
    { key: 'groep', header: 'Wie', value: (r) => respondentWord(r.groep), width: 14 },
  ];
}

/**
 * The responses. Keys (JSON) and headers (CSV, XLSX): `id` Kenmerk, `peiling` Peiling,
 * `ontvangen_op_lokaal` Ontvangen op, `ontvangen_op` Ontvangen op (UTC), `antwoord` Antwoord,
 * `stellingen` Stellingen, `opmerking` Opmerking, `respondent` Wie, `verhaal` Verhaal,
 * `verhaal_in_rapport` Verhaal in rapport, `activiteit` Activiteit (kenmerk), `modus` Waar
 * ingevuld, `taal` Taal, `afgehandeld_op_lokaal` Afgehandeld op, `afgehandeld_op` Afgehandeld op
 * (UTC), `afgehandeld_door` Afgehandeld door.
 */
export function responseExportColumns(polls: readonly PollDefinition[], timeZone: string): ExportColumn<PollResponseRecord>[] {
  const moment = (key: string, header: string, get: (r: PollResponseRecord) => string | null) => momentColumns(key, header, get, timeZone);
  return [
    { key: 'id', header: 'Kenmerk', value: (r) => r.id, width: 38 },
    { key: 'peiling', header: 'Peiling', value: (r) => r.pollId, width: 16 },
    ...moment('ontvangen_op', 'Ontvangen op', (r) => r.receivedAt),
    { key: 'antwoord', header: 'Antwoord', value: (r) => answerText(polls, r.pollId, r.answer), width: 16 },
    { key: 'stellingen', header: 'Stellingen', value: (r) => statementsText(polls, r.pollId, r.statements), width: 60 },
    { key: 'opmerking', header: 'Opmerking', value: (r) => r.comment, width: 40 },
    { key: 'respondent', header: 'Wie', value: (r) => respondentWord(r.respondentType) },
    { key: 'verhaal', header: 'Verhaal', value: (r) => r.story, width: 60 },
    { key: 'verhaal_in_rapport', header: 'Verhaal in rapport', value: (r) => r.storySelected },
    { key: 'activiteit', header: 'Activiteit (kenmerk)', value: (r) => r.activityId },
    { key: 'modus', header: 'Waar ingevuld', value: (r) => pollModeWord(r.mode) },
    { key: 'taal', header: 'Taal', value: (r) => languageWord(r.locale) },
    ...moment('afgehandeld_op', 'Afgehandeld op', (r) => r.handledAt),
    { key: 'afgehandeld_door', header: 'Afgehandeld door', value: (r) => r.handledBy },
  ];
}

/** A response as a JSON record: the columns' keys, with the stored codes. */
const responseRecord = (r: PollResponseRecord, timeZone: string) => ({
  id: r.id,
  peiling: r.pollId,
  ontvangen_op_lokaal: formatLocalDateTime(r.receivedAt, timeZone),
  ontvangen_op: r.receivedAt,
  antwoord: r.answer,
  stellingen: r.statements,
  opmerking: r.comment,
  respondent: r.respondentType,
  verhaal: r.story,
  verhaal_in_rapport: r.storySelected,
  activiteit: r.activityId,
  modus: r.mode,
  taal: r.locale,
  afgehandeld_op_lokaal: r.handledAt ? formatLocalDateTime(r.handledAt, timeZone) : null,
  afgehandeld_op: r.handledAt,
  afgehandeld_door: r.handledBy,
});

export interface PollExportFile {
  fileName: string;
  contentType: string;
  chunks: AsyncGenerator<string | Buffer>;
}

export type PollExportTable = 'results' | 'responses';

export function pollExportFile(
  site: Site,
  poll: PollDefinition,
  table: PollExportTable,
  format: ExportFormat,
  data: { results: ResultRow[] } | { responses: PollResponseRecord[] },
  options: { delimiter: CsvDelimiter; now: Date; requests?: RequestsInFlight },
): PollExportFile {
  const day = formatLocalDateTime(options.now.toISOString(), site.timeZone).slice(0, 10);
  const name = table === 'results' ? 'resultaten' : 'antwoorden';
  const fileName = `buurtkit-${site.slug}-peiling-${poll.id}-${name}-${day}.${format}`;
  const sheet = table === 'results' ? 'Resultaten' : 'Antwoorden';
  const chunks =
    'results' in data
      ? exportChunks(resultExportColumns([poll]), data.results, (r) => ({ ...r }), sheet, format, options)
      : exportChunks(
          responseExportColumns([poll], site.timeZone),
          data.responses,
          (r) => responseRecord(r, site.timeZone),
          sheet,
          format,
          options,
        );
  return { fileName, contentType: EXPORT_CONTENT_TYPES[format], chunks };
}

function exportChunks<T>(
  columns: ExportColumn<T>[],
  rows: readonly T[],
  record: (row: T) => unknown,
  sheet: string,
  format: ExportFormat,
  options: { delimiter: CsvDelimiter; now: Date; requests?: RequestsInFlight | undefined },
): AsyncGenerator<string | Buffer> {
  return format === 'csv'
    ? csvChunks(toCsvColumns(columns), rows, { delimiter: options.delimiter, requests: options.requests })
    : format === 'xlsx'
      ? writeXlsx([{ name: sheet, columns: toXlsxColumns(columns), rows }], { modified: options.now, requests: options.requests })
      : jsonChunks(rows, record, format, options.requests);
}

/** The responses of every poll as one workbook sheet (for the all-widgets export). */
export function pollResponsesSheet(
  site: Site,
  polls: readonly PollDefinition[],
  responses: readonly PollResponseRecord[],
): XlsxSheet<PollResponseRecord> {
  return { name: 'Peilingen', columns: toXlsxColumns(responseExportColumns(polls, site.timeZone)), rows: responses };
}
